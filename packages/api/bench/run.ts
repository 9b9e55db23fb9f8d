/**
 * `npm run bench -w @scalecast/api`: the API's read and overview benchmarks against a throwaway PostgreSQL
 * server (or DATABASE_URL's server), printed, not asserted. BENCH=read or BENCH=overview runs one.
 */
import { openDatabase, resolveDatabaseConfig, migrate } from "@scalecast/db";
import { createScratchPostgres, startPostgresServer } from "@scalecast/db/testing";
import { benchOverview } from "./overview";
import { benchRead } from "./read";

const which = process.env.BENCH ?? "all";
const server = process.env.DATABASE_URL ? null : await startPostgresServer();
const adminUrl = process.env.DATABASE_URL ?? server!.url;

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const scratch = await createScratchPostgres(adminUrl);
  const db = await openDatabase(resolveDatabaseConfig({ DATABASE_URL: scratch.url }));
  try {
    await migrate(db.sql);
    return await work(db);
  } finally {
    await db.close();
    await scratch.drop();
  }
}

try {
  if (which === "all" || which === "read") {
    const r = await withDatabase((db) => benchRead(db));
    console.log(`read: sweep.get + fit.latest of a 1,000-run sweep, ${r.connections} clients, ${r.seconds} s: ` +
      `p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms, ` +
      `${r.requestsPerSecond} req/s, ${r.requests} requests, ${r.failures} failed, ${r.responseBytes} bytes each ` +
      `(the fit job, bootstrap 200, ${r.firstFitMs} ms; target p95 < 50 ms)`);
    for (const [how, d] of Object.entries(r.document)) {
      console.log(`read: GET /api/v1/sweeps/{id} (${how}), token auth, ${r.connections} clients: p50 ${d.latencyMs.p50} ms, ` +
        `p95 ${d.latencyMs.p95} ms, p99 ${d.latencyMs.p99} ms, max ${d.latencyMs.max} ms, ${d.requestsPerSecond} req/s, ${d.failures} failed, ${d.responseBytes} bytes each`);
    }
    console.log(`read floor: a bare node:http server answering ${r.responseBytes} fixed bytes, same clients: ` +
      `p50 ${r.floor.latencyMs.p50} ms, p95 ${r.floor.latencyMs.p95} ms, p99 ${r.floor.latencyMs.p99} ms, ${r.floor.requestsPerSecond} req/s`);
  }
  if (which === "all" || which === "overview") {
    const o = await withDatabase((db) => benchOverview(db));
    console.log(`overview: team.overview with ${o.runs.toLocaleString("en")} runs in ${o.sweeps} sweeps: p50 ${o.overviewMs.p50} ms, ` +
      `p95 ${o.overviewMs.p95} ms, max ${o.overviewMs.max} ms; first read (loading the charts) ${o.firstMs} ms; answer ${o.answerBytes.toLocaleString("en")} bytes ` +
      `(writing the runs ${o.writeSeconds} s, storing the fits ${o.firstFitsSeconds} s; target < 100 ms)`);
  }
} finally {
  server?.destroy();
}
