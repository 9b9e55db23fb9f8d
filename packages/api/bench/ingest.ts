/**
 * Ingest benchmark (printed, not asserted): 100,000 runs in batches of 1,000 into one sweep on a
 * PostgreSQL server on this machine (DATABASE_URL, else a throwaway cluster), through
 *   1. the service (ingestRuns, what run.ingest calls), one batch at a time;
 *   2. POST /api/v1/runs over loopback HTTP with an API token, one batch at a time and 4 in flight, from a
 *      client in a worker thread (a training script has its own process; see post-batches.ts).
 * Target ≥ 20,000 runs/s. Usage: npm run bench -w @scalecast/api [-- --runs 100000 --batch 1000]
 */
import { parseArgs } from "node:util";
import type { Database } from "@scalecast/db";
import { openBenchPostgres } from "@scalecast/db/testing";
import type { Actor } from "../src";
import { generateApiTokenSecret, hashApiToken } from "../src/services/access/api-token-secret";
import { ingestRuns } from "../src/services/run/ingest-runs";
import { serve } from "../test/http";
import { postBatches } from "@scalecast/bench-clients/post-batches";
import { runBatches } from "@scalecast/bench-clients/run-batches";

const { values } = parseArgs({ options: { runs: { type: "string", default: "100000" }, batch: { type: "string", default: "1000" } } });
const TOTAL = Number(values.runs);
const BATCH = Number(values.batch);

const makeRuns = (prefix: string) => runBatches(prefix, TOTAL, BATCH);

async function sweepFixture(db: Database, name: string) {
  const team = await db.prisma.team.create({ data: { slug: `bench-${name}`, name: `Bench ${name}` } });
  const methodology = await db.prisma.methodology.create({ data: { teamId: team.id, name: "bench" } });
  const sweep = await db.prisma.sweep.create({ data: { methodologyId: methodology.id, name, axes: ["N", "D"], metric: "loss" } });
  const secret = generateApiTokenSecret();
  const token = await db.prisma.apiToken.create({ data: { name: "bench", prefix: secret.slice(0, 11), tokenHash: hashApiToken(secret), teamId: team.id } });
  return { team, sweep, secret, actor: { kind: "token", tokenId: token.id, teamId: team.id } satisfies Actor };
}

let cpuMark = process.cpuUsage();
/** Starts a measured phase: wall clock, and the CPU time this process (API + client) spends in it. */
function start(): number {
  cpuMark = process.cpuUsage();
  return performance.now();
}

function report(label: string, ms: number, count: number) {
  const cpu = process.cpuUsage(cpuMark);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${label.padEnd(52)} ${count.toLocaleString("en")} runs in ${(ms / 1000).toFixed(2)} s = ${Math.round((count / ms) * 1000).toLocaleString("en")} runs/s` +
      ` (Node CPU ${cpuSeconds.toFixed(2)} s)`,
  );
}

async function main() {
  const bench = await openBenchPostgres();
  const { db } = bench;
  try {
    console.log(`ingest benchmark: ${TOTAL.toLocaleString("en")} runs in batches of ${BATCH.toLocaleString("en")} on PostgreSQL (${db.description})`);

    const direct = await sweepFixture(db, "service");
    const serviceBatches = makeRuns("svc");
    const started = start();
    for (const runs of serviceBatches) await ingestRuns(db, direct.actor, { sweepId: direct.sweep.id, runs });
    report("service ingestRuns, 1 batch at a time", performance.now() - started, TOTAL);

    const http = await serve(db);
    try {
      const url = `${http.url}/api/v1/runs`;
      const bodiesFor = (sweepId: string, batches: unknown[][]) => batches.map((runs) => JSON.stringify({ sweepId, runs }));
      const expectAll = (what: "inserted" | "duplicates", got: number) => {
        if (got !== TOTAL) throw new Error(`expected ${TOTAL} ${what}, got ${got}`);
      };
      const one = await sweepFixture(db, "http-1");
      const oneBodies = bodiesFor(one.sweep.id, makeRuns("h1"));
      const authorization = (secret: string) => `Bearer ${secret}`;
      start();
      let result = await postBatches({ url, authorization: authorization(one.secret), bodies: oneBodies, inFlight: 1 });
      expectAll("inserted", result.inserted);
      report("POST /api/v1/runs over HTTP, 1 batch in flight", result.elapsedMs, TOTAL);

      const four = await sweepFixture(db, "http-4");
      const fourBodies = bodiesFor(four.sweep.id, makeRuns("h4"));
      start();
      result = await postBatches({ url, authorization: authorization(four.secret), bodies: fourBodies, inFlight: 4 });
      expectAll("inserted", result.inserted);
      report("POST /api/v1/runs over HTTP, 4 batches in flight", result.elapsedMs, TOTAL);

      // Retrying everything: every run a duplicate, nothing written.
      start();
      result = await postBatches({ url, authorization: authorization(one.secret), bodies: oneBodies, inFlight: 1 });
      expectAll("duplicates", result.duplicates);
      report(`retry of all batches (${result.duplicates.toLocaleString("en")} duplicates)`, result.elapsedMs, TOTAL);
    } finally {
      await http.close();
    }
    const [count] = await db.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Run"`);
    const [load] = await import("node:os").then((os) => os.loadavg());
    console.log(`runs stored: ${Number(count?.n).toLocaleString("en")} (target ≥ 20,000 runs/s; load average ${load?.toFixed(1)} on ${(await import("node:os")).cpus().length} cores)`);
  } finally {
    await bench.close();
  }
}

await main();
