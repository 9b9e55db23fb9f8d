import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { embeddedMigrations } from "../src/generated/migrations";
import {
  DatabaseStartError,
  isUniqueViolation,
  migrate,
  migrationState,
  openDatabase,
  resolveDatabaseConfig,
  type Database,
} from "../src";
import { createScratchPostgres, testDatabaseTargets } from "../src/testing";

describe.each(testDatabaseTargets(inject("postgresUrl")))("database on $kind", (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  async function createSweep(name: string) {
    const team = await db.prisma.team.create({ data: { slug: `team-${name}`, name: `Team ${name}` } });
    const methodology = await db.prisma.methodology.create({ data: { teamId: team.id, name: "web crawl v2" } });
    return db.prisma.sweep.create({
      data: { methodologyId: methodology.id, name, axes: ["N", "D"], metric: "loss", direction: "lower" },
    });
  }

  it("reads back a run written through the client, scales and metrics intact", async () => {
    const sweep = await createSweep("readback");
    await db.prisma.run.create({
      data: { sweepId: sweep.id, runKey: "run-1", scales: { N: 1.2e8, D: 2.4e9 }, metrics: { loss: 2.91 }, seed: 7 },
    });
    const runs = await db.prisma.run.findMany({ where: { sweepId: sweep.id } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ runKey: "run-1", scales: { N: 1.2e8, D: 2.4e9 }, metrics: { loss: 2.91 }, seed: 7 });
  });

  it("rejects a second run with the same run key in one sweep", async () => {
    const sweep = await createSweep("duplicate");
    const run = { sweepId: sweep.id, runKey: "same", scales: { D: 1e9 }, metrics: { loss: 3 } };
    await db.prisma.run.create({ data: run });
    const error = await db.prisma.run.create({ data: run }).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(await db.prisma.run.count({ where: { sweepId: sweep.id } })).toBe(1);
  });

  it("applies migrations twice without harm and reports them up to date", async () => {
    expect(await migrate(db.sql)).toEqual([]);
    expect(await migrationState(db.sql)).toBe("up-to-date");
    const history = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    expect(history[0]?.n).toBe(embeddedMigrations.length);
  });

  it("reports a migration it has not applied yet as pending", async () => {
    const extra = { name: "99999999999999_later", checksum: "x", sql: "SELECT 1" };
    expect(await migrationState(db.sql, [...embeddedMigrations, extra])).toBe("pending");
  });

  it("rolls a failing migration back completely and names it", async () => {
    const broken = {
      name: "99999999999999_broken",
      checksum: "b",
      sql: `CREATE TABLE "HalfWritten" (id int); ALTER TABLE "Run" ADD COLUMN "oops" int; SELECT no_such_function();`,
    };
    await expect(migrate(db.sql, [...embeddedMigrations, broken])).rejects.toThrow(
      /^migration 99999999999999_broken failed, nothing was applied: .*no_such_function/,
    );
    const leftovers = await db.sql.query<{ t: string | null; c: number }>(
      `SELECT to_regclass('"HalfWritten"')::text AS t,
              (SELECT count(*)::int FROM information_schema.columns WHERE table_name = 'Run' AND column_name = 'oops') AS c`,
    );
    expect(leftovers[0]).toEqual({ t: null, c: 0 });
    expect(await migrationState(db.sql)).toBe("up-to-date");
  });

  it("runs a script of several statements, returning the rows of each; a failing one leaves no transaction open", async () => {
    expect(await db.sql.script("SELECT 1 AS a; SELECT 2 AS b UNION ALL SELECT 3")).toEqual([{ a: 1 }, { b: 2 }, { b: 3 }]);
    await expect(db.sql.script("BEGIN; CREATE TABLE script_probe (x int); SELECT 1 / 0; COMMIT;")).rejects.toThrow(/division by zero/);
    expect(await db.sql.query("SELECT to_regclass('script_probe') IS NULL AS absent")).toEqual([{ absent: true }]);
    expect(await db.sql.script("SELECT 4 AS c")).toEqual([{ c: 4 }]);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const [first, ...rest] = embeddedMigrations;
    const edited = { ...first!, checksum: "0".repeat(64) };
    await expect(migrate(db.sql, [edited, ...rest])).rejects.toThrow(
      `migration ${first!.name} was changed after it was applied; add a new migration instead of editing it`,
    );
  });
});

describe("opening the database", () => {
  const scratch = mkdtempSync(join(tmpdir(), "scalecast-open-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("keeps the embedded data across a clean close and reopen", async () => {
    const dataDir = join(scratch, "persist");
    const first = await openDatabase({ kind: "pglite", dataDir });
    await migrate(first.sql);
    await first.prisma.team.create({ data: { slug: "kept", name: "Kept" } });
    await first.close();
    const second = await openDatabase({ kind: "pglite", dataDir });
    expect(await migrate(second.sql)).toEqual([]);
    expect(await second.prisma.team.findUnique({ where: { slug: "kept" } })).toMatchObject({ name: "Kept" });
    await second.close();
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const dataDir = join(scratch, "stale");
    writeFileSync(`${dataDir}.lock`, "999999999");
    const db = await openDatabase({ kind: "pglite", dataDir });
    await db.close();
  });

  it("says why a data folder cannot be used", async () => {
    const file = join(scratch, "a-file");
    writeFileSync(file, "");
    await expect(openDatabase({ kind: "pglite", dataDir: join(file, "data") })).rejects.toThrow(
      `cannot use the data folder ${join(file, "data")}: ENOTDIR`,
    );
  });

  it("says a server that is not running cannot be reached, within seconds", async () => {
    const started = Date.now();
    const error = await openDatabase({
      kind: "postgres",
      url: "postgresql://u@127.0.0.1:1/db",
      host: "127.0.0.1",
      port: 1,
      database: "db",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseStartError);
    expect((error as Error).message).toBe(
      "cannot reach PostgreSQL at 127.0.0.1:1: connection refused (is the server running?)",
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

// Needs a server: two replicas share one database there. PGlite is single-process by design.
describe.skipIf(!inject("postgresUrl"))("two replicas starting together on one server", () => {
  it("apply the migrations once, both start", async () => {
    const scratch = await createScratchPostgres(inject("postgresUrl"));
    const config = resolveDatabaseConfig({ DATABASE_URL: scratch.url });
    const replicas = await Promise.all([openDatabase(config), openDatabase(config)]);
    try {
      const applied = await Promise.all(replicas.map((replica) => migrate(replica.sql)));
      expect(applied.map((names) => names.length).sort()).toEqual([0, embeddedMigrations.length]);
      const history = await replicas[0]!.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
      expect(history[0]?.n).toBe(embeddedMigrations.length);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
      await scratch.drop();
    }
  });
});
