/**
 * The REST API through the server users run (`npm start`'s script, on a PostgreSQL server started by the
 * global setup), printed, not asserted; `npm run bench -w @scalecast/web`:
 * - reading a sweep of 1,000 runs with its stored fit (GET /api/v1/sweeps/{id}, API token) under 50
 *   closed-loop clients on loopback: plain JSON, gzip, and revalidation with If-None-Match (target p95 < 50 ms);
 * - ingest of 100,000 runs in batches of 1,000 (POST /api/v1/runs), one batch in flight and four
 *   (target ≥ 20,000 runs/s), and `scalecast import` of the same runs as a CSV file, timed from the command's
 *   start to its exit (reading and checking the file included).
 * Everything is set up through the public interfaces (sign-up, tRPC, REST), as a new team would.
 * The clients run in worker threads of this process; the server is its own process.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { runLoad } from "@scalecast/bench-clients/load";
import { postBatches } from "@scalecast/bench-clients/post-batches";
import { runBatches } from "@scalecast/bench-clients/run-batches";
import { createScratchPostgres } from "@scalecast/db/testing";
import { openSignUp, startApp, type RunningApp } from "./app-server";

const cliBin = resolve(dirname(fileURLToPath(import.meta.url)), "../../cli/bin/scalecast.mjs");
const CLIENTS = 50;
const SECONDS = 10;
const INGEST_RUNS = 100_000;
const INGEST_BATCH = 1_000;

let app: RunningApp;
let dropDatabase: () => Promise<void>;
let cookie: string;

beforeAll(async () => {
  const scratch = await createScratchPostgres(inject("postgresUrl"));
  dropDatabase = scratch.drop;
  app = await startApp({ DATABASE_URL: scratch.url });
  await openSignUp(app.url);
  const signUp = await fetch(`${app.url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.url },
    body: JSON.stringify({ name: "Bench", email: "bench-api@example.com", password: "correct horse battery" }),
  });
  if (!signUp.ok) throw new Error(`sign-up answered ${signUp.status}: ${await signUp.text()}`);
  cookie = signUp.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
});
afterAll(async () => {
  await app?.stop();
  await dropDatabase?.();
});

/** A tRPC mutation as the signed-in bench user (superjson's envelope around plain JSON). */
async function mutate<T>(path: string, input: unknown): Promise<T> {
  const response = await fetch(`${app.url}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.url, cookie },
    body: JSON.stringify({ json: input }),
  });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error).slice(0, 300)}`);
  return body.result.data.json;
}

/** A new team with one sweep and an API token of the team, created as a new user would. */
async function sweepWithToken(slug: string, axes: string[]): Promise<{ sweepId: string; authorization: string }> {
  const team = await mutate<{ id: string }>("team.create", { slug, name: slug });
  const methodology = await mutate<{ id: string }>("methodology.create", { teamId: team.id, name: "bench" });
  const sweep = await mutate<{ id: string }>("sweep.create", { methodologyId: methodology.id, name: "bench", axes, metric: "loss", direction: "lower" });
  const { token } = await mutate<{ token: string }>("token.create", { teamId: team.id, name: "bench" });
  return { sweepId: sweep.id, authorization: `Bearer ${token}` };
}

const load = () => loadavg().map((v) => v.toFixed(2)).join(" ");

function report(how: string, elapsedMs: number): void {
  console.log(
    `api ingest through npm start, ${how}: ${INGEST_RUNS.toLocaleString("en")} runs in ${(elapsedMs / 1000).toFixed(2)} s = ` +
      `${Math.round((INGEST_RUNS / elapsedMs) * 1000).toLocaleString("en")} runs/s (load ${load()}; target ≥ 20,000 runs/s)`,
  );
}

describe("REST API through npm start's server", () => {
  it(`reads a 1,000-run sweep with its stored fit under ${CLIENTS} clients`, async () => {
    const { sweepId, authorization } = await sweepWithToken("bench-read", ["D"]);
    const runs = Array.from({ length: 1000 }, (_, i) => {
      const d = 1e6 * 10 ** (i / 200);
      return { runKey: `r${i}`, scales: { D: d }, metrics: { loss: 8 * d ** -0.12 * (1 + 0.02 * Math.sin(i)) } };
    });
    const posted = await fetch(`${app.url}/api/v1/runs`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ sweepId, runs }),
    });
    if (!posted.ok) throw new Error(`ingest answered ${posted.status}: ${await posted.text()}`);
    const url = `${app.url}/api/v1/sweeps/${sweepId}`;
    const started = performance.now();
    // Reads only read: the fit job runs after the ingest; the document says "fitting" until it is stored.
    let first: Response;
    for (;;) {
      first = await fetch(url, { headers: { authorization } });
      const document = (await first.json()) as { fit: { pointCount: number } | null; fitStatus: { state: string; reason: string | null } };
      if (document.fitStatus.state === "failed") throw new Error(`the fit failed: ${document.fitStatus.reason}`);
      if (document.fitStatus.state === "current") break;
      if (performance.now() - started > 300_000) throw new Error("no fit within 5 minutes of the ingest");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    console.log(`api read: from the ingest response to the fit readable (job, bootstrap included): ${Math.round(performance.now() - started)} ms`);
    const etag = first.headers.get("etag")!;
    for (const [how, headers] of [
      ["plain JSON", { authorization }],
      ["gzip", { authorization, "accept-encoding": "gzip" }],
      ["If-None-Match (304)", { authorization, "if-none-match": etag }],
    ] as const) {
      const r = await runLoad({ url, connections: CLIENTS, seconds: SECONDS, headers });
      console.log(
        `api read through npm start, GET /api/v1/sweeps/{id} ${how}, ${CLIENTS} clients, ${SECONDS} s: p50 ${r.latencyMs.p50} ms, ` +
          `p95 ${r.latencyMs.p95} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms, ${r.requestsPerSecond} req/s, ` +
          `${r.failures} failed, ${r.responseBytes} bytes each (load ${load()}; target p95 < 50 ms)`,
      );
    }
  });

  it(`ingests ${INGEST_RUNS.toLocaleString("en")} runs in batches of ${INGEST_BATCH.toLocaleString("en")}`, async () => {
    for (const inFlight of [1, 4]) {
      const { sweepId, authorization } = await sweepWithToken(`bench-ingest-${inFlight}`, ["N", "D"]);
      const bodies = runBatches(`b${inFlight}`, INGEST_RUNS, INGEST_BATCH).map((runs) => JSON.stringify({ sweepId, runs }));
      const result = await postBatches({ url: `${app.url}/api/v1/runs`, authorization, bodies, inFlight });
      if (result.inserted !== INGEST_RUNS) throw new Error(`expected ${INGEST_RUNS} runs inserted, got ${result.inserted}`);
      report(`POST /api/v1/runs, ${inFlight} batch(es) in flight`, result.elapsedMs);
    }
  });

  it(`imports ${INGEST_RUNS.toLocaleString("en")} runs from a CSV file with the CLI`, async () => {
    const { sweepId, authorization } = await sweepWithToken("bench-cli-import", ["N", "D"]);
    const rows = runBatches("csv", INGEST_RUNS, INGEST_BATCH).flat().map((r) => `${r.runKey},${r.scales.N},${r.scales.D},${r.metrics.loss}`);
    const file = join(mkdtempSync(join(tmpdir(), "scalecast-bench-")), "runs.csv");
    writeFileSync(file, `runKey,N,D,loss\n${rows.join("\n")}\n`);
    const env = { ...process.env, SCALECAST_URL: app.url, SCALECAST_TOKEN: authorization.slice("Bearer ".length) };
    const started = performance.now();
    const { stdout } = await promisify(execFile)(process.execPath, [cliBin, "import", file, "--sweep", sweepId, "--no-progress", "--json"], { env });
    const elapsedMs = performance.now() - started;
    const result = JSON.parse(stdout) as { inserted: number };
    if (result.inserted !== INGEST_RUNS) throw new Error(`expected ${INGEST_RUNS} runs inserted, got ${result.inserted}`);
    report("scalecast import runs.csv (4 batches in flight), command start to exit", elapsedMs);
  });
});
