/**
 * The built app as `npm start` serves it: the demo owner signs in through /api/auth, creates an API token
 * for the Pretraining team through tRPC, and the README's curl and Python `requests` examples log runs
 * into the demo's IsoFLOP grid over POST /api/v1/runs and read it back over GET /api/v1/sweeps/{id}.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "./app-server";

const run = promisify(execFile);
const readme = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), "../../../README.md"), "utf8");

function example(name: string): string {
  const match = new RegExp(`<!-- tested: ${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match?.[1]) throw new Error(`README has no example marked "tested: ${name}"`);
  return match[1];
}

describe("logging runs into the running app", () => {
  let app: RunningApp;
  let cookie = "";
  let token = "";
  let sweepId = "";
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const trpcGet = async (path: string, input: unknown) => {
    const response = await fetch(`${app.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers: { cookie } });
    return { status: response.status, body: (await response.json()) as any };
  };

  it("prints the demo sign-in in the start-up log, and the demo owner signs in", async () => {
    expect(app.output()).toContain('demo sign-in: owner@demo.scalecast.dev (owner of pretraining, owner of data, owner of post-training)');
    expect(app.output()).toContain('password "scalecast-demo"');
    const response = await fetch(`${app.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.url },
      body: JSON.stringify({ email: "owner@demo.scalecast.dev", password: "scalecast-demo" }),
    });
    expect(response.status).toBe(200);
    cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const team = await trpcGet("team.get", { slug: "pretraining" });
    expect(team.status).toBe(200);
    expect(team.body.result.data.json.viewer).toEqual({ role: "owner", canWrite: true, canManage: true });
    const created = await fetch(`${app.url}/api/trpc/token.create`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.url, cookie },
      body: JSON.stringify({ json: { teamId: team.body.result.data.json.id, name: "README examples" } }),
    });
    expect(created.status).toBe(200);
    token = ((await created.json()) as any).result.data.json.token;
    expect(token).toMatch(/^sc_/);
    const sweeps = await trpcGet("sweep.list", { teamId: team.body.result.data.json.id });
    sweepId = sweeps.body.result.data.json.find((s: { name: string }) => s.name === "IsoFLOP grid").id;
  });

  it("runs the README's curl example, and a repeat is a duplicate", async () => {
    const env = { ...process.env, SCALECAST_URL: app.url, SCALECAST_TOKEN: token };
    const first = JSON.parse((await run("sh", ["-c", example("curl")], { env })).stdout);
    expect(first).toEqual({ sweepId, inserted: 1, duplicates: 0, insertedRunKeys: ["n1e8-d2e9-seed0"], duplicateRunKeys: [] });
    const second = JSON.parse((await run("sh", ["-c", example("curl")], { env })).stdout);
    expect(second).toMatchObject({ inserted: 0, duplicates: 1 });
  });

  it("runs the README's Python requests example", async () => {
    const env = { ...process.env, SCALECAST_URL: app.url, SCALECAST_TOKEN: token };
    expect((await run("python3", ["-c", example("python")], { env })).stdout.trim()).toBe("3 new runs");
    // The same runs again: all three are already there.
    expect((await run("python3", ["-c", example("python")], { env })).stdout.trim()).toBe("0 new runs");
  });

  it("runs the README's Python read example: the IsoFLOP grid's runs and its Chinchilla fit, gzip-encoded", async () => {
    const env = { ...process.env, SCALECAST_URL: app.url, SCALECAST_TOKEN: token };
    // The runs logged above are fitted by the server's fit worker; until then the example prints "(refitting)".
    const state = async () => ((await (await fetch(`${app.url}/api/v1/sweeps/${sweepId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { fitStatus: { state: string } }).fitStatus.state;
    await expect.poll(state, { timeout: 120_000 }).toBe("current");
    const { stdout } = await run("python3", ["-c", example("python-read")], { env });
    const response = await fetch(`${app.url}/api/v1/sweeps/${sweepId}`, { headers: { authorization: `Bearer ${token}`, "accept-encoding": "gzip" } });
    expect(response.headers.get("content-encoding")).toBe("gzip");
    const document = (await response.json()) as { runs: unknown[]; fit: { model: string; params: Record<string, number> } };
    const params = Object.entries(document.fit.params).map(([k, v]) => `${k}=${Number(v.toPrecision(4))}`);
    expect(document.runs.length).toBeGreaterThan(4);
    expect(stdout.trim()).toMatch(new RegExp(`^${document.runs.length} runs; chinchilla fit \\(current\\): `));
    expect(stdout.trim().split("): ")[1]!.split(", ").map((p) => p.replace(/=(.*)/, (_m, v: string) => `=${Number(v)}`))).toEqual(params);
    const revalidated = await fetch(`${app.url}/api/v1/sweeps/${sweepId}`, { headers: { authorization: `Bearer ${token}`, "if-none-match": response.headers.get("etag")! } });
    expect(revalidated.status).toBe(304);
  }, 180_000);

  it("refuses a script without a token with 401 and says what to send", async () => {
    const response = await fetch(`${app.url}/api/v1/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "UNAUTHORIZED", message: 'sign in to use Scalecast: send "Authorization: Bearer <API token>"', issues: [] } });
  });
});
