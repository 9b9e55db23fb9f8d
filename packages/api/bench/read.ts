/**
 * Read benchmark: a sweep of 1,000 runs with its stored fit, read by 50 concurrent clients over loopback
 * HTTP through the tRPC handler (node:http + tRPC's standalone adapter) on a PostgreSQL server. Each request
 * is one batched GET of sweep.get + fit.latest, what a sweep page loads. The clients run in a worker thread
 * (load.ts), not on the server's event loop. The caller is a fixed signed-in user (session lookup is
 * API-access' part and not measured here). Target: p95 < 50 ms.
 *
 * Then the same sweep through GET /api/v1/sweeps/{id} (the REST document: one cached encoding per data
 * version), authenticated with an API token as a script would be, as plain JSON, gzip-encoded, and
 * revalidated with If-None-Match (a client re-reading unchanged data).
 *
 * For scale, the same load against a bare node:http server answering a fixed buffer of the tRPC answer's
 * size (no tRPC, no database): the floor this machine sets for a response of that many bytes.
 */
import { createServer } from "node:http";
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import type { Database } from "@scalecast/db";
import { appRouter, type Context } from "../src";
import { generateApiTokenSecret, hashApiToken } from "../src/services/access/api-token-secret";
import { testPool as pool } from "../test/helpers";
import { runFitJob } from "../src/services/fit/fit-state";
import { serve } from "../test/http";
import { runLoad, type LoadResult } from "@scalecast/bench-clients/load";
import { openFitQueue } from "../src/jobs/fit-queue";

/** The REST document read, three ways: plain JSON, gzip, and revalidation of an unchanged ETag. */
async function benchDocument(db: Database, sweepId: string, teamId: string, connections: number, seconds: number) {
  const secret = generateApiTokenSecret();
  await db.prisma.apiToken.create({ data: { name: "bench", prefix: secret.slice(0, 11), tokenHash: hashApiToken(secret), teamId } });
  const server = await serve(db);
  const url = `${server.url}/api/v1/sweeps/${sweepId}`;
  const authorization = `Bearer ${secret}`;
  const check = await fetch(url, { headers: { authorization } });
  if (!check.ok) throw new Error(`document request failed: ${check.status} ${(await check.text()).slice(0, 300)}`);
  const etag = check.headers.get("etag")!;
  const results: Record<"json" | "gzip" | "revalidated", LoadResult> = {
    json: await runLoad({ url, connections, seconds, headers: { authorization } }),
    gzip: await runLoad({ url, connections, seconds, headers: { authorization, "accept-encoding": "gzip" } }),
    revalidated: await runLoad({ url, connections, seconds, headers: { authorization, "if-none-match": etag } }),
  };
  await server.close();
  return results;
}

export async function benchRead(db: Database, options: { connections?: number; seconds?: number } = {}) {
  const connections = options.connections ?? 50;
  const seconds = options.seconds ?? 10;
  const team = await db.prisma.team.create({ data: { slug: "bench-read", name: "Bench read" } });
  const user = await db.prisma.user.create({ data: { name: "bench", email: "bench-read@example.com" } });
  const methodology = await db.prisma.methodology.create({ data: { teamId: team.id, name: "bench" } });
  const sweep = await db.prisma.sweep.create({
    data: { methodologyId: methodology.id, name: "1000 runs", axes: ["D"], metric: "loss", pinnedModel: "power-law", targetScale: 1e13 },
  });
  await db.prisma.run.createMany({
    data: Array.from({ length: 1000 }, (_, i) => {
      const d = 1e6 * 10 ** (i / 200);
      return { sweepId: sweep.id, runKey: `r${i}`, scales: { D: d }, metrics: { loss: 8 * d ** -0.12 * (1 + 0.02 * Math.sin(i)) } };
    }),
  });
  const actor: Context["actor"] = { kind: "user", user: { id: user.id, email: user.email, name: user.name }, memberships: [{ teamId: team.id, role: "owner" }] };
  const fitJobs = await openFitQueue(db, { maintain: false });
  const caller = appRouter.createCaller({ db, pool, fitJobs, actor });
  const started = performance.now();
  await runFitJob(db, pool, { sweepId: sweep.id, metric: "loss", model: "" });
  const firstFitMs = performance.now() - started;
  const latest = await caller.fit.latest({ sweepId: sweep.id });
  if (latest.fitStatus.state !== "current") throw new Error(`the fit job left the sweep ${latest.fitStatus.state}`);

  const server = createHTTPServer({ router: appRouter, createContext: (): Context => ({ db, pool, fitJobs, actor }) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const input = encodeURIComponent(JSON.stringify({ 0: { json: { sweepId: sweep.id } }, 1: { json: { sweepId: sweep.id } } }));
  const url = `http://127.0.0.1:${port}/sweep.get,fit.latest?batch=1&input=${input}`;
  const check = await fetch(url);
  if (!check.ok) throw new Error(`read request failed: ${check.status} ${(await check.text()).slice(0, 300)}`);
  const bytes = (await check.arrayBuffer()).byteLength;
  const result = await runLoad({ url, connections, seconds });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const document = await benchDocument(db, sweep.id, team.id, connections, seconds);
  await pool.close();

  const body = Buffer.alloc(bytes, 32);
  const bare = createServer((_req, res) => res.end(body));
  await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
  const bareAddress = bare.address();
  const floor = await runLoad({ url: `http://127.0.0.1:${typeof bareAddress === "object" && bareAddress ? bareAddress.port : 0}/`, connections, seconds });
  await new Promise<void>((resolve) => bare.close(() => resolve()));
  return { connections, seconds, firstFitMs: Math.round(firstFitMs), ...result, responseBytes: bytes, floor, document };
}
