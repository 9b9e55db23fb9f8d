import { exitCodeOf } from "./exit-codes";
import { createProgram } from "./program";

/** Entry point: every error becomes its message on stderr and the exit code of its kind (exit-codes.ts). */
try {
  await createProgram().parseAsync(process.argv);
} catch (e) {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exitCode = exitCodeOf(e);
}
