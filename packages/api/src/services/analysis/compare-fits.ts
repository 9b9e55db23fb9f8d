import { comparabilityProblems } from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { TaskPool } from "../../workers/pool";
import { FIT_TASK_DEFAULTS, type TaskOutput } from "../../workers/tasks";
import { FitResults } from "./fit-results";
import { loadFitted, type LoadedFit } from "./load-fitted";
import { runAnalysisTask } from "./run-analysis-task";
import type { TCompareInput } from "./schemas";

/** A comparison is a pure function of the fits, their labels, the scale and the level (FitResults). */
const comparisons = new FitResults<TaskOutput<"compare">>(64);

/**
 * Why the loaded fits cannot be compared with the first, one sentence per fit that differs (metric, direction,
 * scale axis), or undefined when all can (see core's comparabilityProblems).
 */
export function incomparableFits(loaded: readonly LoadedFit[]): string | undefined {
  const view = (l: LoadedFit) => ({ metric: l.metric, direction: l.fitted.direction, axes: l.sweep.axes, model: l.model });
  const [first, ...rest] = loaded;
  if (!first) return undefined;
  const sentences = rest.flatMap((l) => {
    const problems = comparabilityProblems(view(first), view(l));
    return problems.length === 0 ? [] : [`"${first.sweep.name}" and "${l.sweep.name}" cannot be compared: ${problems.join("; ")}`];
  });
  return sentences.length === 0 ? undefined : sentences.join(". ");
}

/**
 * Compares stored fits across teams on one scale axis (BAD_REQUEST naming what differs when they do not share
 * metric, direction and axis): ranking at `at` (default: the smallest target scale
 * of their sweeps, else 10× the largest frontier) with the probability of being best, and the first fit
 * against each other: crossover scale with interval, effective data multiplier, P(first is better).
 */
export async function compareFits(db: Database, pool: TaskPool, input: TCompareInput) {
  const unique = new Set(input.fitIds);
  if (unique.size !== input.fitIds.length) throw new AppError("BAD_REQUEST", "fitIds: each fit may be listed once");
  const loaded = await loadFitted(db, input.fitIds, "fitIds");
  const incomparable = incomparableFits(loaded);
  if (incomparable) throw new AppError("BAD_REQUEST", `fitIds: ${incomparable}`);
  const targets = loaded.map((l) => l.sweep.targetScale).filter((t): t is number => t !== null && t > 0);
  const at = input.at ?? (targets.length > 0 ? Math.min(...targets) : Math.max(...loaded.map((l) => l.fitted.frontier)) * FIT_TASK_DEFAULTS.extrapolationFactor);
  const level = input.level ?? FIT_TASK_DEFAULTS.level;
  const labels = loaded.map((l) => `"${l.sweep.name}"`);
  const result = await comparisons.get(db, input.fitIds, { labels, at, level }, () =>
    runAnalysisTask(pool, "compare", { entries: loaded.map((l, i) => ({ fitId: l.fitId, label: labels[i]!, fitted: l.fitted })), at, level }, "fitIds: "),
  );
  const fits = loaded.map((l) => ({
    fitId: l.fitId,
    model: l.model,
    metric: l.metric,
    direction: l.fitted.direction,
    frontier: l.fitted.frontier,
    sweep: { id: l.sweep.id, name: l.sweep.name },
    methodology: { id: l.sweep.methodology.id, name: l.sweep.methodology.name },
    team: l.sweep.methodology.team,
  }));
  return { fits, ...result };
}
