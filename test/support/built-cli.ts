import { CLI_BIN_ENV } from './cli-build-paths';

/** The bin/mam-prep.js of the CLI that Jest's globalSetup compiled once for the whole run. */
export function builtCliBin(): string {
  const bin = process.env[CLI_BIN_ENV];
  if (bin === undefined) throw new Error(`${CLI_BIN_ENV} is not set: run the tests through jest.config.js, whose globalSetup builds the CLI`);
  return bin;
}
