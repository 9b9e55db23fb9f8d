import type { PGlite } from "@electric-sql/pglite";
import type { Pool, QueryResult } from "pg";

/** Raw SQL access shared by PGlite and a pg Pool: what the migration runner and health checks need. */
export interface SqlQueries {
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs one or more statements separated by semicolons (simple query protocol). */
  exec(sql: string): Promise<void>;
}

export interface SqlSession extends SqlQueries {
  /**
   * Runs a script of one or more statements (simple query protocol) on one connection and returns the rows
   * of all of them, in order. A script that fails is rolled back, so a BEGIN inside it leaves no
   * transaction open (what a library that sends its own BEGIN ... COMMIT needs, e.g. the job queue).
   */
  script(sql: string): Promise<Record<string, unknown>[]>;
  /** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T>;
  /**
   * Runs `work` (which may use any connection, Prisma's included) while holding the Postgres advisory lock
   * `key`, so processes sharing a server run it one at a time. The lock is a session lock on a connection
   * of its own, closed afterwards: it ends with that connection whatever happens. PGlite has one process
   * per folder (the data-folder lock), so there `work` just runs.
   */
  exclusive<T>(key: number, work: () => Promise<T>): Promise<T>;
}

export function pgliteSession(db: PGlite): SqlSession {
  const wrap = (q: Pick<PGlite, "query" | "exec">): SqlQueries => ({
    query: async <T extends Record<string, unknown>>(sql: string, params?: unknown[]) =>
      (await q.query<T>(sql, params)).rows,
    exec: async (sql) => {
      await q.exec(sql);
    },
  });
  return {
    ...wrap(db),
    script: async (sql) => {
      try {
        return (await db.exec(sql)).flatMap((result) => result.rows as Record<string, unknown>[]);
      } catch (error) {
        await db.exec("ROLLBACK").catch(() => undefined);
        throw error;
      }
    },
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    exclusive: (_key, work) => work(),
  };
}

export function poolSession(pool: Pool): SqlSession {
  return {
    query: async <T extends Record<string, unknown>>(sql: string, params?: unknown[]) =>
      (await pool.query<T>(sql, params)).rows,
    exec: async (sql) => {
      await pool.query(sql);
    },
    script: async (sql) => {
      const client = await pool.connect();
      try {
        const results = (await client.query(sql)) as unknown as QueryResult | QueryResult[];
        return (Array.isArray(results) ? results : [results]).flatMap((result) => result.rows as Record<string, unknown>[]);
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work({
          query: async <T extends Record<string, unknown>>(sql: string, params?: unknown[]) =>
            (await client.query<T>(sql, params)).rows,
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exclusive: async (key, work) => {
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [key]);
        return await work();
      } finally {
        client.release(true);
      }
    },
  };
}
