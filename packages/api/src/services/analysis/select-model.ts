import type { Database } from "@scalecast/db";
import type { TaskPool } from "../../workers/pool";
import { selectionFitOptions } from "../fit/fit-options";
import { axisMapping, loadSweepForFit, loadSweepRows } from "../fit/sweep-rows";
import { ensureModelSelection } from "./ensure-model-selection";
import { runAnalysisTask } from "./run-analysis-task";
import type { TSelectModelInput, TSelectModelOutput } from "./schemas";

/**
 * Ranks models for the sweep by held-out extrapolation error, then AIC/BIC (core's selectModel), with the
 * law chosen as the default (rank 1 unless its fit is degenerate) and the pinned law, if any. Over the
 * default candidates (every score model the sweep's axes can feed) the selection is stored per runs version
 * (ensureModelSelection); an explicit list of candidates is ranked on request.
 */
export async function selectModelForSweep(db: Database, pool: TaskPool, input: TSelectModelInput): Promise<TSelectModelOutput> {
  const sweep = await loadSweepForFit(db, input.sweepId);
  const metric = input.metric ?? sweep.metric;
  const pinnedModel = sweep.pinnedModel as TSelectModelOutput["pinnedModel"];
  if (!input.candidates) {
    const { ranking, choice, pointCount } = await ensureModelSelection(db, pool, sweep, metric);
    return { sweepId: sweep.id, metric, pointCount, ranking, choice, pinnedModel };
  }
  for (const c of input.candidates) axisMapping(sweep, c); // names the model the sweep's axes cannot feed
  const fitOptions = selectionFitOptions(sweep);
  const data = await loadSweepRows(db, sweep, input.candidates[0]!, metric, fitOptions);
  const { ranking, choice } = await runAnalysisTask(pool, "selectModel", { rows: data.rows, direction: sweep.direction, candidates: [...input.candidates], fitOptions }, `sweep "${sweep.name}": `);
  return { sweepId: sweep.id, metric, pointCount: data.rows.length, ranking, choice, pinnedModel };
}
