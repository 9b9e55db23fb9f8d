import { candidateModels, getModel, type ModelName } from "@scalecast/core";
import { isUniqueViolation, type Database, type Prisma } from "@scalecast/db";
import { AppError } from "../../errors";
import type { TaskPool } from "../../workers/pool";
import type { TaskOutput } from "../../workers/tasks";
import { selectionFitOptions } from "../fit/fit-options";
import { axisMapping, loadSweepRows, type SweepForFit } from "../fit/sweep-rows";
import { runAnalysisTask } from "./run-analysis-task";

export type SelectionOutput = TaskOutput<"selectModel">;

export interface StoredSelection extends SelectionOutput {
  pointCount: number;
  /** False when a stored selection of the same runs was returned. */
  computed: boolean;
}

/**
 * The score models the sweep's axes can feed: the single-axis laws for one axis; the joint laws for N and D,
 * with the data-constrained law only when the sweep records unique tokens U (without U it is Chinchilla's
 * law with two parameters the data cannot determine).
 */
export function defaultCandidates(sweep: Pick<SweepForFit, "name" | "axes">): ModelName[] {
  const mapping = (model: string) => {
    try {
      return axisMapping(sweep, model);
    } catch {
      return undefined;
    }
  };
  if (mapping("log-linear")) return candidateModels([{ x: 1, y: 1 }]);
  const joint = mapping("chinchilla");
  if (!joint) return [];
  return candidateModels([{ n: 1, d: 1, ...(joint.u ? { u: 1 } : {}), y: 1 }]).filter((m) => getModel(m).axes === "n+d");
}

/** Why a sweep has no default law; an IsoFLOP sweep (C and one axis, or M and D) is told to ask for isoflop. */
export function noScoreLawMessage(sweep: Pick<SweepForFit, "name" | "axes">): string {
  const base = `sweep "${sweep.name}": no model fits axes ${sweep.axes.join(", ")}`;
  try {
    const { c } = axisMapping(sweep, "isoflop");
    return `${base}; its runs feed an IsoFLOP analysis (model isoflop${Array.isArray(c) ? ", on budgets C = M·D" : ""}), which gives optima, not a score curve`;
  } catch {
    return base;
  }
}

/**
 * Model selection over the sweep's default candidates for `metric`, stored per data fingerprint and stamped
 * with the runsVersion like a fit (ensure-fit.ts), so a read does not redo it while the runs are unchanged.
 * Cost when not stored: two fits per candidate law, in the task pool. Throws BAD_REQUEST when the sweep's
 * axes feed no law, or core's message when no law can be fitted.
 */
export async function ensureModelSelection(db: Database, pool: TaskPool, sweep: SweepForFit, metric: string): Promise<StoredSelection> {
  const candidates = defaultCandidates(sweep);
  if (candidates.length === 0) throw new AppError("BAD_REQUEST", noScoreLawMessage(sweep));
  const base = { sweepId: sweep.id, metric };
  const fromRow = (row: { ranking: Prisma.JsonValue; choice: Prisma.JsonValue; pointCount: number }, computed: boolean): StoredSelection => ({
    ranking: row.ranking as unknown as SelectionOutput["ranking"],
    choice: row.choice as unknown as SelectionOutput["choice"],
    pointCount: row.pointCount,
    computed,
  });
  const stamped = await db.prisma.modelSelection.findFirst({ where: { ...base, runsVersion: sweep.runsVersion } });
  if (stamped) return fromRow(stamped, false);

  const fitOptions = selectionFitOptions(sweep);
  const data = await loadSweepRows(db, sweep, candidates[0]!, metric, fitOptions);
  const stored = await db.prisma.modelSelection.findFirst({ where: { ...base, dataFingerprint: data.fingerprint } });
  if (stored) {
    await db.prisma.modelSelection.update({ where: { id: stored.id }, data: { runsVersion: sweep.runsVersion }, select: { id: true } });
    return fromRow(stored, false);
  }
  const output = await runAnalysisTask(pool, "selectModel", { rows: data.rows, direction: sweep.direction, candidates, fitOptions }, `sweep "${sweep.name}": `);
  const json = (v: unknown) => v as Prisma.InputJsonValue;
  try {
    await db.prisma.modelSelection.create({
      data: { ...base, dataFingerprint: data.fingerprint, runsVersion: sweep.runsVersion, pointCount: data.rows.length, ranking: json(output.ranking), choice: json(output.choice) },
      select: { id: true },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return { ...output, pointCount: data.rows.length, computed: true };
}
