import type { Database } from "@scalecast/db";
import { z } from "zod";
import type { TaskPool } from "../../workers/pool";
import { ZModelName } from "../sweep/sweep-schemas";
import { ensureFit } from "./ensure-fit";
import { getLatestFit, type TLatestFitOutput } from "./get-latest-fit";
import { FIT_DEFAULTS, ZLatestFitInput } from "./schemas";
import { checkModel, loadSweepForFit } from "./sweep-rows";

/** A law (and metric) whose latest fit a reader asks for: fit.latest's input with the law required. */
export const ZRequestFitInput = ZLatestFitInput.extend({ model: ZModelName });
export type TRequestFitInput = z.infer<typeof ZRequestFitInput>;

/**
 * Fits a law no job fits (jobs fit each sweep's default law) to the sweep's current runs with FIT_DEFAULTS,
 * unless a fit of these runs is stored, and answers fit.latest for it. A write that any signed-in reader
 * may make, as opening the law on the Sweep page is: it stores only what fit.latest computed on read before
 * reads only read. Bad data is a 400 with core's message.
 */
export async function requestFit(db: Database, pool: TaskPool, input: TRequestFitInput): Promise<TLatestFitOutput> {
  const sweep = await loadSweepForFit(db, input.sweepId);
  checkModel(input.model);
  const request = { model: input.model, metric: input.metric ?? sweep.metric, bootstrap: FIT_DEFAULTS.bootstrap, seed: FIT_DEFAULTS.seed };
  await ensureFit(db, pool, sweep, request, { anyBootstrap: true });
  return getLatestFit(db, input);
}
