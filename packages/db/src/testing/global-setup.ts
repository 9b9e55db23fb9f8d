import type { TestProject } from "vitest/node";
import "./provided-context";
import { startPostgresServer, type PostgresServer } from "./postgres-server";

/**
 * Vitest global setup for every package with database tests: uses DATABASE_URL when given, else starts a
 * throwaway PostgreSQL cluster and removes it after the run. No silent skip: when no server can be
 * started the run fails with the reason, unless SCALECAST_SKIP_PG=1 asks to test on PGlite only.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.SCALECAST_SKIP_PG === "1") {
    console.warn("SCALECAST_SKIP_PG=1: database tests run on PGlite only, not on a PostgreSQL server");
    project.provide("postgresUrl", "");
    return () => undefined;
  }
  if (process.env.DATABASE_URL) {
    project.provide("postgresUrl", process.env.DATABASE_URL);
    return () => undefined;
  }
  const server: PostgresServer = await startPostgresServer();
  project.provide("postgresUrl", server.url);
  return () => server.destroy();
}
