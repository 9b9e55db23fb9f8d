/**
 * `scalecast worker`: a fit worker process on the PostgreSQL server at DATABASE_URL, working the fit job
 * queue with SCALECAST_FIT_WORKERS threads until Ctrl-C / SIGTERM (then its jobs in hand finish or go back
 * to the queue). Same as `npm run worker`. Not for the embedded database: `npm start` works its jobs itself.
 */
import type { Command } from "commander";

export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("work fit jobs from the PostgreSQL server at DATABASE_URL until stopped (SCALECAST_FIT_WORKERS threads)")
    .action(async () => {
      const { runWorkerProcess } = await import("@scalecast/api/worker");
      await runWorkerProcess();
    });
}
