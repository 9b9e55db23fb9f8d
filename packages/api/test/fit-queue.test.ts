/**
 * Fit jobs through the queue, with real workers: writes enqueue (deduplicated per sweep and law), a worker
 * settles the state current with one computation however many writes queued it; bad data fails with its
 * reason at once; an internal error is retried, then recorded as INTERNAL_FIT_FAILURE; a worker process
 * killed with SIGKILL mid-job leaves its job to another worker once it expires, and the fit is stored once.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it, vi } from "vitest";
import { migrate, openDatabase, resolveDatabaseConfig, type Database } from "@scalecast/db";
import { createScratchPostgres, testDatabaseTargets } from "@scalecast/db/testing";
import { fitJobOptionsFromEnv, openFitQueue, type FitJobOptions } from "../src/jobs/fit-queue";
import { startFitWorker } from "../src/jobs/fit-worker";
import { EMBEDDED_WORKER_MESSAGE, runWorkerProcess } from "../src/jobs/worker-process";
import { INTERNAL_FIT_FAILURE } from "../src/services/fit/fit-state";
import { createTaskPool, type TaskPool } from "../src/workers/pool";
import { callerFor, openForSuite, poolWithBrokenInput, unique } from "./helpers";
import { buildWorld, runFor, type World } from "./world";

const inProcess = createTaskPool({ size: 0 });
/** Fast test settings: a worker polls twice a second and expires stalled jobs within a second or two. */
const FAST: Partial<FitJobOptions> = { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1 };
const WAIT = { timeout: 60_000, interval: 200 };

/** A 3×3 N×D grid a two-term law fits. */
const grid = () => [1e8, 3e8, 1e9].flatMap((n, i) => [2e9, 6e9, 2e10].map((d, j) => runFor(`g${i}${j}`, n, d, 1.7 + 400 / n ** 0.34 + 410 / d ** 0.28)));

interface JobRow extends Record<string, unknown> {
  state: string;
  retry_count: number;
  output: { computed?: boolean } | null;
}

/** The fit jobs of a sweep, oldest first (the queue's own table). */
const jobsOf = (db: Database, sweepId: string) =>
  db.sql.query<JobRow>(`SELECT state::text AS state, retry_count, output FROM pgboss.job WHERE name = 'fit' AND data->>'sweepId' = $1 ORDER BY created_on`, [sweepId]);

const stateOf = (db: Database, sweepId: string) => db.prisma.fitState.findUnique({ where: { sweepId_metric_model: { sweepId, metric: "loss", model: "" } } });

/** Replaces the sweep's queued job by one sent with these retry and expiry settings (fast ones by default). */
async function requeue(db: Database, sweepId: string, options: Partial<FitJobOptions>): Promise<void> {
  await db.sql.query(`DELETE FROM pgboss.job WHERE name = 'fit' AND data->>'sweepId' = $1`, [sweepId]);
  await (await openFitQueue(db, { ...FAST, ...options, maintain: false })).refitSweeps([sweepId]);
}

async function withWorker<T>(db: Database, pool: TaskPool, options: Partial<FitJobOptions>, body: () => Promise<T>): Promise<T> {
  const queue = await openFitQueue(db, { ...FAST, ...options, log: () => undefined });
  const worker = await startFitWorker({ db, pool, queue, log: () => undefined });
  try {
    return await body();
  } finally {
    await worker.stop(5_000);
  }
}

describe.each(testDatabaseTargets(inject("postgresUrl")))("the fit queue on $kind", (target) => {
  let db: Database;
  let world: World;
  openForSuite(target, async (opened) => {
    db = opened;
    world = await buildWorld(db);
  });
  const newSweep = async () =>
    (await db.prisma.sweep.create({ data: { methodologyId: world.methodology.id, name: unique("sweep"), axes: ["N", "D"], metric: "loss" } })).id;

  it("many writes to a sweep queue one job; a worker fits it once and settles the state current", async () => {
    const sweepId = await newSweep();
    const owner = callerFor(db, world.actors.owner);
    const runs = grid();
    for (const batch of [runs.slice(0, 3), runs.slice(3, 6), runs.slice(6)]) await owner.run.ingest({ sweepId, runs: batch });
    await owner.run.exclude({ sweepId, runKey: "g00", reason: "diverged" });
    await owner.run.include({ sweepId, runKey: "g00" });
    expect((await jobsOf(db, sweepId)).map((job) => job.state)).toEqual(["created"]);
    expect(await stateOf(db, sweepId)).toBeNull();

    await withWorker(db, inProcess, {}, async () => {
      const { runsVersion } = await db.prisma.sweep.findUniqueOrThrow({ where: { id: sweepId } });
      await vi.waitFor(async () => expect((await stateOf(db, sweepId))?.settledVersion).toBe(runsVersion), WAIT);
    });
    const state = await stateOf(db, sweepId);
    expect(state).toMatchObject({ failure: null, fitId: expect.any(String) });
    expect(await jobsOf(db, sweepId)).toEqual([{ state: "completed", retry_count: 0, output: expect.objectContaining({ computed: true, fitId: state!.fitId }) }]);
    expect(await db.prisma.fit.count({ where: { sweepId } })).toBe(1);
  });

  it("a job whose sweep is being fitted elsewhere waits for it, while other sweeps' jobs go on", async () => {
    const [busy, other] = [await newSweep(), await newSweep()];
    const owner = callerFor(db, world.actors.owner);
    await owner.run.ingest({ sweepId: busy, runs: grid() });
    // Another worker (here: this test, through the queue's own fetch) holds the busy sweep's job, still running.
    // Jobs earlier tests left queued go first, so the fetch takes the busy sweep's.
    await db.sql.query(`DELETE FROM pgboss.job WHERE name = 'fit' AND state = 'created' AND data->>'sweepId' <> $1`, [busy]);
    const holder = await openFitQueue(db, { ...FAST, maintain: false });
    const [held] = (await holder.boss.fetch("fit")) ?? [];
    expect(held?.data).toMatchObject({ sweepId: busy });
    await owner.run.ingest({ sweepId: busy, runs: [runFor("late", 3e9, 6e10, 1.95)] });
    await owner.run.ingest({ sweepId: other, runs: grid() });
    await withWorker(db, inProcess, {}, async () => {
      await vi.waitFor(async () => expect((await stateOf(db, other))?.failure).toBeNull(), WAIT);
      expect(await stateOf(db, busy)).toBeNull();
      // The later job found the sweep busy: it went back to the queue (each time it was tried), never computed.
      const states = (await jobsOf(db, busy)).map((job) => job.state);
      expect(states[0]).toBe("active");
      expect(states.at(-1)).toBe("created");
      expect(states.slice(1, -1).every((state) => state === "completed")).toBe(true);
      await holder.boss.complete("fit", held!.id);
      const { runsVersion } = await db.prisma.sweep.findUniqueOrThrow({ where: { id: busy } });
      await vi.waitFor(async () => expect((await stateOf(db, busy))?.settledVersion).toBe(runsVersion), WAIT);
    });
    expect((await jobsOf(db, busy)).filter((job) => job.output?.computed)).toHaveLength(1);
  });

  it("a worker works a backlog one job after another, without waiting a polling interval between them", async () => {
    const sweeps = [await newSweep(), await newSweep(), await newSweep()];
    const owner = callerFor(db, world.actors.owner);
    for (const sweepId of sweeps) await owner.run.ingest({ sweepId, runs: grid() });
    // The worker polls once as it starts and then not for ten minutes: only finishing a job can make it look again.
    await withWorker(db, inProcess, { pollingIntervalSeconds: 600 }, async () => {
      for (const sweepId of sweeps) await vi.waitFor(async () => expect((await stateOf(db, sweepId))?.failure).toBeNull(), WAIT);
    });
  });

  it("runs written without a queued job (the queue could not take it) are fitted by the worker's periodic check", async () => {
    const sweepId = await newSweep();
    await withWorker(db, inProcess, { reconcileIntervalSeconds: 1 }, async () => {
      await db.prisma.run.createMany({ data: grid().map((run) => ({ sweepId, ...run })) });
      const { runsVersion } = await db.prisma.sweep.findUniqueOrThrow({ where: { id: sweepId } });
      await vi.waitFor(async () => expect((await stateOf(db, sweepId))?.settledVersion).toBe(runsVersion), WAIT);
    });
    expect(await stateOf(db, sweepId)).toMatchObject({ failure: null, fitId: expect.any(String) });
  });

  it("pinning a law makes the state refitting and queues a job that fits the pinned law", async () => {
    const sweepId = await newSweep();
    const owner = callerFor(db, world.actors.owner);
    await owner.run.ingest({ sweepId, runs: grid() });
    await withWorker(db, inProcess, {}, async () => {
      await vi.waitFor(async () => expect((await jobsOf(db, sweepId)).map((job) => job.state)).toEqual(["completed"]), WAIT);
      const before = await stateOf(db, sweepId);
      await owner.sweep.pinModel({ sweepId, model: "chinchilla" });
      const { runsVersion } = await db.prisma.sweep.findUniqueOrThrow({ where: { id: sweepId } });
      expect(runsVersion).toBeGreaterThan(before!.settledVersion!);
      await vi.waitFor(async () => expect((await stateOf(db, sweepId))?.settledVersion).toBe(runsVersion), WAIT);
    });
    const fit = await db.prisma.fit.findUniqueOrThrow({ where: { id: (await stateOf(db, sweepId))!.fitId! } });
    expect(fit.model).toBe("chinchilla");
  });

  it("bad data settles the state failed with the reason, without a retry", async () => {
    const sweepId = await newSweep();
    await callerFor(db, world.actors.owner).run.ingest({ sweepId, runs: [runFor("a", 1e8, 2e9, 3.1), runFor("b", 2e8, 4e9, 2.9)] });
    await withWorker(db, inProcess, {}, async () => {
      await vi.waitFor(async () => expect((await jobsOf(db, sweepId)).map((job) => job.state)).toEqual(["completed"]), WAIT);
    });
    expect((await jobsOf(db, sweepId))[0]!.retry_count).toBe(0);
    expect((await stateOf(db, sweepId))?.failure).toMatch(/^sweep ".*": /);
  });

  it("an internal error is retried, then recorded as an internal failure", async () => {
    const sweepId = await newSweep();
    await callerFor(db, world.actors.owner).run.ingest({ sweepId, runs: grid() });
    await requeue(db, sweepId, { retryLimit: 1 });
    // Every task fails as a bug does (not the data's fault).
    const broken = poolWithBrokenInput(createTaskPool({ size: 1 }));
    try {
      await withWorker(db, broken, { retryLimit: 1 }, async () => {
        await vi.waitFor(async () => expect((await jobsOf(db, sweepId)).map((job) => job.state)).toEqual(["failed"]), WAIT);
      });
    } finally {
      await broken.close();
    }
    expect((await jobsOf(db, sweepId))[0]!.retry_count).toBe(1);
    expect(await stateOf(db, sweepId)).toMatchObject({ failure: INTERNAL_FIT_FAILURE, fitId: null });
  });
});

describe("SCALECAST_FIT_JOB_TIMEOUT", () => {
  it("sets the job timeout in seconds, and a bad value is refused with the variable named", () => {
    expect(fitJobOptionsFromEnv({})).toEqual({});
    expect(fitJobOptionsFromEnv({ SCALECAST_FIT_JOB_TIMEOUT: "90" })).toEqual({ expireInSeconds: 90 });
    for (const bad of ["0", "1.5", "ten", ""]) {
      expect(() => fitJobOptionsFromEnv({ SCALECAST_FIT_JOB_TIMEOUT: bad })).toThrow(`SCALECAST_FIT_JOB_TIMEOUT must be a whole number of seconds (at least 1), got "${bad}"`);
    }
  });
});

describe("fit worker processes", () => {
  const postgresUrl = inject("postgresUrl");

  it("refuse the embedded database, saying why", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scalecast-worker-"));
    try {
      await expect(runWorkerProcess({ SCALECAST_DATA_DIR: join(dir, "data") }, () => undefined)).rejects.toThrow(EMBEDDED_WORKER_MESSAGE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!postgresUrl)("a worker killed with SIGKILL mid-job: the job expires, another worker fits it, stored once", async () => {
    const scratch = await createScratchPostgres(postgresUrl);
    const db = await openDatabase(resolveDatabaseConfig({ DATABASE_URL: scratch.url }));
    try {
      await migrate(db.sql);
      const world = await buildWorld(db);
      const sweepId = world.sweep.id;
      await callerFor(db, world.actors.owner).run.ingest({ sweepId, runs: grid() });
      await requeue(db, sweepId, { expireInSeconds: 3 });

      const main = fileURLToPath(new URL("../src/jobs/worker-main.ts", import.meta.url));
      const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", main], {
        env: { ...process.env, DATABASE_URL: scratch.url, SCALECAST_FIT_WORKERS: "1" },
        stdio: "ignore",
      });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      await vi.waitFor(async () => expect((await jobsOf(db, sweepId)).map((job) => job.state)).toEqual(["active"]), WAIT);
      child.kill("SIGKILL");
      await exited;
      expect(await stateOf(db, sweepId)).toBeNull();

      // The new worker also queues the sweep (unsettled at its start): that job goes back to the queue while
      // the killed one is active, until the killed one expires and is retried.
      await withWorker(db, inProcess, {}, async () => {
        await vi.waitFor(async () => expect((await jobsOf(db, sweepId)).every((job) => job.state === "completed")).toBe(true), WAIT);
      });
      const [killed, ...later] = await jobsOf(db, sweepId);
      expect(killed!.retry_count).toBe(1);
      expect([killed!, ...later].filter((job) => job.output?.computed)).toHaveLength(1);
      expect(await stateOf(db, sweepId)).toMatchObject({ failure: null, fitId: expect.any(String) });
      expect(await db.prisma.fit.count({ where: { sweepId } })).toBe(1);
    } finally {
      await db.close();
      await scratch.drop();
    }
  }, 180_000);
});
