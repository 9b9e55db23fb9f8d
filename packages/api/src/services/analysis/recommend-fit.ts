import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { TaskPool } from "../../workers/pool";
import type { TaskOutput } from "../../workers/tasks";
import { FitResults } from "./fit-results";
import { loadFitted } from "./load-fitted";
import { runAnalysisTask } from "./run-analysis-task";
import type { TRecommendInput } from "./schemas";

const recommendations = new FitResults<TaskOutput<"recommend">>(128);

/**
 * Scale further / switch / plateau for a stored fit, with the reasons in numbers; with an alternative
 * fit, whether it beats this one at the target scale (default: the sweep's target, else 10× the frontier).
 * A degenerate fit gets low confidence with its reasons first. Computed once per fits and arguments (FitResults).
 */
export async function recommendFit(db: Database, pool: TaskPool, input: TRecommendInput) {
  if (input.alternativeFitId === input.fitId) throw new AppError("BAD_REQUEST", "alternativeFitId: must differ from fitId");
  const ids = input.alternativeFitId ? [input.fitId, input.alternativeFitId] : [input.fitId];
  const [main, alt] = await loadFitted(db, ids);
  const target = input.target ?? main!.sweep.targetScale ?? undefined;
  const label = alt ? `${alt.sweep.methodology.name} (${alt.sweep.methodology.team.name})` : null;
  const result = await recommendations.get(db, ids, { target, label }, () =>
    runAnalysisTask(
      pool,
      "recommend",
      {
        fitted: main!.fitted,
        degenerate: main!.degenerate,
        ...(target !== undefined ? { target } : {}),
        ...(alt ? { alternative: { label: label!, fitted: alt.fitted } } : {}),
      },
      alt ? "alternativeFitId: " : "",
    ),
  );
  return { fitId: main!.fitId, alternativeFitId: alt?.fitId ?? null, ...result };
}
