/**
 * Read benchmark: a sweep of 1,000 runs with its stored fit, read by 50 concurrent clients over loopback
 * HTTP (autocannon) through the tRPC handler (node:http + tRPC's standalone adapter) on a PostgreSQL server.
 * Each request is one batched GET of sweep.get + fit.latest, what a sweep page loads. The caller is a
 * fixed signed-in user (session lookup is API-access' part and not measured here). Target: p95 < 50 ms.
 */
import autocannon from "autocannon";
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import type { Database } from "@scalecast/db";
import { appRouter, type Context } from "../src";
import { getTaskPool } from "../src/workers/pool";

export async function benchRead(db: Database, options: { connections?: number; seconds?: number } = {}) {
  const connections = options.connections ?? 50;
  const seconds = options.seconds ?? 10;
  const team = await db.prisma.team.create({ data: { slug: "bench-read", name: "Bench read" } });
  const user = await db.prisma.user.create({ data: { name: "bench", email: "bench-read@example.com" } });
  const methodology = await db.prisma.methodology.create({ data: { teamId: team.id, name: "bench" } });
  const sweep = await db.prisma.sweep.create({
    data: { methodologyId: methodology.id, name: "1000 runs", axes: ["D"], metric: "loss", defaultModel: "power-law", targetScale: 1e13 },
  });
  await db.prisma.run.createMany({
    data: Array.from({ length: 1000 }, (_, i) => {
      const d = 1e6 * 10 ** (i / 200);
      return { sweepId: sweep.id, runKey: `r${i}`, scales: { D: d }, metrics: { loss: 8 * d ** -0.12 * (1 + 0.02 * Math.sin(i)) } };
    }),
  });
  const actor: Context["actor"] = { kind: "user", user: { id: user.id, email: user.email, name: user.name }, memberships: [{ teamId: team.id, role: "owner" }] };
  const caller = appRouter.createCaller({ db, actor });
  const started = performance.now();
  await caller.fit.latest({ sweepId: sweep.id });
  const firstFitMs = performance.now() - started;

  const server = createHTTPServer({ router: appRouter, createContext: (): Context => ({ db, actor }) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const input = encodeURIComponent(JSON.stringify({ 0: { json: { sweepId: sweep.id } }, 1: { json: { sweepId: sweep.id } } }));
  const url = `http://127.0.0.1:${port}/sweep.get,fit.latest?batch=1&input=${input}`;
  const check = await fetch(url);
  if (!check.ok) throw new Error(`read request failed: ${check.status} ${(await check.text()).slice(0, 300)}`);
  const bytes = (await check.arrayBuffer()).byteLength;
  const result = await autocannon({ url, connections, duration: seconds });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await getTaskPool().close();
  return {
    connections,
    seconds,
    responseBytes: bytes,
    firstFitMs: Math.round(firstFitMs),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
    requestsPerSecond: result.requests.average,
  };
}
