/**
 * The REST endpoints for training scripts (plain HTTP, JSON, `Authorization: Bearer <API token>`):
 *
 * POST /api/v1/runs   one run        {"sweepId": "...", "runKey": "r1", "scales": {"D": 1e9}, "metrics": {"loss": 3.1}}
 *                     or a batch     {"sweepId": "...", "runs": [{"runKey": ..., "scales": ..., "metrics": ...}, ...]}
 *                     the sweep by id, or by name: {"methodology": "web crawl v2", "sweep": "D sweep", "team"?: "slug"}
 *                     with "create": {"axes": ["D"], "metric": "loss", "direction": "lower"} a named sweep (and its
 *                     methodology) the team lacks is created first; an existing one must match it (409 otherwise)
 *   200 {"sweepId", "inserted", "duplicates", "insertedRunKeys", "duplicateRunKeys"}
 *   400 bad rows (all named, nothing written) · 401 no/unknown/revoked token · 403 another team's sweep
 *   404 unknown sweep · 413 body over MAX_REQUEST_BYTES · 503 database unavailable (retry: run keys make it safe)
 *   by session cookie (a browser): 415 unless JSON, 403 unless from this server's Origin (assertSameOriginWrite)
 * GET /api/v1/sweeps?sweepId=... (or methodology=...&sweep=...&team=...)  the sweep's axes, metric, direction
 *                     and metricBounded (null: bounded by its name), so a client can check its rows first
 *
 * Same zod schemas and services as run.ingest.
 */
import type { Database } from "@scalecast/db";
import { refitAfter, type FitJobs } from "../jobs/fit-queue";
import { AppError } from "../errors";
import { checkRuns, ingestInto, rejectRows } from "../services/run/ingest-runs";
import { MAX_RUNS_PER_BATCH } from "../services/run/run-schemas";
import { ensureSweep, ZSweepSpec, type TSweepSpec } from "../services/sweep/ensure-sweep";
import { findSweep, ZSweepById, ZSweepByName, type TSweepRef } from "../services/sweep/find-sweep";
import { issuesFromZod, describeBadInput, findUnstorableText } from "../validation";
import { rejectInput } from "./input";
import { requireActor, withErrors } from "./respond";

const REF_KEYS = ["sweepId", "team", "methodology", "sweep"] as const;
/** The body's fields besides the runs: the sweep's name and, to create it when missing, its spec. */
const NON_RUN_KEYS: readonly string[] = [...REF_KEYS, "create"];

/** The spec of `"create"` (null without one); it needs the sweep named by methodology and sweep. */
function parseCreate(fields: Record<string, unknown>, ref: TSweepRef): TSweepSpec | null {
  if (fields.create === undefined) return null;
  if ("sweepId" in ref) {
    rejectInput([{ path: "create", message: 'create: name the sweep by "methodology" and "sweep" to create it, not by "sweepId"' }]);
  }
  const parsed = ZSweepSpec.strict().safeParse(fields.create);
  if (!parsed.success) rejectInput(issuesFromZod(parsed.error, ["create"]));
  return parsed.data;
}

function parseRef(value: Record<string, unknown>): TSweepRef {
  const ref: Record<string, unknown> = {};
  for (const key of REF_KEYS) if (value[key] !== undefined) ref[key] = value[key];
  if (Object.keys(ref).length === 0) {
    const message = 'sweepId: required; name the sweep with "sweepId", or with "methodology" and "sweep" (and "team" without a team token)';
    throw new AppError("BAD_REQUEST", message, [{ path: "sweepId", message }]);
  }
  const schema = ref.sweepId !== undefined ? ZSweepById : ZSweepByName;
  const parsed = schema.safeParse(ref);
  const issues = parsed.success ? findUnstorableText(ref) : issuesFromZod(parsed.error);
  if (parsed.success && issues.length === 0) return parsed.data;
  throw new AppError("BAD_REQUEST", describeBadInput(issues), issues);
}

/** POST /api/v1/runs. */
export function handleRunsPost(db: Database, fitJobs: FitJobs, request: Request): Promise<Response> {
  return withErrors(async () => {
    const actor = await requireActor(db, request);
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      throw new AppError("BAD_REQUEST", "the request body is not valid JSON");
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      throw new AppError("BAD_REQUEST", 'the request body must be a JSON object: one run, or {"runs": [...]}');
    }
    const fields = body as Record<string, unknown>;
    const ref = parseRef(fields);
    const create = parseCreate(fields, ref);
    let runs: unknown[];
    if ("runs" in fields) {
      if (!Array.isArray(fields.runs)) throw new AppError("BAD_REQUEST", "runs: must be an array of runs", [{ path: "runs", message: "runs: must be an array of runs" }]);
      runs = fields.runs;
      if (runs.length === 0) throw new AppError("BAD_REQUEST", "runs: must hold at least one run", [{ path: "runs", message: "runs: must hold at least one run" }]);
      if (runs.length > MAX_RUNS_PER_BATCH) {
        const message = `runs: at most ${MAX_RUNS_PER_BATCH} runs per request, got ${runs.length}; split the batch`;
        throw new AppError("BAD_REQUEST", message, [{ path: "runs", message }]);
      }
      const extra = Object.keys(fields).filter((k) => k !== "runs" && !NON_RUN_KEYS.includes(k));
      if (extra.length > 0) {
        const message = `unknown field(s) ${extra.map((k) => `"${k}"`).join(", ")} beside "runs"`;
        throw new AppError("BAD_REQUEST", message, [{ path: extra[0]!, message }]);
      }
    } else {
      const run: Record<string, unknown> = { ...fields };
      for (const key of NON_RUN_KEYS) delete run[key];
      runs = [run];
    }
    let target = ref;
    if (create && !("sweepId" in ref)) {
      // Rows are checked against the spec first, so bad rows create nothing.
      const { issues } = checkRuns({ ...create, name: ref.sweep, metricBounded: create.metricBounded ?? null }, runs);
      if (issues.length > 0) rejectRows(issues);
      target = { sweepId: (await ensureSweep(db, actor, ref, create, "create.")).sweep.id };
    }
    const result = await ingestInto(db, actor, target, runs);
    return Response.json(await refitAfter(fitJobs, result.sweepId, result));
  });
}

/** GET /api/v1/sweeps?sweepId=… or ?methodology=…&sweep=…[&team=…]: what a client needs to check its rows. */
export function handleSweepGet(db: Database, request: Request): Promise<Response> {
  return withErrors(async () => {
    const actor = await requireActor(db, request);
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const { teamName, ...sweep } = await findSweep(db, actor, parseRef(params));
    return Response.json({ ...sweep, team: teamName });
  });
}
