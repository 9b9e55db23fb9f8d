import { createProgram } from "./program";

/** Entry point: every error becomes one line on stderr and exit code 1. */
try {
  await createProgram().parseAsync(process.argv);
} catch (e) {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
