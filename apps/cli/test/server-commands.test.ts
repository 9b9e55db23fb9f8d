/**
 * The commands that talk to a server or the database (import, push, users create), run as the real CLI
 * subprocess against the API served over HTTP on an embedded database.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { appRouter, createCallerFactory, createTaskPool, createUser, getAuth, openAppDatabase, openFitQueue, type Database, type FitQueue } from "@scalecast/api";
import { answerNodeRequest, handleRestRequest, startFitWorker } from "@scalecast/api/server";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = resolve(dirname(fileURLToPath(import.meta.url)), "../bin/scalecast.mjs");
const dir = mkdtempSync(join(tmpdir(), "scalecast-cli-server-"));

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, DATABASE_URL: undefined, SCALECAST_TOKEN: undefined, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("exit", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("import and push against a server", () => {
  let db: Database;
  const pool = createTaskPool();
  let server: Server;
  let env: NodeJS.ProcessEnv;
  let sweepId: string;
  let asOwner: ReturnType<typeof appRouter.createCaller>;
  let teamId: string;
  let fitJobs: FitQueue;
  /**
   * When set, the server revokes this token as the POST with this number arrives (a real mid-import failure);
   * that POST and every later one are answered after the revocation.
   */
  let revokeOnPost: { tokenId: string; post: number } | null = null;
  let posts = 0;
  let revocation: Promise<unknown> | null = null;
  beforeAll(async () => {
    db = await testDatabaseTargets("")[0]!.open();
    fitJobs = await openFitQueue(db, { maintain: false });
    const team = await db.prisma.team.create({ data: { slug: "cli", name: "CLI team" } });
    const methodology = await db.prisma.methodology.create({ data: { teamId: team.id, name: "web crawl v2" } });
    sweepId = (await db.prisma.sweep.create({ data: { methodologyId: methodology.id, name: "ND grid", axes: ["N", "D"], metric: "loss" } })).id;
    const owner = await createUser(db, { email: "owner@example.com", name: "Owner", password: "correct horse battery", team: { slug: "cli" } });
    teamId = team.id;
    asOwner = createCallerFactory(appRouter)({ db, pool, fitJobs, actor: { kind: "user", user: owner.user, memberships: [{ teamId: team.id, role: "owner" }] } });
    const { token } = await asOwner.token.create({ teamId: team.id, name: "cli test" });
    server = createServer(
      (req, res) =>
        void answerNodeRequest(req, res, async (request) => {
          if (request.method === "POST" && revokeOnPost) {
            const post = ++posts;
            if (post === revokeOnPost.post) revocation = asOwner.token.revoke({ tokenId: revokeOnPost.tokenId });
            if (post >= revokeOnPost.post) await revocation;
          }
          return handleRestRequest({ db, pool, fitJobs }, request);
        }),
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    env = { SCALECAST_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, SCALECAST_TOKEN: token };
  }, 120_000);
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await pool.close();
    await db?.close();
  });

  const keys = async () => (await db.prisma.run.findMany({ where: { sweepId }, orderBy: { runKey: "asc" } })).map((r) => r.runKey);

  it("imports a CSV in batches and reports duplicates when run again", async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `csv-${i},${1e7 * (i + 1)},${2e8 * (i + 1)},${3 - i / 100}`);
    const path = file("runs.csv", `runKey,N,D,loss\n${rows.join("\n")}\n`);
    const first = await cli(["import", path, "--sweep", sweepId, "--batch", "10"], env);
    expect(first).toMatchObject({ code: 0, stdout: `imported 25 run(s) from ${path} (csv) into sweep "ND grid" of CLI team: 25 new, 0 duplicate(s)\n` });
    const again = await cli(["import", path, "--sweep", sweepId, "--json"], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ rows: 25, inserted: 0, duplicates: 25 });
    expect((await keys()).filter((k) => k.startsWith("csv-"))).toHaveLength(25);
  });

  it("sends batches in parallel: every run exactly once, and a repeat is all duplicates", async () => {
    const rows = Array.from({ length: 53 }, (_, i) => `par-${i},${1e7 * (i + 1)},${2e8 * (i + 1)},${3 - i / 100}`);
    const path = file("parallel.csv", `runKey,N,D,loss\n${rows.join("\n")}\n`);
    const first = await cli(["import", path, "--sweep", sweepId, "--batch", "5", "--parallel", "4", "--json"], env);
    expect(JSON.parse(first.stdout)).toMatchObject({ rows: 53, inserted: 53, duplicates: 0 });
    expect((await keys()).filter((k) => k.startsWith("par-")).sort()).toEqual(rows.map((r) => r.split(",")[0]!).sort());
    const again = await cli(["import", path, "--sweep", sweepId, "--batch", "5", "--parallel", "4", "--json"], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, duplicates: 53 });
  });

  it("stops at the first failed batch, says how many runs were sent, and a rerun sends the rest", async () => {
    const { token, id } = await asOwner.token.create({ teamId, name: "revoked mid-import" });
    const rows = Array.from({ length: 20 }, (_, i) => `cut-${i},${1e7 * (i + 1)},${2e8 * (i + 1)},${3 - i / 100}`);
    const path = file("cut.csv", `runKey,N,D,loss\n${rows.join("\n")}\n`);
    posts = 0;
    revokeOnPost = { tokenId: id, post: 3 };
    const cut = await cli(["import", path, "--sweep", sweepId, "--batch", "2", "--parallel", "2", "--no-progress"], { ...env, SCALECAST_TOKEN: token });
    revokeOnPost = null;
    expect(cut.code).toBe(4);
    // Two batches arrived before the revocation; the one in flight beside the failing batch is refused too.
    expect(cut.stderr).toBe(
      "error: this API token was revoked\n" +
        "  4 of 20 runs were sent before this; run the same command again to send the rest (runs already sent count as duplicates)\n",
    );
    expect((await keys()).filter((k) => k.startsWith("cut-"))).toHaveLength(4);
    const rerun = await cli(["import", path, "--sweep", sweepId, "--json"], env);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ inserted: 16, duplicates: 4 });
  });

  it("reads a W&B export (recognised from its Name and State columns), skipping unfinished runs", async () => {
    const path = file("wandb.csv", ["Name,ID,State,config.N,config.D,summary.loss", "a,wb-1,finished,1e8,2e9,3.1", "b,wb-2,running,2e8,4e9,", "c,wb-3,finished,4e8,8e9,2.7"].join("\n"));
    const result = await cli(["import", path, "--sweep", sweepId, "--json"], env);
    expect(JSON.parse(result.stdout)).toMatchObject({ format: "wandb", rows: 2, inserted: 2, skipped: [{ row: 3, reason: 'W&B run state is "running", not finished' }] });
  });

  it("reads an MLflow runs table (recognised from run_id and params./metrics. columns): FINISHED runs only, tags kept", async () => {
    const path = file("mlflow.csv", [
      "run_id,experiment_id,status,start_time,params.N,params.D,params.lr,metrics.loss,tags.git_sha",
      "ml-1,3,FINISHED,2026-11-20 10:00:00+00:00,1e8,2e9,0.001,3.1,ab12f",
      "ml-2,3,FAILED,2026-11-20 11:00:00+00:00,2e8,4e9,0.001,,ab12f",
      "ml-3,3,FINISHED,2026-11-20 12:00:00+00:00,4e8,8e9,0.001,2.7,cd34e",
    ].join("\n"));
    const result = await cli(["import", path, "--sweep", sweepId, "--json"], env);
    expect(JSON.parse(result.stdout)).toMatchObject({ format: "mlflow", rows: 2, inserted: 2, skipped: [{ row: 3, reason: 'MLflow run status is "FAILED", not FINISHED' }] });
  });

  it("lists every bad row and sends nothing", async () => {
    const before = await keys();
    const path = file("bad.csv", "runKey,N,D,loss\nok,1e8,2e9,3\nbad,1e8,abc,3\nneg,-1,2e9,3\nok,1e8,2e9,3\n");
    const result = await cli(["import", path, "--sweep", sweepId], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        `error: ${path}: 3 bad rows, nothing was sent:`,
        '  row 3: column D: "abc" is not a number',
        "  row 4: scales.N: scale values must be positive (they are read on a log axis)",
        '  row 5: runKey: "ok" repeats row 2 of this batch',
        "",
      ].join("\n"),
    );
    expect(await keys()).toEqual(before);
  });

  it("import checks the metric's bounds before sending: a loss of 0 is named with its row", async () => {
    const before = await keys();
    const path = file("zero-loss.csv", "runKey,N,D,loss\nfine,1e8,2e9,3\nzero,2e8,4e9,0\n");
    const result = await cli(["import", path, "--sweep", sweepId], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: ${path}: 1 bad row, nothing was sent:\n  row 3: loss = 0 is outside the metric's bounds (0, ∞)\n`);
    expect(await keys()).toEqual(before);
  });

  it("import names a row whose unique tokens U exceed its tokens D, and sends nothing", async () => {
    const methodology = await db.prisma.methodology.findFirstOrThrow({ where: { teamId, name: "web crawl v2" } });
    const repeats = await db.prisma.sweep.create({ data: { methodologyId: methodology.id, name: "NDU grid", axes: ["N", "D", "U"], metric: "loss" } });
    const path = file("repeats.csv", "runKey,N,D,U,loss\nfour-epochs,1e8,4e9,1e9,3.1\ntoo-many-unique,1e8,1e9,4e9,3.3\n");
    const result = await cli(["import", path, "--sweep", repeats.id], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: ${path}: 1 bad row, nothing was sent:\n  row 3: scales.U: unique tokens U = 4000000000 exceed the tokens trained on D = 1000000000 (each unique token is seen at least once)\n`,
    );
    expect(await db.prisma.run.count({ where: { sweepId: repeats.id } })).toBe(0);
  });

  it.each([
    [["import", "nope.csv", "--sweep", "x"], "error: cannot read nope.csv: no such file\n", 1],
    [["import", "runs.csv", "--sweep", "missing"], "error: sweep missing does not exist\n", 1],
    [["import", "runs.csv", "--sweep", "x", "--format", "xml"], '--format must be one of auto, csv, json, jsonl, mlflow, wandb, got "xml"', 1],
    [["push", "--sweep", "x", "--run-key", "k", "--scale", "N=abc", "--metric", "loss=1"], 'expected NAME=NUMBER (e.g. N=1.2e8), got "N=abc"', 1],
    [["push", "--sweep", "ND grid", "--team", "cli", "--run-key", "k", "--scale", "N=1", "--metric", "loss=1"], "--team names the team of --methodology; give the sweep's --methodology too, or its id alone", 1],
    [["export", "--sweep", "x", "--format", "xlsx"], '--format must be one of csv, json, got "xlsx"', 1],
  ])("scalecast %j fails with a clear message and its exit code", async (args, message, code) => {
    const result = await cli(args as string[], env);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
  });

  it("says how to give a token when there is none (exit code 4), and an unknown token is refused with 4 too", async () => {
    const result = await cli(["import", "runs.csv", "--sweep", sweepId], { SCALECAST_URL: env.SCALECAST_URL });
    expect(result).toMatchObject({ code: 4, stderr: "error: no API token: pass --token or set SCALECAST_TOKEN (a team owner creates one on the team page)\n" });
    const unknown = await cli(["push", "--sweep", sweepId, "--run-key", "k", "--scale", "N=1e8", "--scale", "D=2e9", "--metric", "loss=3"], { ...env, SCALECAST_TOKEN: "sc_unknown" });
    expect(unknown.code).toBe(4);
  });

  it("a server that cannot be reached is exit code 3, after the retries", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const result = await cli(["push", "--sweep", sweepId, "--run-key", "k", "--scale", "N=1e8", "--scale", "D=2e9", "--metric", "loss=3"], { ...env, SCALECAST_URL: `http://127.0.0.1:${port}` });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(`error: cannot reach http://127.0.0.1:${port}: ECONNREFUSED; gave up after 5 attempts (running the command again is safe: runs already sent are duplicates)\n`);
  }, 60_000);

  it("export writes the runs with the fit's prediction at each (CSV, formula-looking text escaped) or everything as JSON", async () => {
    const methodology = await db.prisma.methodology.findFirstOrThrow({ where: { teamId } });
    const grid = [1e8, 3e8, 1e9].flatMap((n, i) => [2e9, 6e9, 2e10].map((d, j) => ({ runKey: `${i === 0 && j === 0 ? "=cmd()" : `g${i}${j}`}`, scales: { N: n, D: d }, metrics: { loss: 1.7 + 400 / n ** 0.34 + 410 / d ** 0.28 } })));
    const sweep = await asOwner.sweep.create({ methodologyId: methodology.id, name: "exported", axes: ["N", "D"], metric: "loss", direction: "lower" });
    await asOwner.run.ingest({ sweepId: sweep.id, runs: grid });
    const worker = await startFitWorker({ db, pool, queue: fitJobs, log: () => undefined });
    try {
      const exported = async () => JSON.parse((await cli(["export", "--methodology", "web crawl v2", "--sweep", "exported", "--format", "json"], env)).stdout);
      for (let i = 0; i < 120 && (await exported()).fitStatus.state !== "current"; i++) await new Promise((r) => setTimeout(r, 500));
    } finally {
      await worker.stop();
    }
    const json = JSON.parse((await cli(["export", "--sweep", sweep.id, "--format", "json"], env)).stdout);
    expect(json).toMatchObject({ sweep: { id: sweep.id, name: "exported" }, fitStatus: { state: "current", reason: null }, fit: { metric: "loss" } });
    expect(json.runs).toHaveLength(9);
    const out = join(dir, "exported.csv");
    const written = await cli(["export", "--sweep", sweep.id, "--out", out], env);
    expect(written).toMatchObject({ code: 0, stdout: `wrote 9 run(s) of sweep "exported" and its ${json.fit.model} fit (current) to ${out}\n` });
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe(`run_key,N,D,loss,seed,excluded,excluded_reason,predicted loss (${json.fit.model}),log_residual`);
    expect(lines).toHaveLength(10);
    expect(lines[1]).toMatch(/^"'=cmd\(\)",100000000,2000000000,[\d.]+,,no,,[\d.]+,-?[\d.e-]+$/);
  });

  it("import, push and runs name the sweep by --methodology and --sweep as well as by id", async () => {
    const byName = ["--methodology", "web crawl v2", "--sweep", "ND grid"];
    expect(await cli(["push", ...byName, "--run-key", "named-1", "--scale", "N=1.2e8", "--scale", "D=2.4e9", "--metric", "loss=3.05"], env)).toMatchObject({ code: 0, stdout: "run named-1 recorded\n" });
    const path = file("named.csv", "runKey,N,D,loss\nnamed-2,3e8,6e9,2.8\n");
    expect(JSON.parse((await cli(["import", path, ...byName, "--team", "cli", "--json"], env)).stdout)).toMatchObject({ sweepId, inserted: 1 });
    expect(await cli(["runs", "exclude", ...byName, "--run-key", "named-1", "--reason", "warm-up"], env)).toMatchObject({ code: 0 });
    expect(await db.prisma.run.findUniqueOrThrow({ where: { sweepId_runKey: { sweepId, runKey: "named-1" } } })).toMatchObject({ excludedReason: "warm-up" });
    expect(await cli(["push", "--methodology", "web crawl v2", "--sweep", "no such sweep", "--run-key", "k", "--scale", "N=1", "--metric", "loss=1"], env)).toMatchObject({ code: 1 });
  });

  it("push sends one run and reports a repeat as a duplicate", async () => {
    const args = ["push", "--sweep", sweepId, "--run-key", "pushed-1", "--scale", "N=1.5e8", "--scale", "D=3e9", "--metric", "loss=2.95", "--seed", "4"];
    expect(await cli(args, env)).toMatchObject({ code: 0, stdout: "run pushed-1 recorded\n" });
    expect(await cli(args, env)).toMatchObject({ code: 0, stdout: "run pushed-1 was already recorded (duplicate, nothing changed)\n" });
    const run = await db.prisma.run.findUniqueOrThrow({ where: { sweepId_runKey: { sweepId, runKey: "pushed-1" } } });
    expect(run).toMatchObject({ scales: { N: 1.5e8, D: 3e9 }, metrics: { loss: 2.95 }, seed: 4 });
  });

  it("runs exclude, include and delete change one run and say so; mistakes name the run", async () => {
    await cli(["push", "--sweep", sweepId, "--run-key", "to/exclude", "--scale", "N=2e8", "--scale", "D=4e9", "--metric", "loss=9"], env);
    const run = () => db.prisma.run.findUnique({ where: { sweepId_runKey: { sweepId, runKey: "to/exclude" } } });
    const target = ["--sweep", sweepId, "--run-key", "to/exclude"];
    expect(await cli(["runs", "exclude", ...target, "--reason", "loss spike"], env)).toMatchObject({ code: 0, stdout: "run to/exclude excluded from fits: loss spike\n" });
    expect(await run()).toMatchObject({ excludedReason: "loss spike", excludedBy: "API token cli test" });
    expect(await cli(["runs", "exclude", ...target, "--reason", "again"], env)).toMatchObject({
      code: 2,
      stderr: 'error: run "to/exclude" is already excluded (by API token cli test: loss spike)\n',
    });
    expect(await cli(["runs", "exclude", ...target], env)).toMatchObject({ code: 1, stderr: expect.stringContaining("required option '--reason <text>' not specified") });
    expect(await cli(["runs", "include", ...target], env)).toMatchObject({ code: 0, stdout: "run to/exclude included in fits again\n" });
    expect((await run())!.excludedAt).toBeNull();
    const deleted = await cli(["runs", "delete", ...target, "--reason", "bad config", "--json"], env);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ action: "delete", runKey: "to/exclude", reason: "bad config", metrics: { loss: 9 } });
    expect(await run()).toBeNull();
    expect(await cli(["runs", "delete", ...target], env)).toMatchObject({ code: 1, stderr: 'error: sweep "ND grid" has no run "to/exclude"\n' });
  });
});

describe("users create", () => {
  const dataDir = join(dir, "data");

  it("creates the first admin (instance admin) with a team on an empty embedded database, and the account signs in", async () => {
    const result = await cli(["users", "create", "--email", "Admin@Example.com", "--name", "Ada Admin", "--team", "research", "--team-name", "Research", "--password", "correct horse battery"], {
      SCALECAST_DATA_DIR: dataDir,
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      `created admin@example.com (Ada Admin) in embedded PostgreSQL (PGlite) in ${dataDir}\ninstance admin: decides who may sign up (Settings page)\nowner of team research ("Research"), a new team\n`,
    );
    const db = await openAppDatabase({ SCALECAST_DATA_DIR: dataDir }, () => undefined, { seed: false });
    try {
      expect(await db.prisma.team.count()).toBe(1); // no demo data on an admin's fresh install
      const response = await (await getAuth(db)).api.signInEmail({ body: { email: "admin@example.com", password: "correct horse battery" }, asResponse: true });
      expect(response.status).toBe(200);
    } finally {
      await db.close();
    }
  });

  it("prints a generated password once when none is given", async () => {
    const result = await cli(["users", "create", "--email", "second@example.com", "--json"], { SCALECAST_DATA_DIR: dataDir });
    const out = JSON.parse(result.stdout) as { password: string; user: { name: string; admin: boolean }; team: null };
    expect(out.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(out.user).toMatchObject({ name: "second", admin: false });
    expect(out.team).toBeNull();
  });

  it("creates a later account as instance admin with --admin, whatever the sign-up policy", async () => {
    const result = await cli(["users", "create", "--email", "operator@example.com", "--admin", "--password", "correct horse battery"], { SCALECAST_DATA_DIR: dataDir });
    expect(result.stdout).toBe(`created operator@example.com (operator) in embedded PostgreSQL (PGlite) in ${dataDir}\ninstance admin: decides who may sign up (Settings page)\n`);
  });

  it.each([
    [["--email", "admin@example.com"], "error: an account with email admin@example.com already exists\n"],
    [["--email", "not-an-email"], "error: email: email must be an email address\n"],
    [["--email", "short@example.com", "--password", "abc"], "error: password: password must be at least 8 characters\n"],
    [["--email", "x@example.com", "--team", "Bad Slug"], "error: team.slug: slug must be 2–48 lowercase letters, digits or dashes, starting with a letter or digit\n"],
    [["--email", "x@example.com", "--team-name", "X"], "error: --team-name needs --team <slug>\n"],
  ])("users create %j fails with a clear message", async (args, message) => {
    const result = await cli(["users", "create", ...args], { SCALECAST_DATA_DIR: dataDir });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: message });
  });
});

describe("worker", () => {
  it("refuses the embedded database: a worker process needs the PostgreSQL server at DATABASE_URL", async () => {
    const result = await cli(["worker"], { SCALECAST_DATA_DIR: join(dir, "worker-data") });
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 1,
      stderr: "error: a separate fit worker needs a PostgreSQL server: set DATABASE_URL. The embedded database allows one process per folder, so `npm start` works its fit jobs itself\n",
    });
  });
});
