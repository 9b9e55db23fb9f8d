import type { Database } from "@scalecast/db";
import { createTaskPool, type TaskPool } from "../../workers/pool";
import { openAppDatabase } from "./open-app-database";

/** What every request of the server process shares: its one database (a PGlite folder allows a single opener) and fit worker pool. */
export interface AppServices {
  db: Database;
  pool: TaskPool;
}

/**
 * Held by this module: the web server (scripts/start.mjs) and Next's server import the same compiled module
 * (Next's routes import the package at run time rather than bundling it), so the process has one of each.
 */
let services: Promise<AppServices> | undefined;

/** The process's database (opened, migrated and, on the first start, seeded on first use) and fit worker pool. */
export function getAppServices(): Promise<AppServices> {
  services ??= openAppDatabase(process.env, (line) => console.log(`scalecast: ${line}`)).then((db) => ({ db, pool: createTaskPool() }));
  return services;
}

/** Stops the fit workers and closes the database, if they were opened (on SIGINT/SIGTERM). */
export async function closeAppServices(): Promise<void> {
  const pending = services;
  services = undefined;
  if (!pending) return;
  const { db, pool } = await pending;
  await pool.close();
  await db.close();
}
