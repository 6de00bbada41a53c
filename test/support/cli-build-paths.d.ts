export declare const CLI_BIN_ENV: string;
export declare function cliBuildDir(root: string): string;
