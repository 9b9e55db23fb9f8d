/**
 * The REST endpoints with tRPC parity (rest/api-routes.ts, POST /api/v1/runs's "create") over real HTTP:
 * a script names its methodology and sweep, creates them, logs runs, excludes one, reads fits, forecasts,
 * backtests, compares, plans and snapshots; and every new bad-input answer names the wrong field.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testDatabaseTargets } from "@scalecast/db/testing";
import type { Database } from "@scalecast/db";
import { wobble } from "./fit-fixtures";
import { runPendingFitJobs } from "./helpers";
import { serve } from "./http";
import { buildWorld, type World } from "./world";

interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string; issues: { path: string; message: string }[] } };
  headers: Headers;
}

describe.each(testDatabaseTargets(inject("postgresUrl")))("REST parity over HTTP on $kind", (target) => {
  let db: Database;
  let w: World;
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    db = await target.open();
    w = await buildWorld(db);
    server = await serve(db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: `Bearer ${w.tokenA.secret}` }): Promise<Answer> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer["body"], headers: response.headers };
  }
  const list = async (path: string) => (await call("GET", path)).body as unknown as Record<string, unknown>[];

  /** Eight runs of loss = 8·D^−0.12 (±2 %), D from 1e6 doubling. */
  const powerLawRuns = (prefix: string) =>
    Array.from({ length: 8 }, (_, i) => {
      const d = 1e6 * 2 ** i;
      return { runKey: `${prefix}-${i}`, scales: { D: d }, metrics: { loss: 8 * d ** -0.12 * wobble(i) } };
    });
  const spec = { axes: ["D"], metric: "loss", direction: "lower" };

  it("creates a sweep by name with its methodology, finds it again, and names each field an existing one differs in", async () => {
    const path = `/api/v1/methodologies/${encodeURIComponent("Mixture v3")}/sweeps/${encodeURIComponent("D sweep")}`;
    const first = await call("PUT", path, spec);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: "D sweep", axes: ["D"], metric: "loss", direction: "lower", teamId: w.teamA.id, team: w.teamA.name, created: true });
    const again = await call("PUT", path, spec);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, created: false });
    const differs = await call("PUT", path, { axes: ["N"], metric: "loss", direction: "higher" });
    expect(differs.status).toBe(409);
    expect(differs.body.error!.issues).toEqual([
      { path: "axes", message: 'axes: sweep "D sweep" exists with axes D, not N' },
      { path: "direction", message: 'direction: sweep "D sweep" exists with direction lower, not higher' },
    ]);
    const listed = await list(`/api/v1/methodologies/${encodeURIComponent("Mixture v3")}/sweeps`);
    expect(listed.map((s) => s.name)).toEqual(["D sweep"]);
    expect((await list("/api/v1/methodologies")).map((m) => m.name)).toContain("Mixture v3");
    // Another team's token sees its own team only.
    const other = await call("GET", `/api/v1/methodologies/${encodeURIComponent("Mixture v3")}/sweeps`, undefined, { authorization: `Bearer ${w.tokenB.secret}` });
    expect(other.status).toBe(404);
    expect(other.body.error!.message).toBe(`no methodology "Mixture v3" in team "${w.teamB.name}"`);
  });

  it("creates a methodology, and a second of the same name is a 409", async () => {
    const created = await call("POST", "/api/v1/methodologies", { name: "Code mix", description: "code share sweep" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Code mix", description: "code share sweep", teamId: w.teamA.id });
    const twice = await call("POST", "/api/v1/methodologies", { name: "Code mix" });
    expect(twice.status).toBe(409);
    expect(twice.body.error!.message).toBe('this team already has a methodology named "Code mix"');
  });

  it("logs runs into a sweep it creates when asked, and bad rows create nothing", async () => {
    const bad = await call("POST", "/api/v1/runs", { methodology: "Auto", sweep: "made by ingest", create: spec, runs: [{ runKey: "x", scales: { N: 1 }, metrics: { loss: 2 } }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.message).toBe('1 bad row, nothing was written: row 1: scales.D: missing (sweep "made by ingest" has axes D); row 1: scales.N: unknown axis (sweep "made by ingest" has axes D)');
    expect(await db.prisma.sweep.count({ where: { name: "made by ingest" } })).toBe(0);
    const body = { methodology: "Auto", sweep: "made by ingest", create: spec, runs: powerLawRuns("auto") };
    const logged = await call("POST", "/api/v1/runs", body);
    expect(logged.status).toBe(200);
    expect(logged.body).toMatchObject({ inserted: 8, duplicates: 0 });
    const retried = await call("POST", "/api/v1/runs", body);
    expect(retried.body).toMatchObject({ sweepId: logged.body.sweepId, inserted: 0, duplicates: 8 });
  });

  it.each([
    ["by sweepId", { sweepId: "s1", create: { axes: ["D"], metric: "loss", direction: "lower" } }, "create", 'create: name the sweep by "methodology" and "sweep" to create it, not by "sweepId"'],
    ["with a bad axis name", { methodology: "Auto", sweep: "x", create: { axes: ["1D"], metric: "loss", direction: "lower" } }, "create.axes.0", "create.axes.0: must start with a letter or _"],
    ["without a direction", { methodology: "Auto", sweep: "x", create: { axes: ["D"], metric: "loss" } }, "create.direction", "create.direction: direction must be lower or higher"],
    ["with an unknown field", { methodology: "Auto", sweep: "x", create: { axes: ["D"], metric: "loss", direction: "lower", axis: "D" } }, "create", 'create: unknown field(s) "axis"'],
  ])("refuses a create %s with 400 naming the field", async (_label, ref, path, message) => {
    const answer = await call("POST", "/api/v1/runs", { ...ref, runKey: "r", scales: { D: 1 }, metrics: { loss: 1 } });
    expect(answer.status).toBe(400);
    expect(answer.body.error!.issues[0]!.path).toBe(path);
    expect(answer.body.error!.issues[0]!.message.startsWith(message)).toBe(true);
  });

  it("lists runs with their exclusions and the trail, fits the latest and a chosen law, forecasts, backtests, compares, plans and snapshots", async () => {
    const { body: sweep } = await call("PUT", "/api/v1/methodologies/Analysis/sweeps/Tokens", spec);
    const sweepId = sweep.id as string;
    await call("POST", "/api/v1/runs", { sweepId, runs: powerLawRuns("t") });
    expect((await call("POST", `/api/v1/sweeps/${sweepId}/runs/t-7/exclude`, { reason: "diverged" })).status).toBe(200);

    const runs = await list(`/api/v1/sweeps/${sweepId}/runs`);
    expect(runs).toHaveLength(8);
    expect(runs.find((r) => r.runKey === "t-7")!.excluded).toMatchObject({ reason: "diverged" });
    expect(runs.find((r) => r.runKey === "t-0")!.excluded).toBeNull();
    expect((await list(`/api/v1/sweeps/${sweepId}/events`)).map((e) => [e.runKey, e.action])).toEqual([["t-7", "exclude"]]);

    // Reads only read: the fit job has not run yet, then it has.
    expect((await call("GET", `/api/v1/sweeps/${sweepId}/fit`)).body).toEqual({ fit: null, fitStatus: { state: "fitting", reason: null } });
    await runPendingFitJobs(db, { sweepId });
    const latest = await call("GET", `/api/v1/sweeps/${sweepId}/fit`).then((answer) => ({ ...answer, body: answer.body.fit as Record<string, unknown> }));
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ sweepId, metric: "loss", pointCount: 7 });
    expect((await call("GET", `/api/v1/sweeps/${sweepId}/fit?model=log-linear`)).body).toEqual({ fit: null, fitStatus: { state: "fitting", reason: null } });
    const chosen = await call("POST", `/api/v1/sweeps/${sweepId}/fits`, { model: "log-linear" });
    expect(chosen.body).toMatchObject({ sweepId, model: "log-linear" });
    expect((await call("GET", `/api/v1/sweeps/${sweepId}/fit?model=log-linear`)).body).toMatchObject({ fit: { id: chosen.body.id }, fitStatus: { state: "current" } });
    const fitted = await call("POST", `/api/v1/sweeps/${sweepId}/fits`, { model: "power-law", bootstrap: 20, seed: 1 });
    expect(fitted.status).toBe(200);
    expect(fitted.body).toMatchObject({ model: "power-law", bootstrap: 20, seed: 1, computed: true });
    expect((await call("GET", `/api/v1/fits/${fitted.body.id as string}`)).body).toMatchObject({ id: fitted.body.id, model: "power-law" });
    expect((await list(`/api/v1/sweeps/${sweepId}/fits`)).map((f) => f.id)).toEqual(expect.arrayContaining([fitted.body.id, latest.body.id, chosen.body.id]));

    const forecast = await call("POST", `/api/v1/fits/${fitted.body.id as string}/forecast`, { at: [1e12] });
    expect(forecast.status).toBe(200);
    const at = (forecast.body.at as { scale: number; value: number }[])[0]!;
    expect(at.scale).toBe(1e12);
    // The law's own value at 1e12 within the ±2 % noise of the data.
    expect(Math.abs(at.value / (8 * 1e12 ** -0.12) - 1)).toBeLessThan(0.05);

    const backtest = await call("POST", `/api/v1/sweeps/${sweepId}/backtests`, { model: "power-law" });
    expect(backtest.status).toBe(200);
    expect(backtest.body).toMatchObject({ sweepId, model: "power-law", computed: true });

    const compared = await call("POST", "/api/v1/compare", { fitIds: [fitted.body.id, chosen.body.id], at: 1e12 });
    expect(compared.status).toBe(200);
    expect((compared.body.ranking as unknown[]).length).toBe(2);

    const plan = await call("POST", "/api/v1/plan", { budget: 1e21, law: "hoffmann-2022" });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ law: { E: 1.69 } });

    const snapshot = await call("POST", "/api/v1/snapshots", { title: "before the 1e12 run" });
    expect(snapshot.status).toBe(201);
    expect(snapshot.body).toMatchObject({ title: "before the 1e12 run", teamId: w.teamA.id, content: { kind: "team" } });
    expect((await list("/api/v1/snapshots")).map((s) => s.id)).toContain(snapshot.body.id);
    const stored = await call("GET", `/api/v1/snapshots/${snapshot.body.id as string}`);
    expect(stored.body).toMatchObject({ id: snapshot.body.id, title: "before the 1e12 run", decisions: [], content: { kind: "team" } });
    expect((await call("GET", "/api/v1/snapshots/no-such")).status).toBe(404);
  });

  it.each([
    ["an unknown body field", "POST", "/api/v1/sweeps/s/fits", { modle: "power-law" }, 400, "modle", 'modle: unknown field; expected "model", "metric", "bootstrap", "seed"'],
    ["a law that does not exist", "POST", "/api/v1/sweeps/s/fits", { model: "cubic" }, 400, "model", "model: must be one of log-linear, power-law"],
    ["an unknown query field", "GET", "/api/v1/sweeps/s/fit?modle=x", undefined, 400, "modle", 'modle: unknown field; expected "model", "metric"'],
    ["a forecast scale that is not positive", "POST", "/api/v1/fits/f/forecast", { at: -1 }, 400, "at", "at: must be a positive number"],
    ["fewer than two fits to compare", "POST", "/api/v1/compare", { fitIds: ["a"] }, 400, "fitIds", "fitIds: must list at least two fits"],
    ["a plan with neither a fit nor a law", "POST", "/api/v1/plan", { budget: 1e21 }, 400, "fitId", "fitId: give either fitId or law, not both or neither"],
    ["a snapshot of a team and of fits at once", "POST", "/api/v1/snapshots", { title: "t", team: "some-team", fitIds: ["a", "b"] }, 400, "team", "team: give either team (a team snapshot) or fitIds (a comparison), not both"],
    ["an unknown team", "GET", "/api/v1/methodologies?team=no-such-team", undefined, 404, "team", 'team: no team "no-such-team"'],
    ["a sweep spec without axes", "PUT", "/api/v1/methodologies/m/sweeps/s", { axes: [], metric: "loss", direction: "lower" }, 400, "axes", "axes: a sweep needs at least one scale axis"],
    ["a methodology name too long", "POST", "/api/v1/methodologies", { name: "x".repeat(101) }, 400, "name", "name: must be at most 100 characters"],
  ])("answers %s with the one error shape naming the field", async (_label, method, path, body, status, field, message) => {
    const answer = await call(method, path, body);
    expect(answer.status).toBe(status);
    expect(answer.body.error!.issues[0]!.path).toBe(field);
    expect(answer.body.error!.issues[0]!.message.startsWith(message)).toBe(true);
    expect(answer.body.error!.message.startsWith(message)).toBe(true);
  });

  it.each([
    ["a body that is not JSON", "{oops", "the request body is not valid JSON"],
    ["a body that is not an object", "[1]", "the request body must be a JSON object"],
  ])("answers %s with 400", async (_label, body, message) => {
    const answer = await call("POST", "/api/v1/compare", body);
    expect(answer.status).toBe(400);
    expect(answer.body.error!.message).toBe(message);
  });

  it("answers unknown sweeps and fits with 404, and a person without a token must name the team", async () => {
    expect((await call("GET", "/api/v1/sweeps/no-such/runs")).body.error!.message).toBe("sweep no-such does not exist");
    expect((await call("POST", "/api/v1/fits/no-such/forecast", {})).status).toBe(404);
    const person = await call("GET", "/api/v1/methodologies", undefined, { cookie: w.ownerA.cookie });
    expect(person.status).toBe(400);
    expect(person.body.error!.message).toBe('team: name the team (its slug, "team") when not calling with an API token');
    const named = await call("GET", `/api/v1/methodologies?team=${w.teamA.slug}`, undefined, { cookie: w.ownerA.cookie });
    expect(named.status).toBe(200);
  });

  it("asks for a token on the new endpoints, lists every method of a path in 405, and reads a malformed segment as 400", async () => {
    const anonymous = await call("GET", "/api/v1/methodologies", undefined, {});
    expect(anonymous.status).toBe(401);
    const wrong = await call("DELETE", "/api/v1/methodologies");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, POST");
    expect(wrong.body.error!.message).toBe("DELETE /api/v1/methodologies is not supported; use GET or POST");
    const malformed = await call("GET", "/api/v1/methodologies/%E0%A4%A/sweeps");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error!.message).toBe('the path segment "%E0%A4%A" is not valid percent-encoding (UTF-8 bytes as %XX)');
  });
});
