import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import { servedOften } from "../../transformer";
import type { TaskPool } from "../../workers/pool";
import { VersionedCache } from "../cache/versioned-cache";
import { readSweepHeader, sweepForFit } from "../sweep/read-sweep-header";
import { ensureFit, toFit } from "./ensure-fit";
import { resolveDefaultModel } from "./resolve-default-model";
import { FIT_DEFAULTS, ZFit, type TFit, type TLatestFitInput } from "./schemas";
import { checkModel } from "./sweep-rows";

const latestFits = new VersionedCache<TFit>(128);

/**
 * The fit of the sweep's current runs (default law and metric unless given: the pinned law, else model
 * selection's choice, resolve-default-model.ts): a stored one when the data
 * is unchanged (the one with the most bootstrap resamples), else computed once with FIT_DEFAULTS and
 * stored, so page loads and replicas share it.
 *
 * Cached per (sweep, model, metric) under the sweep's runsVersion and its count and newest time of stored
 * fits (one small query per request, readSweepHeader): new runs, or a new stored fit (say with more
 * resamples), make the next read go to the database. The answer is checked against ZFit when cached (the
 * router skips a per-request output parse, which would cost more than the rest of a cached read).
 */
export async function getLatestFit(db: Database, pool: TaskPool, input: TLatestFitInput): Promise<TFit> {
  const header = await readSweepHeader(db, input.sweepId);
  if (!header) throw new AppError("NOT_FOUND", `sweep ${input.sweepId} does not exist`);
  if (input.model) checkModel(input.model);
  const metric = input.metric ?? header.sweep.metric;
  // Without a model: the pinned law, else the stored selection's choice, which changes only with the runs
  // (the cache token), so a cached read does not look the selection up again.
  const law = input.model ?? header.sweep.pinnedModel ?? "(model selection)";
  return latestFits.get(db, `${header.sweep.id}\u0000${law}\u0000${metric}`, header.fitsToken, async () => {
    const sweep = sweepForFit(header);
    const model = input.model ?? (await resolveDefaultModel(db, pool, sweep));
    const request = { model, metric, bootstrap: FIT_DEFAULTS.bootstrap, seed: FIT_DEFAULTS.seed };
    const { fit } = await ensureFit(db, pool, sweep, request, { anyBootstrap: true });
    return servedOften(ZFit.parse(toFit(fit, sweep.runsVersion)));
  });
}
