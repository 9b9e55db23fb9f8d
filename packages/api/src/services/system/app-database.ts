import type { Database } from "@scalecast/db";
import { openAppDatabase } from "./open-app-database";

/**
 * The server process's one database (a PGlite folder allows a single opener). Kept on globalThis because
 * the server loads this package twice: the REST API from source, and the dashboard's bundled copy.
 */
const holder = globalThis as typeof globalThis & { __scalecastDatabase?: Promise<Database> };

/** The process's database: opened, migrated and (first start) seeded on first use. */
export function getAppDatabase(): Promise<Database> {
  holder.__scalecastDatabase ??= openAppDatabase(process.env, (line) => console.log(`scalecast: ${line}`));
  return holder.__scalecastDatabase;
}

/** Closes the database if it was opened (on SIGINT/SIGTERM). */
export async function closeAppDatabase(): Promise<void> {
  const pending = holder.__scalecastDatabase;
  holder.__scalecastDatabase = undefined;
  if (pending) await (await pending).close();
}
