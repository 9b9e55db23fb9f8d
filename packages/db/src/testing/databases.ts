import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "../client";
import { resolveDatabaseConfig } from "../config";
import { migrate } from "../migrate";
import { startPostgresServer } from "./postgres-server";

/** One database engine the integration tests run against. */
export interface TestDatabaseTarget {
  kind: "pglite" | "postgres";
  /** Opens a new, empty, migrated database of this kind; `close` also deletes it. */
  open(): Promise<Database>;
}

/**
 * The engines to run each integration test on: embedded PGlite always, and the PostgreSQL server at
 * `postgresUrl` (from the global setup) unless it is empty (SCALECAST_SKIP_PG=1).
 */
export function testDatabaseTargets(postgresUrl: string): TestDatabaseTarget[] {
  const targets: TestDatabaseTarget[] = [{ kind: "pglite", open: openScratchPglite }];
  if (postgresUrl) targets.push({ kind: "postgres", open: () => openScratchPostgres(postgresUrl) });
  return targets;
}

async function openScratchPglite(): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), "scalecast-pglite-"));
  const db = await openDatabase({ kind: "pglite", dataDir: join(dir, "data") });
  await migrate(db.sql);
  return withCleanup(db, async () => rmSync(dir, { recursive: true, force: true }));
}

/** Creates an empty database `scalecast_test_<random>` on the server; `drop` deletes it. */
export async function createScratchPostgres(adminUrl: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `scalecast_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Opens a new migrated database on the server, so test files never see each other's rows. */
export async function openScratchPostgres(adminUrl: string): Promise<Database> {
  const scratch = await createScratchPostgres(adminUrl);
  const db = await openDatabase(resolveDatabaseConfig({ DATABASE_URL: scratch.url }));
  await migrate(db.sql);
  return withCleanup(db, scratch.drop);
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function withCleanup(db: Database, cleanup: () => Promise<void>): Database {
  return {
    ...db,
    close: async () => {
      await db.close();
      await cleanup();
    },
  };
}

/**
 * A migrated scratch database for a benchmark: on the PostgreSQL server at `adminUrl` (DATABASE_URL) when
 * there is one, else on a throwaway cluster started for it. `close` closes and drops it and stops the cluster.
 */
export async function openBenchPostgres(adminUrl = process.env.DATABASE_URL): Promise<{ db: Database; url: string; close(): Promise<void> }> {
  const server = adminUrl ? undefined : await startPostgresServer();
  const scratch = await createScratchPostgres(adminUrl ?? server!.url);
  const db = await openDatabase(resolveDatabaseConfig({ DATABASE_URL: scratch.url }));
  await migrate(db.sql);
  return {
    db,
    url: scratch.url,
    close: async () => {
      await db.close();
      await scratch.drop();
      server?.destroy();
    },
  };
}
