import { DatabaseStartError, demoSignInLine, getTaskPool } from "@scalecast/api";
import { closeDatabase, getDatabase } from "./database";

/**
 * Runs once when the server starts: opens (and migrates, and seeds) the database before the first
 * request, and closes it on Ctrl-C / SIGTERM so the embedded folder is never left mid-write.
 * The start script sets NEXT_MANUAL_SIG_HANDLE so these handlers, not Next's, end the process.
 */
export async function startServer(): Promise<void> {
  try {
    const db = await getDatabase();
    console.log(`scalecast: database ready: ${db.description}`);
    const demo = await demoSignInLine(db);
    if (demo) console.log(`scalecast: ${demo}`);
    const pool = getTaskPool();
    console.log(`scalecast: fits run ${pool.mode === "workers" ? `in up to ${pool.size} worker thread(s)` : "in-process"}`);
  } catch (error) {
    const message = error instanceof DatabaseStartError ? error.message : `database start failed: ${(error as Error).message}`;
    console.error(`scalecast: ${message}`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`scalecast: ${signal} received, closing the database`);
    closeDatabase()
      .catch((error: unknown) => console.error(`scalecast: closing the database failed: ${(error as Error).message}`))
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}
