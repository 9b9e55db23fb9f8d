import type { Database } from "@scalecast/db";
import { fitJobOptionsFromEnv, openFitQueue, type FitJobs, type FitQueue } from "../../jobs/fit-queue";
import { createTaskPool, type TaskPool } from "../../workers/pool";
import { openAppDatabase } from "./open-app-database";

/**
 * What every request shares: the database (a PGlite folder allows a single opener), the fit worker pool,
 * and the fit queue writes enqueue into.
 */
export interface AppServices {
  db: Database;
  pool: TaskPool;
  fitJobs: FitJobs;
}

/** The server process's services: its fit queue is also what an in-process worker works. */
export type AppProcessServices = AppServices & { fitJobs: FitQueue };

/**
 * Held by this module: the web server (scripts/start.mjs) and Next's server import the same compiled module
 * (Next's routes import the package at run time rather than bundling it), so the process has one of each.
 */
let services: Promise<AppProcessServices> | undefined;

/** The process's database (opened, migrated and, on the first start, seeded on first use), fit worker pool and fit queue. */
export function getAppServices(): Promise<AppProcessServices> {
  services ??= openAppDatabase(process.env, (line) => console.log(`scalecast: ${line}`)).then(async (db) => {
    try {
      const fitJobs = await openFitQueue(db, fitJobOptionsFromEnv(process.env));
      return { db, pool: createTaskPool(), fitJobs };
    } catch (error) {
      await db.close();
      throw error;
    }
  });
  return services;
}

/**
 * Stops the fit queue (a worker's jobs in hand finish or go back to the queue), then the fit workers, and
 * closes the database, if they were opened (on SIGINT/SIGTERM).
 */
export async function closeAppServices(): Promise<void> {
  const pending = services;
  services = undefined;
  if (!pending) return;
  const { db, pool, fitJobs } = await pending;
  await fitJobs.stop();
  await pool.close();
  await db.close();
}
