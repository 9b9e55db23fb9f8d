/**
 * GET /api/v1/sweeps/{id} over real HTTP: the sweep document equals what sweep.get and fit.latest return,
 * gzip when accepted, ETag revalidation (304 while unchanged, a new document after new runs), and errors.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testDatabaseTargets } from "@scalecast/db/testing";
import type { Database } from "@scalecast/db";
import { callerFor, runPendingFitJobs } from "./helpers";
import { serve } from "./http";
import { buildWorld, type World } from "./world";

describe.each(testDatabaseTargets(inject("postgresUrl")))("GET /api/v1/sweeps/{id} on $kind", (target) => {
  let db: Database;
  let w: World;
  let server: Awaited<ReturnType<typeof serve>>;
  let sweepId: string;
  let token: { authorization: string };
  beforeAll(async () => {
    db = await target.open();
    w = await buildWorld(db);
    server = await serve(db);
    token = { authorization: `Bearer ${w.tokenA.secret}` };
    const sweep = await db.prisma.sweep.create({
      data: { methodologyId: w.methodology.id, name: "D sweep", axes: ["D"], metric: "loss", pinnedModel: "power-law", targetScale: 1e12 },
    });
    sweepId = sweep.id;
    await callerFor(db, w.actors.tokenA).run.ingest({
      sweepId,
      runs: Array.from({ length: 12 }, (_, i) => {
        const d = 1e7 * 2 ** i;
        return { runKey: `d${i}`, scales: { D: d }, metrics: { loss: 1.7 + 30 * d ** -0.2 * (1 + 0.01 * Math.sin(i)) }, seed: i % 2 };
      }),
    });
    await runPendingFitJobs(db, { sweepId });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const get = (id: string, headers: Record<string, string> = {}) => fetch(`${server.url}/api/v1/sweeps/${encodeURIComponent(id)}`, { headers });

  /** What the tRPC procedures return for the sweep, as JSON (dates as ISO strings). */
  async function expectedDocument() {
    const caller = callerFor(db, w.actors.outsider);
    const [page, latest] = [await caller.sweep.get({ sweepId }), await caller.fit.latest({ sweepId })];
    return JSON.parse(JSON.stringify({ ...page, ...latest })) as { runs: { runKey: string }[]; fit: { pointCount: number }; fitStatus: { state: string } };
  }

  it("returns the sweep, its runs and latest fit as sweep.get and fit.latest do, to any token or signed-in reader", async () => {
    const expected = await expectedDocument();
    expect(expected.runs).toHaveLength(12);
    const byToken = await get(sweepId, { ...token, "accept-encoding": "identity" });
    expect(byToken.status).toBe(200);
    expect(byToken.headers.get("content-type")).toBe("application/json");
    expect(byToken.headers.get("content-encoding")).toBeNull();
    expect(await byToken.json()).toEqual(expected);
    const byOtherTeamsToken = await get(sweepId, { authorization: `Bearer ${w.tokenB.secret}` });
    expect(await byOtherTeamsToken.json()).toEqual(expected);
    const bySession = await get(sweepId, { cookie: w.outsider.cookie });
    expect(await bySession.json()).toEqual(expected);
  });

  it("sends gzip to clients that accept it, and plain JSON to those that refuse it", async () => {
    const plain = await (await get(sweepId, { ...token, "accept-encoding": "identity" })).text();
    const gzipped = await get(sweepId, { ...token, "accept-encoding": "br, gzip;q=0.8" });
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    expect(await gzipped.text()).toBe(plain);
    const refused = await get(sweepId, { ...token, "accept-encoding": "gzip;q=0, identity" });
    expect(refused.headers.get("content-encoding")).toBeNull();
  });

  it("answers 304 to an unchanged ETag, a new document once runs were added (the older fit, refitting), and another once the job ran", async () => {
    const first = await get(sweepId, token);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    const unchanged = await get(sweepId, { ...token, "if-none-match": etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe("");
    await callerFor(db, w.actors.member).run.ingest({ sweepId, runs: [{ runKey: "d12", scales: { D: 1e7 * 2 ** 12 }, metrics: { loss: 2.05 } }] });
    const changed = await get(sweepId, { ...token, "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    const document = (await changed.json()) as Awaited<ReturnType<typeof expectedDocument>>;
    expect(document.runs.at(-1)!.runKey).toBe("d12");
    expect(document.fit.pointCount).toBe(12);
    expect(document.fitStatus.state).toBe("refitting");
    expect(document).toEqual(await expectedDocument());
    await runPendingFitJobs(db, { sweepId });
    const refitted = await get(sweepId, { ...token, "if-none-match": changed.headers.get("etag")! });
    expect(refitted.status).toBe(200);
    const fitted = (await refitted.json()) as Awaited<ReturnType<typeof expectedDocument>>;
    expect([fitted.fit.pointCount, fitted.fitStatus.state]).toEqual([13, "current"]);
    expect(fitted).toEqual(await expectedDocument());
  });

  it("shows the runs of a sweep not fitted yet (fitting), then why it cannot be fitted (failed), instead of failing the read", async () => {
    const lone = await db.prisma.sweep.create({ data: { methodologyId: w.methodology.id, name: "one run", axes: ["D"], metric: "loss" } });
    await callerFor(db, w.actors.member).run.ingest({ sweepId: lone.id, runs: [{ runKey: "only", scales: { D: 1e9 }, metrics: { loss: 3 } }] });
    const read = async () => {
      const response = await get(lone.id, token);
      expect(response.status).toBe(200);
      return (await response.json()) as { runs: unknown[]; fit: unknown; fitStatus: { state: string; reason: string | null } };
    };
    expect(await read()).toMatchObject({ runs: [{ runKey: "only" }], fit: null, fitStatus: { state: "fitting", reason: null } });
    await runPendingFitJobs(db, { sweepId: lone.id });
    const document = await read();
    expect(document.fit).toBeNull();
    expect(document.fitStatus.state).toBe("failed");
    expect(document.fitStatus.reason).toMatch(/^sweep "one run": /);
    expect((await callerFor(db, w.actors.member).fit.latest({ sweepId: lone.id })).fitStatus).toEqual(document.fitStatus);
  });

  it.each([
    ["no credentials", "SWEEP", {}, 401, 'sign in to use Scalecast: send "Authorization: Bearer <API token>"'],
    ["a revoked token", "SWEEP", "revoked", 401, "this API token was revoked"],
    ["an unknown sweep", "nope", "token", 404, "sweep nope does not exist"],
    ["an id that is too long", "x".repeat(65), "token", 400, "sweepId: is not an id"],
  ] as const)("answers %s with its status and a clear message", async (_label, id, who, status, message) => {
    const headers = who === "token" ? token : who === "revoked" ? { authorization: `Bearer ${w.revokedA.secret}` } : who;
    const response = await get(id === "SWEEP" ? sweepId : id, headers);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(message);
  });
});
