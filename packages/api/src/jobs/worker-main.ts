/** `npm run worker`: a fit worker process (see worker-process.ts). */
import { DatabaseStartError } from "@scalecast/db";
import { runWorkerProcess } from "./worker-process";

try {
  await runWorkerProcess();
} catch (error) {
  console.error(`scalecast: ${error instanceof DatabaseStartError ? error.message : `worker failed: ${(error as Error).stack}`}`);
  process.exitCode = 1;
}
