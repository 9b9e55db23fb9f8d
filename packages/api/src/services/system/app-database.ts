import type { Database } from "@scalecast/db";
import { fitJobOptionsFromEnv, openFitQueue, type FitQueue } from "../../jobs/fit-queue";
import { openAppDatabase } from "./open-app-database";

/**
 * The server process's one database (a PGlite folder allows a single opener). Kept on globalThis because
 * the server loads this package twice: the REST API from source, and the dashboard's bundled copy.
 */
const holder = globalThis as typeof globalThis & { __scalecastDatabase?: Promise<Database>; __scalecastFitQueue?: Promise<FitQueue> };

/** The process's database: opened, migrated and (first start) seeded on first use. */
export function getAppDatabase(): Promise<Database> {
  holder.__scalecastDatabase ??= openAppDatabase(process.env, (line) => console.log(`scalecast: ${line}`));
  return holder.__scalecastDatabase;
}

/** The process's fit queue on its database: writes enqueue into it, and an in-process worker works it. */
export function getAppFitQueue(): Promise<FitQueue> {
  holder.__scalecastFitQueue ??= getAppDatabase().then((db) => openFitQueue(db, fitJobOptionsFromEnv(process.env)));
  return holder.__scalecastFitQueue;
}

/**
 * Closes the database if it was opened (on SIGINT/SIGTERM), after stopping the fit queue (a worker's jobs
 * in hand finish or go back to the queue).
 */
export async function closeAppDatabase(): Promise<void> {
  const queue = holder.__scalecastFitQueue;
  holder.__scalecastFitQueue = undefined;
  if (queue) await (await queue).stop();
  const pending = holder.__scalecastDatabase;
  holder.__scalecastDatabase = undefined;
  if (pending) await (await pending).close();
}
