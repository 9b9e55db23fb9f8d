import "server-only";
import { openAppDatabase, type Database } from "@scalecast/api";

/**
 * One database per server process (a PGlite folder is single-process). Kept on globalThis so that
 * every bundle of the server (route handlers, pages, instrumentation) shares the same instance.
 */
const holder = globalThis as typeof globalThis & { __scalecastDatabase?: Promise<Database> };

/** The process's database: opened, migrated and (first start) seeded on first use. */
export function getDatabase(): Promise<Database> {
  holder.__scalecastDatabase ??= openAppDatabase(process.env, (line) => console.log(`scalecast: ${line}`));
  return holder.__scalecastDatabase;
}

/** Closes the database if it was opened (on SIGINT/SIGTERM). */
export async function closeDatabase(): Promise<void> {
  const pending = holder.__scalecastDatabase;
  holder.__scalecastDatabase = undefined;
  if (pending) await (await pending).close();
}
