import { AppError } from "../../errors";
import { assertCanWrite, type Context } from "../../trpc";
import type { TaskPool } from "../../workers/pool";
import { ensureFit, toFit } from "./ensure-fit";
import { FIT_DEFAULTS, type TCreateFitInput, type TFit } from "./schemas";
import { checkModel, loadSweepForFit } from "./sweep-rows";

/**
 * Fits `model` to the sweep's current runs (members and the team's tokens only). The same data, model and
 * options return the stored fit instead of fitting again; `computed` says which happened.
 */
export async function createFit(ctx: Context, pool: TaskPool, input: TCreateFitInput): Promise<TFit & { computed: boolean }> {
  const sweep = await loadSweepForFit(ctx.db, input.sweepId);
  await assertCanWrite(ctx, sweep.teamId);
  checkModel(input.model);
  const metric = input.metric ?? sweep.metric;
  if (input.bootstrap === undefined && input.seed !== undefined) {
    throw new AppError("BAD_REQUEST", "seed: a seed needs bootstrap resamples (set bootstrap)");
  }
  const request = { model: input.model, metric, bootstrap: input.bootstrap ?? 0, seed: input.bootstrap ? (input.seed ?? FIT_DEFAULTS.seed) : 0 };
  const { fit, computed } = await ensureFit(ctx.db, pool, sweep, request, { anyBootstrap: false });
  return { ...toFit(fit, sweep.runsVersion), computed };
}
