/**
 * Whether a bootstrap interval of a predicted score says anything. Refits of resampled data that all
 * converge can still disagree on the shape of the law: near a plateau a few resamples look flat or even
 * falling, the saturating law refits them with α < 0 and its extrapolation dives tens of orders of
 * magnitude past the data. Their percentiles are numbers, but not an interval a planner can read.
 *
 * An interval is not reliable when a bound is not finite, a bound lies outside the scores the model can
 * produce (models fitted on a log axis of y only produce positive scores), or it spans more than
 * `maxDecades` orders of magnitude: upper/lower for positive bounds, else its width against the forecast.
 * Cost: O(1).
 */
import { getModel } from "./models";

/** Defaults of the check, in one place. */
export const SCORE_INTERVAL_CHECK_DEFAULTS = Object.freeze({
  /** Widest believable interval, in orders of magnitude. */
  maxDecades: 2,
  /** Largest share of bootstrap refits that may fail before the surviving draws stop standing for all of them. */
  maxFailedShare: 0.2,
});

/** The exact reasons the check gives (each asserted by a test). */
export const SCORE_INTERVAL_PROBLEMS = {
  notFinite: (lower: number, upper: number) => `a bound is not finite: [${lower}, ${upper}]`,
  notPositive: (model: string, lower: number) =>
    `the lower bound ${lower.toPrecision(3)} is not positive, but ${model} only predicts positive scores`,
  tooWide: (decades: number, maxDecades: number) =>
    `the interval spans ${decades.toFixed(1)} orders of magnitude (more than ${maxDecades})`,
  manyFailedRefits: (failed: number, total: number, maxShare: number) =>
    `${failed} of ${total} bootstrap refits failed (more than ${Math.round(maxShare * 100)} %), so the draws that remain are not a fair sample`,
} as const;

/**
 * Why the draws of a bootstrap cannot give intervals, or undefined when they can: when many refits failed,
 * the ones that converged are the resamples that happened to be easy to fit, and their percentiles are
 * narrower than the data allow. `failed` refits failed and `kept` draws remain. Cost: O(1).
 */
export function bootstrapDrawsProblem(failed: number, kept: number, options: { maxFailedShare?: number } = {}): string | undefined {
  const maxShare = options.maxFailedShare ?? SCORE_INTERVAL_CHECK_DEFAULTS.maxFailedShare;
  const total = failed + kept;
  return total > 0 && failed / total > maxShare ? SCORE_INTERVAL_PROBLEMS.manyFailedRefits(failed, total, maxShare) : undefined;
}

/**
 * Why the interval [lower, upper] around the forecast `value` of `model` is not reliable, or undefined
 * when it is. Throws only for an unknown model.
 */
export function scoreIntervalProblem(
  model: string,
  interval: { lower: number; upper: number },
  value: number,
  options: { maxDecades?: number } = {},
): string | undefined {
  const { lower, upper } = interval;
  const maxDecades = options.maxDecades ?? SCORE_INTERVAL_CHECK_DEFAULTS.maxDecades;
  if (!Number.isFinite(lower) || !Number.isFinite(upper)) return SCORE_INTERVAL_PROBLEMS.notFinite(lower, upper);
  const positiveScores = getModel(model).positive.includes("y");
  if (positiveScores && !(lower > 0)) return SCORE_INTERVAL_PROBLEMS.notPositive(model, lower);
  const decades = lower > 0 ? Math.log10(upper / lower) : Math.log10((upper - lower) / Math.abs(value));
  if (decades > maxDecades) return SCORE_INTERVAL_PROBLEMS.tooWide(decades, maxDecades);
  return undefined;
}
