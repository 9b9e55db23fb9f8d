import type { Database } from "@scalecast/db";
import type { TaskPool } from "../../workers/pool";
import { FIT_TASK_DEFAULTS, type TaskOutput } from "../../workers/tasks";
import { FitResults } from "./fit-results";
import { loadFitted } from "./load-fitted";
import { runAnalysisTask } from "./run-analysis-task";
import type { TForecastInput } from "./schemas";

const forecasts = new FitResults<TaskOutput<"forecast">>(128);

/**
 * Forecast from a stored fit: the score at each requested scale (default: the sweep's target scale, else
 * 10× the frontier) with an interval at `level` (default 0.9) calibrated on the backtests stored with the fit
 * (or the bootstrap band alone, method "parameter-only", with the reason) and the bootstrap band beside it, the scale needed to reach `target` (inverse forecast), gains
 * per doubling and per 10× at the frontier, and the asymptote with the distance to it. Computed once per fit
 * and arguments (FitResults).
 */
export async function forecastFit(db: Database, pool: TaskPool, input: TForecastInput) {
  const [loaded] = await loadFitted(db, [input.fitId]);
  const { fitted, sweep, backtests } = loaded!;
  const at = input.at === undefined ? [sweep.targetScale ?? fitted.frontier * FIT_TASK_DEFAULTS.extrapolationFactor] : Array.isArray(input.at) ? input.at : [input.at];
  const args = { at, level: input.level ?? FIT_TASK_DEFAULTS.level, ...(input.target !== undefined ? { target: input.target } : {}) };
  const result = await forecasts.get(db, [input.fitId], args, () => runAnalysisTask(pool, "forecast", { fitted, backtests, ...args }, ""));
  return { fitId: loaded!.fitId, sweepId: sweep.id, metric: loaded!.metric, direction: fitted.direction, ...result };
}
