/**
 * A workbook file that cannot be read. The message is one line that names the file and the reason;
 * the CLI prints it as is (never a stack trace) and carries on with the other files.
 */
export class WorkbookFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'WorkbookFileError';
  }
}
