import { isUniqueViolation, type Database, type FitModel, type Prisma } from "@scalecast/db";
import { AppError } from "../../errors";
import { TaskError, type TaskPool } from "../../workers/pool";
import type { FitTaskOutput } from "../../workers/tasks";
import { fitOptionsFor } from "./fit-options";
import type { TFit, TFitListItem } from "./schemas";
import { loadSweepRows, withRunKeys, type SweepForFit } from "./sweep-rows";

/** A stored fit without its draws (what every read selects). */
export type StoredFit = Omit<FitModel, "draws"> & { draws?: Prisma.JsonValue };

export interface FitRequest {
  model: string;
  metric: string;
  bootstrap: number;
  seed: number;
}

/**
 * The stored fit of `request` for the sweep's current runs, computing it in the task pool only when none
 * is stored. With `anyBootstrap` (fit.latest) any stored bootstrap size and seed will do and the largest
 * is preferred, so a page never waits on a bootstrap that was already computed.
 *
 * Fast path: a fit stamped with the sweep's current runsVersion (kept by triggers on Run) is current
 * without reading the runs. Otherwise the runs are read and hashed; a stored fit with that fingerprint is
 * re-stamped and returned; else the fit is computed, inserted, and on a unique-index race the winner read.
 * The version is read before the runs, so a stamp never claims data newer than what was fitted.
 */
export async function ensureFit(
  db: Database,
  pool: TaskPool,
  sweep: SweepForFit,
  request: FitRequest,
  options: { anyBootstrap: boolean },
): Promise<{ fit: StoredFit; computed: boolean }> {
  const base = { sweepId: sweep.id, model: request.model, metric: request.metric };
  const exact = options.anyBootstrap ? {} : { bootstrap: request.bootstrap, seed: request.seed };
  const order: Prisma.FitOrderByWithRelationInput[] = [{ bootstrap: "desc" }, { createdAt: "desc" }];
  const stamped = await db.prisma.fit.findFirst({ where: { ...base, ...exact, runsVersion: sweep.runsVersion }, orderBy: order, omit: { draws: true } });
  if (stamped) return { fit: stamped, computed: false };

  const fitOptions = fitOptionsFor(sweep, request.model);
  const data = await loadSweepRows(db, sweep, request.model, request.metric, fitOptions);
  const stored = await db.prisma.fit.findFirst({ where: { ...base, ...exact, dataFingerprint: data.fingerprint }, orderBy: order, omit: { draws: true } });
  if (stored) {
    if (stored.runsVersion !== sweep.runsVersion) {
      await db.prisma.fit.update({ where: { id: stored.id }, data: { runsVersion: sweep.runsVersion }, select: { id: true } });
    }
    return { fit: { ...stored, runsVersion: sweep.runsVersion }, computed: false };
  }

  let output: FitTaskOutput;
  try {
    output = await pool.run(
      "fit",
      {
        model: request.model,
        rows: data.rows,
        runKeys: data.runKeys,
        direction: sweep.direction,
        fitOptions,
        bootstrap: request.bootstrap,
        seed: request.seed,
        targetScale: sweep.targetScale,
      },
      `fit:${sweep.id}:${data.fingerprint}:${request.bootstrap}:${request.seed}`,
    );
  } catch (error) {
    if (!(error instanceof TaskError)) throw error;
    const skipped = data.skipped > 0 ? ` (${data.skipped} run(s) lack metric "${request.metric}" or a scale axis the model reads)` : "";
    throw new AppError("BAD_REQUEST", `sweep "${sweep.name}": ${withRunKeys(error.message, data.runKeys)}${skipped}`);
  }
  const json = (v: unknown) => (v === null ? undefined : (v as Prisma.InputJsonValue));
  try {
    const fit = await db.prisma.fit.create({
      data: {
        ...base,
        params: output.params,
        intervals: json(output.intervals),
        metrics: { ...output.metrics, skippedRuns: data.skipped },
        converged: output.converged,
        message: output.message,
        dataFingerprint: data.fingerprint,
        bootstrap: request.bootstrap,
        seed: request.seed,
        pointCount: data.rows.length,
        runsVersion: sweep.runsVersion,
        smallest: output.smallest,
        frontier: output.frontier,
        uniqueTokens: output.uniqueTokens,
        draws: json(output.draws),
        curve: json(output.curve),
        residuals: json(output.residuals),
        summary: json(output.summary),
        calibration: json(output.calibration),
      },
      omit: { draws: true },
    });
    return { fit, computed: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.prisma.fit.findFirst({
      where: { ...base, dataFingerprint: data.fingerprint, bootstrap: request.bootstrap, seed: request.seed },
      omit: { draws: true },
    });
    if (!winner) throw error;
    return { fit: winner, computed: false };
  }
}

/** How many bootstrap draws a stored fit keeps, without loading them. */
function drawCount(fit: StoredFit): number {
  const m = fit.metrics as Record<string, unknown>;
  return fit.bootstrap > 0 ? Math.max(0, fit.bootstrap - (typeof m.bootstrapFailures === "number" ? m.bootstrapFailures : 0)) : 0;
}

export function toFitListItem(fit: StoredFit, sweepRunsVersion: number): TFitListItem {
  return {
    id: fit.id,
    sweepId: fit.sweepId,
    model: fit.model,
    metric: fit.metric,
    params: fit.params as Record<string, number>,
    intervals: (fit.intervals ?? null) as TFit["intervals"],
    metrics: fit.metrics as TFit["metrics"],
    converged: fit.converged,
    message: fit.message,
    dataFingerprint: fit.dataFingerprint,
    bootstrap: fit.bootstrap,
    seed: fit.seed,
    pointCount: fit.pointCount,
    drawCount: drawCount(fit),
    smallest: fit.smallest,
    frontier: fit.frontier,
    summary: (fit.summary ?? null) as TFit["summary"],
    createdAt: fit.createdAt,
    current: fit.runsVersion === sweepRunsVersion,
  };
}

export function toFit(fit: StoredFit, sweepRunsVersion: number): TFit {
  return {
    ...toFitListItem(fit, sweepRunsVersion),
    curve: (fit.curve ?? null) as TFit["curve"],
    residuals: (fit.residuals ?? null) as TFit["residuals"],
  };
}
