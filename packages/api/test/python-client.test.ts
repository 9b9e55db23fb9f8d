/**
 * The Python client (clients/python) with the machine's python3 against the real REST server (the handler over
 * node:http, on a real database): its unittest suite, which stops, starts and restarts the server through a
 * control endpoint to show the offline spool and a restart mid-log, and the README's training-loop example.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testDatabaseTargets } from "@scalecast/db/testing";
import type { Database } from "@scalecast/db";
import { openFitQueue } from "../src/jobs/fit-queue";
import { startFitWorker } from "../src/jobs/fit-worker";
import { answerNodeRequest } from "../src/server";
import { testPool } from "./helpers";
import { handle } from "./http";
import { buildWorld, type World } from "./world";

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const clientDir = join(repoRoot, "clients/python");

/** The fenced code block after `<!-- tested: name -->` in the README. */
function example(name: string): string {
  const match = new RegExp(`<!-- tested: ${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(readFileSync(join(repoRoot, "README.md"), "utf8"));
  if (!match?.[1]) throw new Error(`README has no example marked "tested: ${name}"`);
  return match[1];
}

/** The REST server on one loopback port that can be stopped and started again on the same port. */
function restartableServer(db: Database) {
  let server: Server | undefined;
  let port = 0;
  return {
    url: () => `http://127.0.0.1:${port}`,
    async start() {
      const next = createServer((req, res) => void answerNodeRequest(req, res, (request) => handle(db, request)));
      await new Promise<void>((ready) => next.listen(port, "127.0.0.1", ready));
      port = (next.address() as AddressInfo).port;
      server = next;
    },
    stop: () =>
      new Promise<void>((closed) => {
        if (!server) return closed();
        server.closeAllConnections();
        server.close(() => closed());
        server = undefined;
      }),
  };
}

// The server half of the suite's databases (PostgreSQL), else the embedded one.
const target = testDatabaseTargets(inject("postgresUrl")).at(-1)!;

describe(`the Python client against a running server on ${target.kind}`, () => {
  let db: Database;
  let w: World;
  const servers: { close(): Promise<void> }[] = [];
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    db = await target.open();
    w = await buildWorld(db);
    // The server's fit worker: fits are computed after runs arrive, and the client's fit() waits for them.
    const worker = await startFitWorker({ db, pool: testPool, queue: await openFitQueue(db, { log: () => undefined }), log: () => undefined });
    servers.push({ close: () => worker.stop() });
    const rest = restartableServer(db);
    await rest.start();
    servers.push({ close: rest.stop });
    // /stop, /start, and /restart: stop now, start again half a second after answering (the client is logging meanwhile).
    const control = createServer((req, res) => {
      const action = req.url?.slice(1);
      const done = () => res.end("ok");
      if (action === "stop") void rest.stop().then(done);
      else if (action === "start") void rest.start().then(done);
      else if (action === "restart") void rest.stop().then(() => (done(), setTimeout(() => void rest.start(), 500)));
      else res.writeHead(404).end();
    });
    await new Promise<void>((ready) => control.listen(0, "127.0.0.1", ready));
    servers.push({ close: () => new Promise<void>((closed) => control.close(() => closed())) });
    env = {
      ...process.env,
      PYTHONPATH: clientDir,
      PYTHONDONTWRITEBYTECODE: "1",
      SCALECAST_URL: rest.url(),
      SCALECAST_TOKEN: w.tokenA.secret,
      SCALECAST_CONTROL: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
      SCALECAST_SPOOL: join(mkdtempSync(join(tmpdir(), "scalecast-spool-")), "spool.jsonl"),
    };
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await db?.close();
  });

  it("passes its unittest suite: batches, fits, forecasts, duplicates, bad rows, the offline spool and a restart mid-log", async () => {
    const { stderr } = await run("python3", ["-m", "unittest", "discover", "-s", "tests", "-t", ".", "-v"], { cwd: clientDir, env });
    expect(stderr).toMatch(/\nRan 6 tests in [\d.]+s\n\nOK\n$/);
    expect(stderr).not.toContain("skipped");
  });

  it("runs the README's training-loop example", async () => {
    const { stdout } = await run("python3", ["-c", example("python-client")], { cwd: repoRoot, env });
    const [summary, sync] = stdout.trim().split("\n");
    const match = /^([a-z-]+) fit of 7 runs; loss at 1e11 tokens: (\d+\.\d{3}) \(\d+% interval (\d+\.\d{3})–(\d+\.\d{3})\)$/.exec(summary!);
    expect(match, summary).not.toBeNull();
    // The example's stand-in training run follows Hoffmann et al.'s data term: 1.69 + 410.7 / D^0.28.
    expect(Math.abs(Number(match![2]) / (1.69 + 410.7 / 1e11 ** 0.28) - 1)).toBeLessThan(0.05);
    expect(sync).toBe("{'batches': 0, 'inserted': 0, 'duplicates': 0, 'pending': 0}");
  });
});
