/**
 * Fit queue benchmark (printed, not asserted), on a PostgreSQL server (DATABASE_URL, else a throwaway
 * cluster), with fit workers as separate processes (`npm run worker`, SCALECAST_FIT_WORKERS=1 each):
 *   1. latency: a 1,000-run Chinchilla sweep (law pinned, 200 bootstrap resamples) POSTed to
 *      /api/v1/runs; time from the ingest response to its FitState being current. p50 / p95 over sweeps.
 *   2. cold Compare: 20 methodologies' data sweeps (40 runs each) POSTed one after another; time from the
 *      last ingest response until every sweep's latest fit reads current and their comparison answers, as
 *      the Compare page sees it (GET .../fit polled every 100 ms, then POST /api/v1/compare).
 *   3. throughput: sweeps queued with no worker running, then 1 and then 2 worker processes started;
 *      jobs/s until all are settled.
 * Usage: npm run bench -w @scalecast/api  (or tsx bench/fit-queue.ts [--sweeps 8 --jobs 12])
 */
import { spawn, type ChildProcess } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Database } from "@scalecast/db";
import { openBenchPostgres } from "@scalecast/db/testing";
import { generateApiTokenSecret, hashApiToken } from "../src/services/access/api-token-secret";
import { serve } from "../test/http";

const { values } = parseArgs({ options: { sweeps: { type: "string", default: "8" }, jobs: { type: "string", default: "12" } } });
const LATENCY_SWEEPS = Number(values.sweeps);
const THROUGHPUT_JOBS = Number(values.jobs);
const WORKER_MAIN = fileURLToPath(new URL("../src/jobs/worker-main.ts", import.meta.url));

/** 1,000 runs on a 40 × 25 N×D grid from Hoffmann et al.'s law, with 2% multiplicative noise (seeded). */
function chinchillaRuns(prefix: string) {
  let seed = 7;
  const noise = () => ((seed = (seed * 48271) % 2147483647) / 2147483647 - 0.5) * 0.04;
  return Array.from({ length: 1000 }, (_, i) => {
    const n = 1e7 * 10 ** ((i % 40) / 13);
    const d = 2e8 * 10 ** (Math.floor(i / 40) / 8);
    const loss = (1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28) * (1 + noise());
    return { runKey: `${prefix}-${i}`, scales: { N: n, D: d }, metrics: { loss } };
  });
}

async function fixture(db: Database) {
  const team = await db.prisma.team.create({ data: { slug: "bench-queue", name: "Bench queue" } });
  const methodology = await db.prisma.methodology.create({ data: { teamId: team.id, name: "bench" } });
  const secret = generateApiTokenSecret();
  await db.prisma.apiToken.create({ data: { name: "bench", prefix: secret.slice(0, 11), tokenHash: hashApiToken(secret), teamId: team.id } });
  let count = 0;
  const newSweep = async () => {
    count += 1;
    const sweep = await db.prisma.sweep.create({ data: { methodologyId: methodology.id, name: `chinchilla ${count}`, axes: ["N", "D"], metric: "loss", pinnedModel: "chinchilla" } });
    return sweep.id;
  };
  return { secret, newSweep };
}

/** Sweeps whose default-law state is not yet settled at their current runs. */
async function unsettled(db: Database, sweepIds: string[]): Promise<number> {
  const [row] = await db.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Sweep" s LEFT JOIN "FitState" f ON f."sweepId" = s."id" AND f."metric" = s."metric" AND f."model" = ''
     WHERE s."id" = ANY($1) AND f."settledVersion" IS DISTINCT FROM s."runsVersion"`,
    [sweepIds],
  );
  return row!.n;
}

async function until(check: () => Promise<boolean>, everyMs = 10): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, everyMs));
}

function startWorkers(url: string, count: number): ChildProcess[] {
  return Array.from({ length: count }, () =>
    spawn(process.execPath, ["--conditions=source", "--import", "tsx", WORKER_MAIN], { env: { ...process.env, DATABASE_URL: url, SCALECAST_FIT_WORKERS: "1" }, stdio: "ignore" }),
  );
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(workers.map((w) => new Promise((resolve) => (w.once("exit", resolve), w.kill("SIGTERM")))));
}

const COMPARED = 20;

/** See the file comment (2). Returns milliseconds. */
async function timeColdCompare(url: string, secret: string, db: Database): Promise<number> {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const team = await db.prisma.apiToken.findFirstOrThrow({ where: { name: "bench" }, select: { teamId: true } });
  const sweepIds: string[] = [];
  for (let m = 0; m < COMPARED; m += 1) {
    const methodology = await db.prisma.methodology.create({ data: { teamId: team.teamId, name: `data mix ${m}` } });
    sweepIds.push((await db.prisma.sweep.create({ data: { methodologyId: methodology.id, name: "tokens", axes: ["D"], metric: "loss", targetScale: 1e12 } })).id);
  }
  for (const [m, sweepId] of sweepIds.entries()) {
    const runs = Array.from({ length: 40 }, (_, i) => ({ runKey: `c${m}-${i}`, scales: { D: 1e8 * 10 ** (i / 10) }, metrics: { loss: (2 + m / 20) * (1e8 * 10 ** (i / 10)) ** -(0.05 + m / 400) * (1 + 0.01 * Math.sin(i * 7 + m)) } }));
    await call("POST", "/api/v1/runs", { sweepId, runs });
  }
  const answered = performance.now();
  let fitIds: string[] = [];
  await until(async () => {
    const latest = await Promise.all(sweepIds.map((id) => call("GET", `/api/v1/sweeps/${id}/fit`)));
    fitIds = latest.map((l) => (l.fit as { id: string } | null)?.id ?? "");
    return latest.every((l) => (l.fitStatus as { state: string }).state === "current");
  }, 100);
  await call("POST", "/api/v1/compare", { fitIds, at: 1e12 });
  return performance.now() - answered;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const bench = await openBenchPostgres();
  const { db } = bench;
  const http = await serve(db);
  try {
    const { secret, newSweep } = await fixture(db);
    const post = async (sweepId: string, prefix: string) => {
      const response = await fetch(`${http.url}/api/v1/runs`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ sweepId, runs: chinchillaRuns(prefix) }),
      });
      if (!response.ok) throw new Error(`ingest failed: ${response.status} ${await response.text()}`);
    };
    console.log(`fit queue benchmark on PostgreSQL (${db.description}); workers: separate processes, 1 thread each`);

    const one = startWorkers(bench.url, 1);
    const warm = await newSweep();
    await post(warm, "warm");
    await until(async () => (await unsettled(db, [warm])) === 0);
    const latencies: number[] = [];
    const latencySweeps: string[] = [];
    for (let i = 0; i < LATENCY_SWEEPS; i += 1) {
      const sweepId = await newSweep();
      latencySweeps.push(sweepId);
      await post(sweepId, `s${i}`);
      const answered = performance.now();
      await until(async () => (await unsettled(db, [sweepId])) === 0);
      latencies.push(performance.now() - answered);
    }
    const coldCompare = await timeColdCompare(http.url, secret, db);
    await stopWorkers(one);
    console.log(`cold Compare of ${COMPARED} methodologies, 1 worker: last ingest response → every fit current and the comparison answered: ${(coldCompare / 1000).toFixed(2)} s (target < 5 s)`);
    const seconds = (values: number[], p: number) => (percentile([...values].sort((a, b) => a - b), p) / 1000).toFixed(2);
    console.log(
      `ingest response → fit current, 1,000-run Chinchilla sweep, 200 resamples, 1 worker: p50 ${seconds(latencies, 50)} s, ` +
        `p95 ${seconds(latencies, 95)} s over ${LATENCY_SWEEPS} sweeps (target p95 < 2 s)`,
    );
    const phases = await db.sql.query<{ waited: number; ran: number }>(
      `SELECT extract(epoch FROM started_on - created_on) * 1000 AS waited, extract(epoch FROM completed_on - started_on) * 1000 AS ran
       FROM pgboss.job WHERE name = 'fit' AND state = 'completed' AND data->>'sweepId' = ANY($1)`,
      [latencySweeps],
    );
    console.log(
      `  of which queued until a worker took the job: p50 ${seconds(phases.map((p) => Number(p.waited)), 50)} s; ` +
        `the job itself (read, fit, store): p50 ${seconds(phases.map((p) => Number(p.ran)), 50)} s`,
    );

    for (const workers of [1, 2]) {
      const sweepIds: string[] = [];
      for (let i = 0; i < THROUGHPUT_JOBS; i += 1) {
        const sweepId = await newSweep();
        await post(sweepId, `t${workers}-${i}`);
        sweepIds.push(sweepId);
      }
      const started = performance.now();
      const children = startWorkers(bench.url, workers);
      await until(async () => (await unsettled(db, sweepIds)) === 0);
      const seconds = (performance.now() - started) / 1000;
      await stopWorkers(children);
      console.log(`throughput, ${workers} worker process(es): ${THROUGHPUT_JOBS} jobs in ${seconds.toFixed(2)} s = ${(THROUGHPUT_JOBS / seconds).toFixed(2)} jobs/s (incl. worker start)`);
    }
    const [computed] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'fit' AND output->>'computed' = 'true'`);
    const [fits] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Fit"`);
    console.log(`fits computed by jobs: ${computed!.n}, fits stored: ${fits!.n} (sweeps: ${1 + LATENCY_SWEEPS + 2 * THROUGHPUT_JOBS})`);
    console.log(`load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`);
  } finally {
    await http.close();
    await bench.close();
  }
}

await main();
