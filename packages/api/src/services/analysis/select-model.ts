import { candidateModels, getModel } from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { TaskPool } from "../../workers/pool";
import { selectionFitOptions } from "../fit/fit-options";
import { axisMapping, loadSweepForFit, loadSweepRows } from "../fit/sweep-rows";
import { runAnalysisTask } from "./run-analysis-task";
import type { TSelectModelInput } from "./schemas";

/**
 * Ranks models for the sweep by held-out extrapolation error, then AIC/BIC (core's selectModel). The
 * candidates default to every score model the sweep's axes can feed.
 */
export async function selectModelForSweep(db: Database, pool: TaskPool, input: TSelectModelInput) {
  const sweep = await loadSweepForFit(db, input.sweepId);
  const metric = input.metric ?? sweep.metric;
  const usable = (model: string) => {
    try {
      axisMapping(sweep, model);
      return getModel(model).predicts === "y";
    } catch {
      return false;
    }
  };
  const candidates = input.candidates ?? (["log-linear", "chinchilla"] as const).flatMap((m) => (usable(m) ? candidateModelsFor(m) : []));
  for (const c of candidates) axisMapping(sweep, c); // names the model the sweep's axes cannot feed
  if (candidates.length === 0) throw new AppError("BAD_REQUEST", `sweep "${sweep.name}": no model fits axes ${sweep.axes.join(", ")}`);
  const data = await loadSweepRows(db, sweep, candidates[0]!, metric);
  const ranking = await runAnalysisTask(pool, "selectModel", { rows: data.rows, direction: sweep.direction, candidates: [...candidates], fitOptions: selectionFitOptions(sweep) }, `sweep "${sweep.name}": `);
  return { sweepId: sweep.id, metric, pointCount: data.rows.length, ranking };
}

/** The score models sharing the axes kind of `model` ("x" models, or the joint N/D models). */
function candidateModelsFor(model: string): string[] {
  const kind = getModel(model).axes;
  const probe = kind === "x" ? [{ x: 1, y: 1 }] : [{ n: 1, d: 1, u: 1, y: 1 }];
  return candidateModels(probe).filter((m) => getModel(m).axes === kind);
}
