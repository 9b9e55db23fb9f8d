import type { Database } from "@scalecast/db";
import type { TaskPool } from "../../workers/pool";
import { ensureFit, toFit } from "./ensure-fit";
import { FIT_DEFAULTS, type TFit, type TLatestFitInput } from "./schemas";
import { checkModel, loadSweepForFit } from "./sweep-rows";

/**
 * The fit of the sweep's current runs (default model and metric unless given): a stored one when the data
 * is unchanged (the one with the most bootstrap resamples), else computed once with FIT_DEFAULTS and
 * stored, so page loads and replicas share it.
 */
export async function getLatestFit(db: Database, pool: TaskPool, input: TLatestFitInput): Promise<TFit> {
  const sweep = await loadSweepForFit(db, input.sweepId);
  const model = input.model ?? sweep.defaultModel;
  checkModel(model);
  const request = { model, metric: input.metric ?? sweep.metric, bootstrap: FIT_DEFAULTS.bootstrap, seed: FIT_DEFAULTS.seed };
  const { fit } = await ensureFit(db, pool, sweep, request, { anyBootstrap: true });
  return toFit(fit, sweep.runsVersion);
}
