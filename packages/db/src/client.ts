import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describeDatabase, type DatabaseConfig } from "./config";
import { lockDataDir } from "./data-dir-lock";
import { DatabaseStartError } from "./errors";
import { PrismaClient } from "./generated/prisma/client";
import { pgliteSession, poolSession, type SqlSession } from "./sql";

/** An open database: the Prisma client, raw SQL for migrations and checks, and how to close it. */
export interface Database {
  kind: DatabaseConfig["kind"];
  /** Where the data lives, without credentials. */
  description: string;
  prisma: PrismaClient;
  sql: SqlSession;
  /** Disconnects Prisma, then closes PGlite cleanly (so the next start needs no recovery) or the pool. */
  close(): Promise<void>;
}

/** How long a server may take to answer the first query before the start gives up. */
const CONNECT_TIMEOUT_MS = 5_000;

/** Opens the configured database. Throws DatabaseStartError with a one-line reason when it cannot. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === "pglite" ? openPglite(config.dataDir) : openPostgres(config);
}

async function openPglite(dataDir: string): Promise<Database> {
  const unlock = lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir);
  } catch (error) {
    unlock();
    throw new DatabaseStartError(`cannot open the embedded database in ${dataDir}: ${(error as Error).message}`);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "pglite",
    description: describeDatabase({ kind: "pglite", dataDir }),
    prisma,
    sql: pgliteSession(pglite),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
      unlock();
    },
  };
}

async function openPostgres(config: Extract<DatabaseConfig, { kind: "postgres" }>): Promise<Database> {
  const pool = new pg.Pool({ connectionString: config.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle client losing its server (restart, failover) must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseStartError(connectionProblem(config, error));
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    description: describeDatabase(config),
    prisma,
    sql: poolSession(pool),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

function connectionProblem(config: Extract<DatabaseConfig, { kind: "postgres" }>, error: unknown): string {
  const where = `${config.host}:${config.port}`;
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === "ECONNREFUSED") return `cannot reach PostgreSQL at ${where}: connection refused (is the server running?)`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `cannot reach PostgreSQL at ${where}: unknown host ${config.host}`;
  if (/timeout/i.test(message)) return `cannot reach PostgreSQL at ${where}: no answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
  return `PostgreSQL at ${where}/${config.database} refused the connection: ${message}`;
}
