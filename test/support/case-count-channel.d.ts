export declare const CASE_COUNTS_ENV: string;
