import type { Database, Prisma } from "@scalecast/db";
import type { TaskPool } from "../../workers/pool";
import { selectionFitOptions } from "../fit/fit-options";
import { fitStateKey, readFitStates, UNRANKED, type TFitStatus } from "../fit/fit-state";
import { axisMapping, loadSweepForFit, loadSweepRows, type SweepForFit } from "../fit/sweep-rows";
import type { SelectionOutput } from "./ensure-model-selection";
import { runAnalysisTask } from "./run-analysis-task";
import type { TSelectModelInput, TSelectModelOutput } from "./schemas";

const CURRENT: TFitStatus = { state: "current", reason: null };

/**
 * The stored model selection of the sweep's default candidates (every score model its axes can feed), which
 * the sweep's fit job computes (ensureModelSelection, also beside a pinned law): the latest one, "current"
 * when it ranked the current runs; else the older one ("refitting") or none ("fitting") while a job is
 * pending (for a pinned sweep, until the job ranked after fitting), or "failed" with the reason when the job
 * could not fit or rank the current runs. Reads only.
 */
async function readStoredSelection(db: Database, sweep: SweepForFit, metric: string) {
  const key = { sweepId: sweep.id, metric, model: "" };
  const [stored, states] = await Promise.all([
    db.prisma.modelSelection.findFirst({ where: { sweepId: sweep.id, metric }, orderBy: [{ runsVersion: "desc" }, { createdAt: "desc" }] }),
    readFitStates(db, [key]),
  ]);
  const state = states.get(fitStateKey(key));
  let fitStatus: TFitStatus;
  if (stored?.runsVersion === sweep.runsVersion) fitStatus = CURRENT;
  // An unpinned sweep's job ranks before it fits; a pinned one's ranks after (still pending here).
  else if (state?.settledVersion === sweep.runsVersion && (state.failure !== null || !sweep.pinnedModel)) fitStatus = { state: "failed", reason: state.failure ?? UNRANKED };
  else fitStatus = { state: stored ? "refitting" : "fitting", reason: null };
  return {
    ranking: (stored?.ranking ?? []) as Prisma.JsonValue as unknown as SelectionOutput["ranking"],
    choice: (stored?.choice ?? null) as Prisma.JsonValue as unknown as SelectionOutput["choice"] | null,
    pointCount: stored?.pointCount ?? 0,
    fitStatus,
  };
}

/**
 * Ranks models for the sweep by held-out extrapolation error, then AIC/BIC (core's selectModel), with the
 * law chosen as the default (rank 1 unless its fit is degenerate) and the pinned law, if any. Over the
 * default candidates the stored selection is read (readStoredSelection: never computed here); an explicit
 * list of candidates is ranked on request.
 */
export async function selectModelForSweep(db: Database, pool: TaskPool, input: TSelectModelInput): Promise<TSelectModelOutput> {
  const sweep = await loadSweepForFit(db, input.sweepId);
  const metric = input.metric ?? sweep.metric;
  const pinnedModel = sweep.pinnedModel as TSelectModelOutput["pinnedModel"];
  if (!input.candidates) return { sweepId: sweep.id, metric, pinnedModel, ...(await readStoredSelection(db, sweep, metric)) };
  for (const c of input.candidates) axisMapping(sweep, c); // names the model the sweep's axes cannot feed
  const fitOptions = selectionFitOptions(sweep);
  const data = await loadSweepRows(db, sweep, input.candidates[0]!, metric, fitOptions);
  const { ranking, choice } = await runAnalysisTask(pool, "selectModel", { rows: data.rows, direction: sweep.direction, candidates: [...input.candidates], fitOptions }, `sweep "${sweep.name}": `);
  return { sweepId: sweep.id, metric, pointCount: data.rows.length, ranking, choice, pinnedModel, fitStatus: CURRENT };
}
