/**
 * The README's curl and Python `requests` examples, run as documented against the API served over real
 * HTTP (the same handlers as apps/web's routes), plus the REST endpoint's error answers.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testDatabaseTargets } from "@scalecast/db/testing";
import type { Database } from "@scalecast/db";
import { runPendingFitJobs } from "./helpers";
import { serve } from "./http";
import { buildWorld, runFor, type World } from "./world";

const run = promisify(execFile);
const readme = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), "../../../README.md"), "utf8");

/** The fenced code block after `<!-- tested: name -->` in the README. */
function example(name: string): string {
  const match = new RegExp(`<!-- tested: ${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match?.[1]) throw new Error(`README has no example marked "tested: ${name}"`);
  return match[1];
}

describe.each(testDatabaseTargets(inject("postgresUrl")))("REST ingest over HTTP on $kind", (target) => {
  let db: Database;
  let w: World;
  let server: Awaited<ReturnType<typeof serve>>;
  let sweepId: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    db = await target.open();
    w = await buildWorld(db);
    server = await serve(db);
    // The names the README's examples use (the demo's Pretraining sweep).
    const methodology = await db.prisma.methodology.create({ data: { teamId: w.teamA.id, name: "Dense transformer" } });
    sweepId = (await db.prisma.sweep.create({ data: { methodologyId: methodology.id, name: "IsoFLOP grid", axes: ["N", "D"], metric: "loss" } })).id;
    env = { ...process.env, SCALECAST_URL: server.url, SCALECAST_TOKEN: w.tokenA.secret };
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const runsOf = async () =>
    (await db.prisma.run.findMany({ where: { sweepId }, orderBy: { runKey: "asc" } })).map((r) => ({ runKey: r.runKey, scales: r.scales, metrics: r.metrics, seed: r.seed }));

  it("the documented curl command logs one run, and repeating it reports a duplicate", async () => {
    const first = await run("sh", ["-c", example("curl")], { env });
    expect(JSON.parse(first.stdout)).toEqual({ sweepId, inserted: 1, duplicates: 0, insertedRunKeys: ["n1e8-d2e9-seed0"], duplicateRunKeys: [] });
    const second = await run("sh", ["-c", example("curl")], { env });
    expect(JSON.parse(second.stdout)).toMatchObject({ inserted: 0, duplicates: 1, duplicateRunKeys: ["n1e8-d2e9-seed0"] });
    expect(await runsOf()).toEqual([{ runKey: "n1e8-d2e9-seed0", scales: { N: 1e8, D: 2e9 }, metrics: { loss: 3.12 }, seed: 0 }]);
  });

  it("the documented Python requests snippet logs a batch", async () => {
    const { stdout } = await run("python3", ["-c", example("python")], { env });
    expect(stdout.trim()).toBe("3 new runs");
    expect((await runsOf()).map((r) => r.runKey)).toEqual(["N1e+08-D2e+09", "N2e+09-D3e+10", "N4e+08-D8e+09", "n1e8-d2e9-seed0"]);
    const again = await run("python3", ["-c", example("python")], { env });
    expect(again.stdout.trim()).toBe("0 new runs");
  });

  it("the documented Python read snippet prints the sweep's runs and its fit status: fitting, then why it cannot be fitted", async () => {
    const readDocument = async () =>
      (await (await fetch(`${server.url}/api/v1/sweeps/${sweepId}`, { headers: { authorization: `Bearer ${w.tokenA.secret}` } })).json()) as {
        fit: null;
        fitStatus: { state: string; reason: string | null };
      };
    expect((await run("python3", ["-c", example("python-read")], { env })).stdout.trim()).toBe("4 runs; not fitted (fitting)");
    await runPendingFitJobs(db, { sweepId });
    const document = await readDocument();
    expect(document.fit).toBeNull();
    expect(document.fitStatus.state).toBe("failed");
    expect((await run("python3", ["-c", example("python-read")], { env })).stdout.trim()).toBe(`4 runs; not fitted (failed: ${document.fitStatus.reason})`);
  });

  const post = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${w.tokenA.secret}` }) =>
    fetch(`${server.url}/api/v1/runs`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

  it.each([
    ["not JSON", "{oops", 400, "the request body is not valid JSON"],
    ["an array body", "[]", 400, 'the request body must be a JSON object: one run, or {"runs": [...]}'],
    ["no sweep", { ...runFor("x") }, 400, 'sweepId: required; name the sweep with "sweepId", or with "methodology" and "sweep" (and "team" without a team token)'],
    ["an empty sweepId", { sweepId: "", ...runFor("x") }, 400, "sweepId: must not be empty"],
    ["an unknown sweep", { sweepId: "nope", ...runFor("x") }, 404, "sweep nope does not exist"],
    ["an unknown sweep name", { methodology: "web crawl v2", sweep: "missing", ...runFor("x") }, 404, 'no sweep "missing" in methodology "web crawl v2" of this token\'s team'],
    ["runs that is not an array", { methodology: "Dense transformer", sweep: "IsoFLOP grid", runs: {} }, 400, "runs: must be an array of runs"],
    ["an empty batch", { methodology: "Dense transformer", sweep: "IsoFLOP grid", runs: [] }, 400, "runs: must hold at least one run"],
    ["a field beside runs", { methodology: "Dense transformer", sweep: "IsoFLOP grid", runs: [runFor("x")], runKey: "y" }, 400, 'unknown field(s) "runKey" beside "runs"'],
    ["a metric that is a string", { methodology: "Dense transformer", sweep: "IsoFLOP grid", ...runFor("x"), metrics: { loss: "3.1" } }, 400, "1 bad row, nothing was written: row 1: metrics.loss: metric values must be finite numbers"],
  ] as const)("answers %s with its status and a clear message", async (_label, body, status, message) => {
    const before = await db.prisma.run.count();
    const response = await post(body);
    const json = (await response.json()) as { error: { message: string } };
    expect({ status: response.status, message: json.error.message }).toEqual({ status, message });
    expect(await db.prisma.run.count()).toBe(before);
  });

  it("lists every bad row of a batch with its number and field", async () => {
    const runs = [runFor("ok-1"), { ...runFor("bad-2"), scales: { N: 0, D: 1e9 } }, runFor("ok-3"), { ...runFor("bad-4"), seed: 1.5 }];
    const response = await post({ sweepId, runs });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { message: string; issues: { row: number; path: string }[] } };
    expect(error.message).toBe(
      "2 bad rows, nothing was written: row 2: scales.N: scale values must be positive (they are read on a log axis); row 4: seed: seed must be an integer",
    );
    expect(error.issues.map((i) => [i.row, i.path])).toEqual([
      [2, "runs.1.scales.N"],
      [4, "runs.3.seed"],
    ]);
    expect((await runsOf()).map((r) => r.runKey)).not.toContain("ok-1");
  });

  it("asks a signed-in person for the team when naming a sweep by name", async () => {
    const response = await post({ methodology: "Dense transformer", sweep: "IsoFLOP grid", ...runFor("x") }, { cookie: w.memberA.cookie, origin: server.url });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      "team: name the team (its slug) when finding a sweep by methodology and sweep name",
    );
    const withTeam = await post({ team: w.teamA.slug, methodology: "Dense transformer", sweep: "IsoFLOP grid", ...runFor("by-member") }, { cookie: w.memberA.cookie, origin: server.url });
    expect(withTeam.status).toBe(200);
  });

  it("GET /api/v1/sweeps describes a sweep by id or by name", async () => {
    const headers = { authorization: `Bearer ${w.tokenA.secret}` };
    const byId = await fetch(`${server.url}/api/v1/sweeps?sweepId=${sweepId}`, { headers });
    const expected = { id: sweepId, name: "IsoFLOP grid", axes: ["N", "D"], metric: "loss", direction: "lower", metricBounded: null, teamId: w.teamA.id, team: w.teamA.name };
    expect(await byId.json()).toEqual(expected);
    const byName = await fetch(`${server.url}/api/v1/sweeps?methodology=${encodeURIComponent("Dense transformer")}&sweep=${encodeURIComponent("IsoFLOP grid")}`, { headers });
    expect(await byName.json()).toEqual(expected);
    expect((await fetch(`${server.url}/api/v1/sweeps?sweepId=${sweepId}`)).status).toBe(401);
  });

  it("signs in over HTTP with better-auth and uses the session cookie for tRPC", async () => {
    const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ email: w.memberA.user.email, password: "correct horse battery" }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const input = encodeURIComponent(JSON.stringify({ json: { slug: w.teamA.slug } }));
    const team = await fetch(`${server.url}/api/trpc/team.get?input=${input}`, { headers: { cookie } });
    expect(team.status).toBe(200);
    const body = (await team.json()) as { result: { data: { json: { viewer: unknown } } } };
    expect(body.result.data.json.viewer).toEqual({ role: "member", canWrite: true, canManage: false });
    const wrong = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ email: w.memberA.user.email, password: "wrong password" }),
    });
    expect(wrong.status).toBe(401);
  });
});
