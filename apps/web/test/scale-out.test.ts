/**
 * Scale-out on one PostgreSQL server: 3 web replicas (`npm start`'s server with DATABASE_URL, no in-process
 * worker) and 2 fit worker processes (what `npm run worker` runs). Runs ingested through one replica are read
 * back fitted through another; every data fingerprint is fitted once (fit computations counted from the
 * jobs' outputs, not only rows); workers killed with SIGKILL mid-job are survived; a replica restarted
 * under load loses no acknowledged request.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createUser, openAppDatabase, type Database } from "@scalecast/api";
import { createScratchPostgres } from "@scalecast/db/testing";
import { runStartScript, startApp, type RunningApp } from "./app-server";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
/** What `npm run worker` runs: the compiled worker (the web tests run after the build). */
const WORKER_MAIN = join(repoRoot, "packages/api/dist/jobs/worker-main.js");
const WAIT = { timeout: 150_000, interval: 250 };
/**
 * Replicas queue jobs that time out after 20 s, so a killed worker's job is retried within the test (and a
 * fit on this loaded 2-core machine still finishes within its timeout).
 */
const REPLICA_ENV = { SCALECAST_WORKER: "0", SCALECAST_FIT_JOB_TIMEOUT: "20" };

/** A 3×3 N×D grid a two-term law fits, keys prefixed. */
const grid = (prefix: string) =>
  [1e8, 3e8, 1e9].flatMap((n, i) => [2e9, 6e9, 2e10].map((d, j) => ({ runKey: `${prefix}-${i}${j}`, scales: { N: n, D: d }, metrics: { loss: 1.7 + 400 / n ** 0.34 + 410 / d ** 0.28 } })));

describe.skipIf(!inject("postgresUrl"))("3 web replicas and 2 fit workers on one PostgreSQL", () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgres>>;
  let db: Database;
  let replicas: RunningApp[] = [];
  let workers: ChildProcess[] = [];
  let token = "";
  let cookie = "";
  let methodologyId = "";

  const startWorker = () =>
    spawn(process.execPath, [WORKER_MAIN], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: scratch.url, SCALECAST_FIT_WORKERS: "1" }, stdio: "ignore" });
  const killWorkers = async (signal: NodeJS.Signals) => {
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null || w.signalCode !== null ? r(null) : (w.once("exit", r), w.kill(signal))))));
    workers = [];
  };
  const newSweep = async (name: string) => (await db.prisma.sweep.create({ data: { methodologyId, name, axes: ["N", "D"], metric: "loss" } })).id;
  const ingest = (url: string, sweepId: string, runs: unknown[]) =>
    fetch(`${url}/api/v1/runs`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ sweepId, runs }) });
  const settledCurrent = async (sweepId: string) => {
    const [row] = await db.sql.query<{ current: boolean }>(
      `SELECT f."settledVersion" = s."runsVersion" AND f."failure" IS NULL AS current FROM "Sweep" s
       LEFT JOIN "FitState" f ON f."sweepId" = s."id" AND f."metric" = s."metric" AND f."model" = '' WHERE s."id" = $1`,
      [sweepId],
    );
    return row?.current === true;
  };
  const jobsOf = (sweepId: string) =>
    db.sql.query<{ state: string; retry_count: number }>(`SELECT state::text AS state, retry_count FROM pgboss.job WHERE name = 'fit' AND data->>'sweepId' = $1 ORDER BY created_on`, [sweepId]);

  beforeAll(async () => {
    scratch = await createScratchPostgres(inject("postgresUrl"));
    // An install with a team already: the replicas do not seed the demo (whose jobs would queue first).
    db = await openAppDatabase({ DATABASE_URL: scratch.url }, () => undefined, { seed: false });
    const owner = await createUser(db, { email: "owner@example.com", name: "Owner", password: "correct horse battery", team: { slug: "scale" }, role: "owner", admin: false });
    methodologyId = (await db.prisma.methodology.create({ data: { teamId: owner.team!.id, name: "scale-out" } })).id;
    replicas = await Promise.all([0, 1, 2].map(() => startApp({ DATABASE_URL: scratch.url, ...REPLICA_ENV })));
    workers = [startWorker(), startWorker()];
    const signIn = await fetch(`${replicas[0]!.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: replicas[0]!.url },
      body: JSON.stringify({ email: "owner@example.com", password: "correct horse battery" }),
    });
    expect(signIn.status).toBe(200);
    cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const created = await fetch(`${replicas[1]!.url}/api/trpc/token.create`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: replicas[1]!.url, cookie },
      body: JSON.stringify({ json: { teamId: owner.team!.id, name: "scale-out" } }),
    });
    token = ((await created.json()) as { result: { data: { json: { token: string } } } }).result.data.json.token;
  }, 300_000);

  afterAll(async () => {
    await killWorkers("SIGTERM");
    await Promise.all(replicas.map((r) => r.stop()));
    await db?.close();
    await scratch?.drop();
  });

  it("runs ingested through one replica are read back fitted through another; each fingerprint is fitted once", async () => {
    const sweepIds = await Promise.all([0, 1, 2, 3].map((k) => newSweep(`spread ${k}`)));
    for (const [k, sweepId] of sweepIds.entries()) {
      const runs = grid(`s${k}`);
      for (let j = 0; j < 3; j += 1) expect((await ingest(replicas[(k + j) % 3]!.url, sweepId, runs.slice(3 * j, 3 * j + 3))).status).toBe(200);
    }
    await vi.waitFor(async () => expect(await Promise.all(sweepIds.map(settledCurrent))).toEqual(sweepIds.map(() => true)), WAIT);

    for (const [k, sweepId] of sweepIds.entries()) {
      const state = await db.prisma.fitState.findUniqueOrThrow({ where: { sweepId_metric_model: { sweepId, metric: "loss", model: "" } } });
      const reader = replicas[(k + 2) % 3]!.url;
      const response = await fetch(`${reader}/api/trpc/fit.get?input=${encodeURIComponent(JSON.stringify({ json: { fitId: state.fitId } }))}`, { headers: { cookie } });
      expect(response.status).toBe(200);
      const fit = ((await response.json()) as { result: { data: { json: { sweepId: string; pointCount: number } } } }).result.data.json;
      expect(fit).toMatchObject({ sweepId, pointCount: 9 });
    }
    const computed = await db.sql.query<{ fitId: string }>(`SELECT output->>'fitId' AS "fitId" FROM pgboss.job WHERE name = 'fit' AND output->>'computed' = 'true' AND data->>'sweepId' = ANY($1)`, [sweepIds]);
    const fits = await db.prisma.fit.findMany({ where: { sweepId: { in: sweepIds } }, select: { id: true, sweepId: true, model: true, dataFingerprint: true } });
    // One computation per stored fit, and one stored fit per (sweep, law, data fingerprint).
    expect(computed.map((c) => c.fitId).sort()).toEqual(fits.map((f) => f.id).sort());
    expect(new Set(fits.map((f) => `${f.sweepId}/${f.model}/${f.dataFingerprint}`)).size).toBe(fits.length);
  });

  it("workers killed with SIGKILL mid-job: the job is retried by new workers after its timeout, the fit stored once", async () => {
    const sweepId = await newSweep("killed mid-job");
    // 400 runs: a job long enough (model selection, then 200 bootstrap refits) to be caught running.
    const large = [...Array(20).keys()].flatMap((i) =>
      [...Array(20).keys()].map((j) => {
        const [n, d] = [1e8 * 10 ** (i / 10), 2e9 * 10 ** (j / 10)];
        return { runKey: `k-${i}-${j}`, scales: { N: n, D: d }, metrics: { loss: (1.7 + 400 / n ** 0.34 + 410 / d ** 0.28) * (1 + 0.01 * Math.sin(7 * i + j)) } };
      }),
    );
    expect((await ingest(replicas[1]!.url, sweepId, large)).status).toBe(200);
    await vi.waitFor(async () => expect((await jobsOf(sweepId)).map((j) => j.state)).toContain("active"), { ...WAIT, interval: 20 });
    await killWorkers("SIGKILL");
    expect(await settledCurrent(sweepId)).toBe(false);
    // The new workers also queue the sweep (unsettled at their start); the killed job is retried once it expires.
    workers = [startWorker(), startWorker()];
    await vi.waitFor(async () => expect((await jobsOf(sweepId)).every((j) => j.state === "completed")).toBe(true), WAIT);
    expect(await settledCurrent(sweepId)).toBe(true);
    expect((await jobsOf(sweepId))[0]!.retry_count).toBe(1);
    expect(await db.prisma.fit.count({ where: { sweepId } })).toBe(1);
  }, 240_000);

  it("a replica restarted under load loses no acknowledged request", async () => {
    const sweepId = await newSweep("restart under load");
    const target = replicas[2]!;
    const acknowledged: string[] = [];
    let stop = false;
    let sent = 0;
    const client = async (c: number) => {
      while (!stop) {
        const runKey = `load-${c}-${sent++}`;
        const response = await ingest(target.url, sweepId, [{ runKey, scales: { N: 1e8 + sent, D: 2e9 }, metrics: { loss: 3 } }]).catch(() => null);
        if (response?.status === 200) acknowledged.push(runKey);
        else await new Promise((r) => setTimeout(r, 50));
      }
    };
    const clients = [0, 1, 2, 3].map(client);
    await vi.waitFor(() => expect(acknowledged.length).toBeGreaterThan(20), WAIT);
    expect(await target.stop()).toBe(0);
    const beforeRestart = acknowledged.length;
    const restarted = runStartScript({ PORT: String(target.port), DATABASE_URL: scratch.url, ...REPLICA_ENV });
    replicas[2] = { ...target, process: restarted.process, output: restarted.output, stop: async () => (restarted.process.kill("SIGTERM"), restarted.exited) };
    await vi.waitFor(() => expect(acknowledged.length).toBeGreaterThan(beforeRestart + 20), WAIT);
    stop = true;
    await Promise.all(clients);
    const stored = new Set((await db.prisma.run.findMany({ where: { sweepId }, select: { runKey: true } })).map((r) => r.runKey));
    expect(acknowledged.filter((key) => !stored.has(key))).toEqual([]);
  });
});
