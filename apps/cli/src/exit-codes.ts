/**
 * What `scalecast` exits with (listed in --help): 0 done, 1 a usage mistake (an unknown option or file, a
 * sweep that does not exist), 2 bad data (a file or value the command cannot use), 3 the server or the
 * network failed, 4 the server refused the credentials. A script tells them apart without reading messages.
 */
import { InputError } from "@scalecast/core";

export const EXIT_CODES = { ok: 0, usage: 1, badData: 2, server: 3, auth: 4 } as const;
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

export const EXIT_CODES_HELP = `
Exit codes:
  0  done
  1  usage: an unknown option, file or sweep
  2  bad data: a file or value the command cannot use (every problem is listed)
  3  the server or the network failed (after retries; running the command again is safe)
  4  the server refused the API token (missing, unknown, revoked, or not allowed to write here)`;

/** An error that says which exit code it means. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

export const badData = (message: string) => new CliError(EXIT_CODES.badData, message);

/** The exit code of a failure: its own, core's bad data (an unknown law or preset name is a usage mistake), else usage. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof InputError) return error.code === "unknown-name" ? EXIT_CODES.usage : EXIT_CODES.badData;
  return EXIT_CODES.usage;
}
