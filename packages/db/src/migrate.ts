import { embeddedMigrations } from "./generated/migrations";
import { DatabaseStartError } from "./errors";
import type { SqlQueries, SqlSession } from "./sql";

export interface Migration {
  name: string;
  checksum: string;
  sql: string;
}

export type MigrationState = "up-to-date" | "pending";

/** Any constant works; it only has to be the same for every replica of this app. */
const MIGRATION_LOCK_KEY = 7_231_905_112;

/** The history table Prisma Migrate uses, so `prisma migrate status` agrees with this runner. */
const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies pending migrations in one transaction under a Postgres advisory lock, so replicas starting
 * together against one server apply them once, and a failing migration leaves the database exactly as
 * it was (Postgres DDL is transactional). Throws DatabaseStartError naming the failing migration, or a
 * migration that was edited after it had been applied. Returns the names applied now.
 */
export async function migrate(
  session: SqlSession,
  migrations: readonly Migration[] = embeddedMigrations,
): Promise<string[]> {
  try {
    return await session.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
      await tx.exec(CREATE_HISTORY_TABLE);
      const pending = await pendingMigrations(tx, migrations);
      for (const migration of pending) {
        try {
          await tx.exec(migration.sql);
        } catch (error) {
          throw new DatabaseStartError(
            `migration ${migration.name} failed, nothing was applied: ${(error as Error).message}`,
          );
        }
        await tx.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
           VALUES (gen_random_uuid()::text, $1, $2, now(), 1)`,
          [migration.checksum, migration.name],
        );
      }
      return pending.map((m) => m.name);
    });
  } catch (error) {
    if (error instanceof DatabaseStartError) throw error;
    throw new DatabaseStartError(`could not apply migrations: ${(error as Error).message}`);
  }
}

/** Whether every known migration has been applied (used by the health endpoint). */
export async function migrationState(
  session: SqlQueries,
  migrations: readonly Migration[] = embeddedMigrations,
): Promise<MigrationState> {
  const exists = await session.query<{ present: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`,
  );
  if (!exists[0]?.present) return migrations.length === 0 ? "up-to-date" : "pending";
  return (await pendingMigrations(session, migrations)).length === 0 ? "up-to-date" : "pending";
}

async function pendingMigrations(session: SqlQueries, migrations: readonly Migration[]): Promise<Migration[]> {
  const rows = await session.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum !== undefined && checksum !== migration.checksum) {
      throw new DatabaseStartError(
        `migration ${migration.name} was changed after it was applied; add a new migration instead of editing it`,
      );
    }
  }
  return migrations.filter((m) => !applied.has(m.name));
}
