/**
 * A fit worker process (`npm run worker`, `scalecast worker`): opens the PostgreSQL server at DATABASE_URL
 * (migrating it if needed), works the fit queue with SCALECAST_FIT_WORKERS threads until SIGINT/SIGTERM,
 * then lets its jobs finish (or go back to the queue) and closes. Any number of these and of web replicas
 * share one server's queue.
 */
import { DatabaseStartError, resolveDatabaseConfig } from "@scalecast/db";
import { openAppDatabase } from "../services/system/open-app-database";
import { createTaskPool, defaultPoolSize } from "../workers/pool";
import { fitJobOptionsFromEnv, openFitQueue } from "./fit-queue";
import { startFitWorker } from "./fit-worker";

export const EMBEDDED_WORKER_MESSAGE =
  "a separate fit worker needs a PostgreSQL server: set DATABASE_URL. The embedded database allows one process per folder, so `npm start` works its fit jobs itself";

/** Runs a worker until SIGINT or SIGTERM. Throws DatabaseStartError when it cannot start. */
export async function runWorkerProcess(env: Record<string, string | undefined> = process.env, log: (line: string) => void = (line) => console.log(`scalecast: ${line}`)): Promise<void> {
  if (resolveDatabaseConfig(env).kind === "pglite") throw new DatabaseStartError(EMBEDDED_WORKER_MESSAGE);
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve(signal));
  });
  const db = await openAppDatabase(env, log, { seed: false });
  const pool = createTaskPool({ size: defaultPoolSize(env) });
  try {
    const queue = await openFitQueue(db, { ...fitJobOptionsFromEnv(env), log });
    const worker = await startFitWorker({ db, pool, queue, log });
    log(`fit worker ready on ${db.description}: ${worker.concurrency} job(s) at once`);
    log(`${await stopped} received, finishing the jobs in hand`);
    await worker.stop();
  } finally {
    await pool.close();
    await db.close();
  }
}
