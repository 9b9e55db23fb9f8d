/**
 * Percentile intervals of plan quantities over bootstrap draws of a law: the same input planned once per
 * draw, then one interval per quantity (drawInterval: non-finite draws dropped, fewer than two finite draws
 * give none). An interval of zero width over several draws is flagged `unreliable`
 * (COLLAPSED_PLAN_INTERVAL): the draws did not move that quantity, so it carries no uncertainty to show.
 */
import { drawInterval, type Interval } from "./draw-interval";
import { computeOptimal, type ChinchillaLaw } from "./plan";

/** Why an interval says nothing: every draw gave the same value. */
export const COLLAPSED_PLAN_INTERVAL = "every bootstrap draw gives the same value (the draws collapsed)";

/** One interval per field of `values` (one row per draw); see the module comment. */
export function fieldIntervals<F extends string>(values: readonly Record<F, number>[], fields: readonly F[], level: number): Partial<Record<F, Interval>> {
  const out: Partial<Record<F, Interval>> = {};
  for (const field of fields) {
    const interval = drawInterval(values.map((v) => v[field]), level);
    if (interval) out[field] = interval.lower === interval.upper && values.length > 1 ? { ...interval, unreliable: COLLAPSED_PLAN_INTERVAL } : interval;
  }
  return out;
}

/** The compute-optimal quantities with an interval: N*, D*, tokens per parameter and the loss at the optimum. */
export const OPTIMAL_INTERVAL_FIELDS = ["n", "d", "tokensPerParam", "loss"] as const;
export type OptimalIntervalField = (typeof OPTIMAL_INTERVAL_FIELDS)[number];

/**
 * Intervals of the compute-optimal plan at `compute` FLOPs over bootstrap draws of a Chinchilla-form law
 * (computeOptimal per draw, closed form, ~1 µs each). A draw that is not a valid law (non-positive A, B, α
 * or β, so computeOptimal throws) is left out.
 */
export function optimalPlanIntervals(draws: readonly ChinchillaLaw[], compute: number, level: number): Partial<Record<OptimalIntervalField, Interval>> {
  const values = draws.flatMap((law) => {
    try {
      const plan = computeOptimal(law, compute);
      return [{ n: plan.n, d: plan.d, tokensPerParam: plan.tokensPerParam, loss: plan.loss }];
    } catch {
      return [];
    }
  });
  return fieldIntervals(values, OPTIMAL_INTERVAL_FIELDS, level);
}
