/**
 * Effective data multiplier under a cap: for two data methodologies fitted as data-constrained laws on the
 * same axes, how many unique tokens of B match what U_A unique tokens of A reach at budget C, both planned
 * compute-optimally under their caps (data-cap-plan.ts):
 *
 *   find U_B with L*_B(C, U_B) = L*_A(C, U_A);   multiplier = U_B / U_A (below 1: B's tokens are worth more).
 *
 * L*_B(C, U) falls as U grows until the cap stops binding (U ≥ D_opt of B's base law), where it equals B's
 * unlimited-data loss; so no amount of B's data matches A when A's loss is below that: the answer is null.
 * Method: bracket by halving U down from D_opt, then bisection in ln U (100 steps). Cost: ~150 allocations.
 * Throws what planUnderDataCap throws for invalid input (InputError).
 */
import { cappedOptimalLoss, type DataCapInput } from "./data-cap-plan";
import type { DataConstrainedParams } from "./data-constrained";
import { computeOptimal } from "./plan";

/** Halvings of U tried to bracket the match (2^-200 of D_opt), then bisection steps in ln U. */
const MAX_HALVINGS = 200;
const BISECTIONS = 100;

export interface UniqueTokensMatch {
  /** L*_A(C, U_A): the loss B must reach. */
  targetLoss: number;
  /** U_B, or null when no amount of B's unique data reaches the target at this budget. */
  uniqueTokens: number | null;
  /** U_B / U_A, or null with U_B. */
  multiplier: number | null;
}

export function uniqueTokensToMatch(a: DataConstrainedParams, b: DataConstrainedParams, input: Pick<DataCapInput, "compute" | "uniqueTokens">): UniqueTokensMatch {
  const targetLoss = cappedOptimalLoss(a, input.compute, input.uniqueTokens);
  const lossOfB = (lnU: number) => cappedOptimalLoss(b, input.compute, Math.exp(lnU));
  const unlimitedB = computeOptimal(b, input.compute);
  if (unlimitedB.loss > targetLoss) return { targetLoss, uniqueTokens: null, multiplier: null };
  let hi = Math.log(unlimitedB.d);
  let lo = hi;
  let halvings = 0;
  while (lossOfB(lo) <= targetLoss) {
    hi = lo;
    lo -= Math.LN2;
    if (++halvings > MAX_HALVINGS) return { targetLoss, uniqueTokens: null, multiplier: null };
  }
  for (let i = 0; i < BISECTIONS; i++) {
    const mid = (lo + hi) / 2;
    if (lossOfB(mid) > targetLoss) lo = mid;
    else hi = mid;
  }
  const uniqueTokens = Math.exp(hi);
  return { targetLoss, uniqueTokens, multiplier: uniqueTokens / input.uniqueTokens };
}

/** One side of a data-strategy comparison, as the caller names it. */
export interface DataStrategySide {
  /** How messages name it (e.g. methodology and sweep). */
  label: string;
  model: string;
  axes: readonly string[];
  metric: string;
}

/** The exact messages of dataStrategyProblem (each asserted by a test). */
export const DATA_STRATEGY_MESSAGES = {
  notDataConstrained: (label: string, model: string) =>
    `${label} has a ${model} fit; comparing data strategies needs two data-constrained fits (pin data-constrained on sweeps that record unique tokens U)`,
  differentAxes: (a: readonly string[], b: readonly string[]) =>
    `the two fits are on different axes (${a.join(", ")} against ${b.join(", ")}); compare data strategies fitted on the same axes`,
  differentMetrics: (a: string, b: string) => `the two fits measure different metrics (${a} against ${b})`,
} as const;

const axisSet = (axes: readonly string[]) => [...new Set(axes.map((a) => a.toUpperCase()))].sort().join();

/**
 * Why uniqueTokensToMatch cannot compare these two fits as data strategies, or undefined when it can: both
 * must be data-constrained laws, fitted on the same axes (compared as a set, case-insensitively) and metric.
 * `side` says which one the first problem is about ("a", "b", or "both" for a mismatch between them).
 */
export function dataStrategyProblem(a: DataStrategySide, b: DataStrategySide): { side: "a" | "b" | "both"; message: string } | undefined {
  for (const [side, fit] of [["a", a], ["b", b]] as const) {
    if (fit.model !== "data-constrained") return { side, message: DATA_STRATEGY_MESSAGES.notDataConstrained(fit.label, fit.model) };
  }
  if (axisSet(a.axes) !== axisSet(b.axes)) return { side: "both", message: DATA_STRATEGY_MESSAGES.differentAxes(a.axes, b.axes) };
  if (a.metric !== b.metric) return { side: "both", message: DATA_STRATEGY_MESSAGES.differentMetrics(a.metric, b.metric) };
  return undefined;
}
