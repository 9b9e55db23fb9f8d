/**
 * Fits are computed by jobs, where data is written; reads only read. One FitState row per (sweep, metric,
 * law) says which fit a job stored last and which runsVersion the last finished job saw, so a read derives
 * the fit's status from one row, without computing anything:
 * - current: the last job saw the sweep's current runs and fitted them;
 * - failed: it saw the current runs and could not fit them (the reason is the user's to read);
 * - refitting / fitting: the runs changed since (a job is queued or running), with / without an older fit.
 *
 * runFitJob is the job's body (the queue calls it; tests call it to stand for "the worker ran"). It is
 * idempotent: the fit and the model selection are stored per data fingerprint (ensureFit,
 * ensureModelSelection), and a state never goes back to an older runsVersion.
 */
import type { Database } from "@scalecast/db";
import { z } from "zod";
import { AppError } from "../../errors";
import type { TaskPool } from "../../workers/pool";
import { ensureModelSelection } from "../analysis/ensure-model-selection";
import { loadSweepForFit, type SweepForFit } from "./sweep-rows";
import { ensureFit } from "./ensure-fit";
import { resolveDefaultModel } from "./resolve-default-model";
import { FIT_DEFAULTS } from "./schemas";

/** What one fit job computes: a sweep's fit of `metric` by `model` ("" = the sweep's default law). */
export interface FitJobKey {
  sweepId: string;
  metric: string;
  model: string;
}

export const ZFitStatus = z.object({
  state: z.enum(["current", "refitting", "fitting", "failed"]),
  /** Why the last job failed (state "failed"), else null. */
  reason: z.string().nullable(),
});
export type TFitStatus = z.infer<typeof ZFitStatus>;

/** A FitState row as reads need it. */
export interface FitStateRow {
  sweepId: string;
  metric: string;
  model: string;
  fitId: string | null;
  settledVersion: number | null;
  failure: string | null;
}

/** The status of a fit read through `state` (undefined: no job finished yet) for a sweep at `runsVersion`. */
export function fitStatusOf(state: FitStateRow | undefined, runsVersion: number): TFitStatus {
  if (state?.settledVersion === runsVersion) {
    return state.failure === null ? { state: "current", reason: null } : { state: "failed", reason: state.failure };
  }
  return { state: state?.fitId ? "refitting" : "fitting", reason: null };
}

/** The states of `keys` in one query, by fitStateKey. */
export async function readFitStates(db: Database, keys: readonly FitJobKey[]): Promise<Map<string, FitStateRow>> {
  if (keys.length === 0) return new Map();
  const rows = await db.prisma.fitState.findMany({
    where: { OR: keys.map((k) => ({ sweepId: k.sweepId, metric: k.metric, model: k.model })) },
    select: { sweepId: true, metric: true, model: true, fitId: true, settledVersion: true, failure: true },
  });
  return new Map(rows.map((row) => [fitStateKey(row), row]));
}

export function fitStateKey(key: FitJobKey): string {
  return `${key.sweepId}\u0000${key.metric}\u0000${key.model}`;
}

/** What a failed job tells readers when the failure was not the data's (the details are in the worker's log). */
export const INTERNAL_FIT_FAILURE = "the fit failed on the server (an internal error; the details are in the worker's log)";

/**
 * Runs one fit job: reads the sweep's runs, resolves the law (for "": the pinned one, else model selection,
 * stored), fits it with FIT_DEFAULTS' bootstrap unless a fit of these runs is stored, and settles the
 * state. Bad data (a BAD_REQUEST: too few runs, a metric the runs lack, ...) settles the state as failed
 * with the message and returns; any other error is thrown for the queue to retry (settleFitFailure records
 * it once retries are exhausted). A sweep deleted meanwhile is a no-op.
 */
export async function runFitJob(db: Database, pool: TaskPool, key: FitJobKey): Promise<{ fitId: string | null; computed: boolean }> {
  let sweep;
  try {
    sweep = await loadSweepForFit(db, key.sweepId);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return { fitId: null, computed: false };
    throw error;
  }
  try {
    const model = key.model || (await resolveDefaultModel(db, pool, sweep));
    const request = { model, metric: key.metric, bootstrap: FIT_DEFAULTS.bootstrap, seed: FIT_DEFAULTS.seed };
    const { fit, computed } = await ensureFit(db, pool, sweep, request, { anyBootstrap: true });
    await settle(db, key, sweep.runsVersion, { fitId: fit.id, failure: null });
    if (!key.model && sweep.pinnedModel) await rankBesidePinnedLaw(db, pool, sweep, key.metric);
    return { fitId: fit.id, computed };
  } catch (error) {
    if (!(error instanceof AppError && error.code === "BAD_REQUEST")) throw error;
    await settle(db, key, sweep.runsVersion, { failure: error.message });
    return { fitId: null, computed: false };
  }
}

/**
 * The Sweep page shows model selection's ranking beside a pinned law too, and reads never compute it, so the
 * job of a pinned sweep's default law stores it as well (an unpinned sweep's job stores it to choose its law),
 * after the fit is settled: the pinned law's fit does not depend on it and is readable first (ranking every
 * law of a 1,000-run sweep takes far longer than the fit). Runs the laws cannot rank leave it out.
 */
async function rankBesidePinnedLaw(db: Database, pool: TaskPool, sweep: SweepForFit, metric: string): Promise<void> {
  try {
    await ensureModelSelection(db, pool, sweep, metric);
  } catch (error) {
    if (!(error instanceof AppError && error.code === "BAD_REQUEST")) throw error;
  }
}

/** What a read of model selection says when the job of an unpinned sweep settled its runs without ranking them. */
export const UNRANKED = "the candidate laws could not be ranked on these runs";

/** Records that a job of `key` gave up after its retries (not the data's fault), at the sweep's current runs. */
export async function settleFitFailure(db: Database, key: FitJobKey, failure: string = INTERNAL_FIT_FAILURE): Promise<void> {
  const sweep = await db.prisma.sweep.findUnique({ where: { id: key.sweepId }, select: { runsVersion: true } });
  if (sweep) await settle(db, key, sweep.runsVersion, { failure });
}

/**
 * Writes a job's outcome unless a job that saw newer runs has already settled this row: an upsert whose
 * update applies only when the stored settledVersion is older or equal (equal: the same runs refitted).
 * A failure keeps the previous fitId (readers show it, not current).
 */
async function settle(db: Database, key: FitJobKey, version: number, outcome: { fitId?: string; failure: string | null }): Promise<void> {
  await db.sql.query(
    `INSERT INTO "FitState" ("id", "sweepId", "metric", "model", "fitId", "settledVersion", "failure", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT ("sweepId", "metric", "model") DO UPDATE
       SET "fitId" = COALESCE(EXCLUDED."fitId", "FitState"."fitId"), "settledVersion" = EXCLUDED."settledVersion",
           "failure" = EXCLUDED."failure", "updatedAt" = now()
       WHERE "FitState"."settledVersion" IS NULL OR "FitState"."settledVersion" <= EXCLUDED."settledVersion"`,
    [`fs_${crypto.randomUUID()}`, key.sweepId, key.metric, key.model, outcome.fitId ?? null, version, outcome.failure],
  );
}

/**
 * The default-law jobs that no finished job covers: sweeps whose runs changed since their state settled, or
 * that never had one. What a worker enqueues when it starts (runs written while no worker ran, or whose
 * job was lost before it was queued), and what tests run to stand for "the worker caught up".
 */
export async function unsettledFitJobs(db: Database): Promise<FitJobKey[]> {
  return db.sql.query<FitJobKey & Record<string, unknown>>(
    `SELECT s."id" AS "sweepId", s."metric", '' AS "model"
     FROM "Sweep" s
     LEFT JOIN "FitState" f ON f."sweepId" = s."id" AND f."metric" = s."metric" AND f."model" = ''
     WHERE f."settledVersion" IS DISTINCT FROM s."runsVersion"
     ORDER BY s."id"`,
  );
}
