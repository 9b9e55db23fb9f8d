/**
 * Expected failures through `npm start`'s server answer 4xx with a clear message, and internal details
 * stay in the server's log:
 * - a sweep too small for its law: fit.latest, fit.create and analysis.backtest answer 400 with core's
 *   message; a team snapshot is taken with that sweep marked (its reason, no fit) and the Meeting page
 *   shows the mark (each of these answered 500 through this server);
 * - an oversized tRPC request: 413 at once, and the server keeps serving;
 * - a database outage: /api/health and the public team.list say "database unavailable" to anonymous
 *   callers, without the connection error that named the database host.
 */
import { request as httpRequest } from "node:http";
import { MAX_REQUEST_BYTES } from "@scalecast/api/limits";
import { startPostgresServer, type PostgresServer } from "@scalecast/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { transformer } from "@scalecast/api/transformer";
import { launchBrowser, openPage, signInDemoOwner } from "./browser";
import { startApp, type RunningApp } from "./app-server";

type TrpcAnswer = { status: number; data?: any; message?: string };

/** Signs the demo owner in; returns tRPC helpers that act as that browser (session cookie and Origin). */
async function demoOwnerApi(app: RunningApp) {
  const response = await fetch(`${app.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.url },
    body: JSON.stringify({ email: "owner@demo.scalecast.dev", password: "scalecast-demo" }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const read = async (response: Response): Promise<TrpcAnswer> => {
    const body = (await response.json()) as { result?: { data: unknown }; error?: { json: { message: string } } };
    return { status: response.status, data: body.result ? transformer.deserialize(body.result.data as never) : undefined, message: body.error?.json.message };
  };
  return {
    cookie,
    query: async (path: string, input?: unknown) =>
      read(await fetch(`${app.url}/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`, { headers: { cookie } })),
    mutate: async (path: string, input: unknown) =>
      read(
        await fetch(`${app.url}/api/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: app.url, cookie },
          body: JSON.stringify({ json: input }),
        }),
      ),
  };
}

describe("expected failures through npm start's server", () => {
  let app: RunningApp;
  let api: Awaited<ReturnType<typeof demoOwnerApi>>;
  let teamId: string;
  let sweepId: string;
  const sweepName = "Tiny sweep";
  const tooFew = `sweep "${sweepName}": power-law fit needs at least 2 points, got 1`;
  beforeAll(async () => {
    app = await startApp();
    api = await demoOwnerApi(app);
    teamId = (await api.query("team.get", { slug: "pretraining" })).data.id;
    const methodology = await api.mutate("methodology.create", { teamId, name: "Tiny methodology" });
    const sweep = await api.mutate("sweep.create", { methodologyId: methodology.data.id, name: sweepName, axes: ["D"], metric: "loss", direction: "lower", pinnedModel: "power-law" });
    sweepId = sweep.data.id;
    expect((await api.mutate("run.ingest", { sweepId, runs: [{ runKey: "only", scales: { D: 1e9 }, metrics: { loss: 3 } }] })).status).toBe(200);
    // The server's fit worker settles every sweep: the seeded ones fitted, the tiny one failed.
    const pending = async () =>
      ((await api.query("team.overview", undefined)).data as { entries: { fitStatus: { state: string } }[] }[]).flatMap((t) => t.entries).filter((e) => e.fitStatus.state.endsWith("fitting")).length;
    await vi.waitFor(async () => expect(await pending()).toBe(0), { timeout: 180_000, interval: 500 });
  }, 240_000);
  afterAll(async () => {
    await app?.stop();
  });

  it("fit.latest says the fit failed with core's message; fit.create and analysis.backtest answer 400 with it", async () => {
    expect(await api.query("fit.latest", { sweepId })).toMatchObject({ status: 200, data: { fit: null, fitStatus: { state: "failed", reason: tooFew } } });
    expect(await api.mutate("fit.create", { sweepId, model: "power-law" })).toMatchObject({ status: 400, message: tooFew });
    expect(await api.mutate("analysis.backtest", { sweepId, model: "power-law" })).toMatchObject({
      status: 400,
      message: `sweep "${sweepName}": backtest of power-law leaves 0 points to fit after holding out the largest scales; it needs at least 2`,
    });
    expect(app.output()).not.toMatch(/TaskError/);
  });

  it("snapshot.create takes the team's snapshot with the unfittable sweep marked, and Meeting shows the mark", async () => {
    const snapshot = await api.mutate("snapshot.create", { title: "With a tiny sweep", teamId });
    expect(snapshot.status).toBe(200);
    const entries = snapshot.data.content.entries as { sweep: { id: string }; fit: unknown; fitStatus: unknown }[];
    expect(entries.find((e) => e.sweep.id === sweepId)).toMatchObject({ fit: null, fitStatus: { state: "failed", reason: tooFew } });
    expect(entries.filter((e) => e.fit !== null).length).toBeGreaterThan(0);

    const browser = await launchBrowser();
    try {
      const { page } = await openPage(browser);
      await signInDemoOwner(page.request, app.url);
      await page.goto(`${app.url}/meeting?team=pretraining`);
      const mark = page.getByTestId("not-fitted");
      await mark.waitFor({ timeout: 60_000 });
      expect(await mark.textContent()).toBe("not fitted");
      expect(await mark.getAttribute("title")).toBe(`fit failed: ${tooFew}`);
    } finally {
      await browser.close();
    }
  });

  it("answers a tRPC request larger than the body limit with 413 at once, and keeps serving", async () => {
    const started = Date.now();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${app.url}/api/trpc/run.import`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: app.url, cookie: api.cookie, "content-length": String(600 * 1024 * 1024) },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      });
      req.on("error", reject);
      // A first slice of the 600 MB, then nothing more: the answer must not wait for the rest.
      req.write(Buffer.alloc(1024 * 1024, 0x20));
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.json.message).toBe(`the request body is larger than ${MAX_REQUEST_BYTES / 1024 / 1024} MB; send fewer runs per request`);
    expect(Date.now() - started).toBeLessThan(5_000);

    // A chunked body (no Content-Length) is counted and cut off at the limit.
    const chunked = await new Promise<number>((resolve, reject) => {
      let answered = false;
      const req = httpRequest(`${app.url}/api/trpc/run.import`, { method: "POST", headers: { "content-type": "application/json", origin: app.url, cookie: api.cookie } });
      req.on("response", (res) => {
        answered = true;
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", (error) => (answered ? undefined : reject(error)));
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const pump = () => {
        while (!answered && req.write(chunk));
        if (!answered) req.once("drain", pump);
      };
      pump();
    });
    expect(chunked).toBe(413);
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    expect((await api.query("team.get", { slug: "pretraining" })).status).toBe(200);
  });
});

describe.skipIf(!inject("postgresUrl"))("a database outage seen by anonymous callers", () => {
  let server: PostgresServer;
  let app: RunningApp;
  beforeAll(async () => {
    server = await startPostgresServer();
    app = await startApp({ DATABASE_URL: server.url });
  });
  afterAll(async () => {
    await app?.stop();
    server?.destroy();
  });

  it("/api/health and team.list say the database is unavailable, without the host or the driver's message", async () => {
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    server.stop();
    try {
      const health = await fetch(`${app.url}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: "error", error: "database unavailable" });
      const teams = await fetch(`${app.url}/api/trpc/team.list`);
      const text = await teams.text();
      expect(teams.status).toBe(503);
      expect(JSON.parse(text).error.json.message).toBe("database unavailable; try again shortly");
      for (const leak of ["127.0.0.1", String(server.port), "ECONNREFUSED", "terminating", "stack"]) expect(text).not.toContain(leak);
      // The details are in the server's log.
      await expect.poll(() => app.output()).toMatch(/ECONNREFUSED|terminating connection|Connection terminated/);
    } finally {
      server.start();
    }
    await expect.poll(async () => (await fetch(`${app.url}/api/health`)).status, { timeout: 30_000 }).toBe(200);
  });
});
