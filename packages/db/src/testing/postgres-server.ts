import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The Debian PostgreSQL 15 server binaries the integration tests start a throwaway cluster from. */
export const POSTGRES_BIN = process.env.SCALECAST_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface PostgresServer {
  /** Superuser URL of the cluster's `postgres` database. */
  url: string;
  port: number;
  /** Stops the server (fast shutdown); `start` brings it back with the same data. */
  stop(): void;
  start(): void;
  /** Stops the server and deletes its folder. */
  destroy(): void;
}

/**
 * Starts a throwaway PostgreSQL cluster on a free loopback port (trust auth, fsync off: test data only).
 * As root, the cluster runs as the `postgres` user, as initdb refuses to run as root.
 * Throws with the reason when the binaries are missing or the server does not start.
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  if (!existsSync(join(POSTGRES_BIN, "pg_ctl"))) {
    throw new Error(
      `no PostgreSQL server binaries in ${POSTGRES_BIN} (install Debian's postgresql-15, set SCALECAST_PG_BIN, set DATABASE_URL to a server, or set SCALECAST_SKIP_PG=1 to skip the server tests)`,
    );
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "scalecast-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, uidOf("postgres"), gidOf("postgres"));
  const run = (binary: string, args: string[]): void => {
    const command = join(POSTGRES_BIN, binary);
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
    execFileSync(file, argv, { stdio: "pipe" });
  };
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = (): void => run("pg_ctl", ["-D", join(dir, "data"), "-o", options, "-l", join(dir, "log"), "-w", "start"]);
  const stop = (): void => run("pg_ctl", ["-D", join(dir, "data"), "-m", "fast", "-w", "stop"]);
  try {
    run("initdb", ["-D", join(dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync"]);
    start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`could not start a PostgreSQL test server: ${stderr || (error as Error).message}`);
  }
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop,
    start,
    destroy: () => {
      try {
        stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function uidOf(user: string): number {
  return Number(execFileSync("id", ["-u", user]).toString().trim());
}

function gidOf(user: string): number {
  return Number(execFileSync("id", ["-g", user]).toString().trim());
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}
