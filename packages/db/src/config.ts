import { resolve } from "node:path";
import { DatabaseStartError } from "./errors";

/** Where the data lives: an embedded PGlite folder, or a PostgreSQL server. */
export type DatabaseConfig =
  | { kind: "pglite"; dataDir: string }
  | { kind: "postgres"; url: string; host: string; port: number; database: string };

/** The embedded database's folder when neither SCALECAST_DATA_DIR nor an explicit folder is given. */
export const DEFAULT_DATA_DIR = ".scalecast/data";

/**
 * Reads the database choice from the environment: no DATABASE_URL → embedded PGlite in
 * SCALECAST_DATA_DIR (default ./.scalecast/data); DATABASE_URL=postgresql://… → that server.
 * Throws DatabaseStartError for a URL that is not a PostgreSQL URL.
 */
export function resolveDatabaseConfig(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) {
    const folder = env.SCALECAST_DATA_DIR?.trim() || DEFAULT_DATA_DIR;
    // The comment keeps Next's file tracer from treating this run-time path as a build input.
    return { kind: "pglite", dataDir: resolve(/* turbopackIgnore: true */ process.cwd(), folder) };
  }
  return parsePostgresUrl(url);
}

function parsePostgresUrl(url: string): DatabaseConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseStartError(
      "DATABASE_URL is not a valid URL; expected postgresql://user:password@host:5432/database",
    );
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new DatabaseStartError(
      `DATABASE_URL must start with postgresql:// (got ${parsed.protocol}//); unset it to use the embedded database`,
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!parsed.hostname || !database) {
    throw new DatabaseStartError(
      "DATABASE_URL must name a host and a database, e.g. postgresql://user:password@host:5432/scalecast",
    );
  }
  return { kind: "postgres", url, host: parsed.hostname, port: Number(parsed.port || 5432), database };
}

/** A one-line description of where the data lives, safe to log (no password). */
export function describeDatabase(config: DatabaseConfig): string {
  return config.kind === "pglite"
    ? `embedded PostgreSQL (PGlite) in ${config.dataDir}`
    : `PostgreSQL at ${config.host}:${config.port}/${config.database}`;
}
