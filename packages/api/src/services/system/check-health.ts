import { migrationState, type Database } from "@scalecast/db";

/** The health endpoint's answer: the database answers and its migrations are all applied. */
export async function checkHealth(db: Database) {
  const migrations = await migrationState(db.sql);
  return { status: migrations === "up-to-date" ? "ok" : "degraded", db: db.kind, migrations } as const;
}
