/**
 * A recommendation per methodology: "scale-further", "switch" or "plateau", with its reasons in numbers.
 *
 * The rule (thresholds in RECOMMEND_DEFAULTS, the only place they are set), applied in this order:
 * 1. switch: an alternative is given and it beats this methodology at the target scale (default: 10× the
 *    frontier) with probability ≥ `switchProbability` (0.8). The probability comes from the bootstrap draws
 *    of both; without draws on both sides it is 1 when the alternative's point forecast is better, else 0.
 * 2. plateau: the gain per 10× at the frontier is below `minRelativeGainPer10x` (1%) of the frontier score,
 *    or the distance to the asymptote is below `minRelativeHeadroom` (1%) of the frontier score.
 * 3. scale-further otherwise.
 * Confidence is "low" when the decision could flip within the bootstrap interval: the interval of the gain
 * per 10× straddles the plateau threshold, or the interval of the forecast at the target is wider than
 * `maxIntervalToGain` (1×) the gain from the frontier to the target, or either interval is not reliable
 * (an unstable bootstrap, see score-interval-check.ts; such an interval is not used for the other tests),
 * or the fit is degenerate (degenerate-fit.ts: `options.degenerate` lists why; the first reason says so).
 */
import { probabilityBetter } from "./compare";
import { FORECAST_DEFAULTS, forecast } from "./forecast";
import { improvement, valueAt, type FittedModel } from "./scale-curve";

export interface RecommendThresholds {
  minRelativeGainPer10x: number;
  minRelativeHeadroom: number;
  switchProbability: number;
  maxIntervalToGain: number;
  targetFactor: number;
}

/** The decision thresholds, in one place. */
export const RECOMMEND_DEFAULTS: Readonly<RecommendThresholds> = Object.freeze({
  /** Plateau below this gain per 10× of scale, as a fraction of the frontier score. */
  minRelativeGainPer10x: 0.01,
  /** Plateau when the frontier is this close to the asymptote, as a fraction of the frontier score. */
  minRelativeHeadroom: 0.01,
  /** Switch when the alternative wins at the target with at least this probability. */
  switchProbability: 0.8,
  /** Low confidence when the forecast interval at the target is wider than this multiple of the gain. */
  maxIntervalToGain: 1,
  /** Target scale as a multiple of the frontier when none is given. */
  targetFactor: 10,
});

export type RecommendationAction = "scale-further" | "switch" | "plateau";

export interface RecommendOptions {
  /** Scale at which to compare with the alternative and measure the interval; default 10× the frontier. */
  target?: number;
  alternative?: { label: string; fitted: FittedModel };
  thresholds?: Partial<RecommendThresholds>;
  /** Why the fit is degenerate (degenerateFitReasons); any reason makes the confidence low. */
  degenerate?: readonly string[];
}

/** The reason a degenerate fit gives, first among the reasons of a low-confidence recommendation. */
export const degenerateRecommendationReason = (reasons: readonly string[]) =>
  `low confidence: the fit is degenerate (${reasons.join("; ")})`;

export interface Recommendation {
  action: RecommendationAction;
  confidence: "high" | "low";
  /** Sentences with the numbers behind the decision, the deciding one first. */
  reasons: string[];
  numbers: {
    frontierScale: number;
    frontierValue: number;
    targetScale: number;
    targetValue: number;
    gainPer10x: number;
    relativeGainPer10x: number;
    gainPer10xInterval?: [number, number];
    asymptote?: number;
    distanceToAsymptote?: number;
    relativeHeadroom?: number;
    targetIntervalWidth?: number;
    alternativeValue?: number;
    probabilityAlternativeBetter?: number;
  };
  thresholds: RecommendThresholds;
}

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toPrecision(4));
const pct = (v: number) => `${(100 * v).toPrecision(3)}%`;

export function recommend(fit: FittedModel, options: RecommendOptions = {}): Recommendation {
  const t = { ...RECOMMEND_DEFAULTS, ...options.thresholds };
  const targetScale = options.target ?? fit.frontier * t.targetFactor;
  const fc = forecast(fit, { at: [targetScale] });
  const frontierValue = fc.frontier.value;
  const scaleOfValue = Math.abs(frontierValue) || 1;
  const atTarget = fc.at[0]!;
  const numbers: Recommendation["numbers"] = {
    frontierScale: fit.frontier,
    frontierValue,
    targetScale,
    targetValue: atTarget.value,
    gainPer10x: fc.gainPer10x,
    relativeGainPer10x: fc.gainPer10x / scaleOfValue,
  };
  if (fc.gainPer10xInterval && !fc.gainPer10xInterval.unreliable) numbers.gainPer10xInterval = [fc.gainPer10xInterval.lower, fc.gainPer10xInterval.upper];
  if (fc.asymptote !== undefined && fc.distanceToAsymptote !== undefined) {
    numbers.asymptote = fc.asymptote;
    numbers.distanceToAsymptote = fc.distanceToAsymptote;
    numbers.relativeHeadroom = fc.distanceToAsymptote / scaleOfValue;
  }
  if (atTarget.interval && !atTarget.interval.unreliable) numbers.targetIntervalWidth = atTarget.interval.upper - atTarget.interval.lower;

  const reasons: string[] = [];
  let action: RecommendationAction = "scale-further";

  const gainThreshold = t.minRelativeGainPer10x * scaleOfValue;
  const gainReason = `gain per 10× at the frontier (scale ${fmt(fit.frontier)}) is ${fmt(fc.gainPer10x)} (${pct(numbers.relativeGainPer10x)} of the score ${fmt(frontierValue)}); the plateau threshold is ${pct(t.minRelativeGainPer10x)}`;
  const headroomReason =
    numbers.relativeHeadroom === undefined
      ? "the fitted form has no asymptote"
      : `distance to the asymptote ${fmt(numbers.asymptote!)} is ${fmt(numbers.distanceToAsymptote!)} (${pct(numbers.relativeHeadroom)} of the score); the plateau threshold is ${pct(t.minRelativeHeadroom)}`;

  if (options.alternative) {
    const alt = options.alternative.fitted;
    const altValue = valueAt(alt, targetScale);
    numbers.alternativeValue = altValue;
    const p =
      fit.draws.length > 0 && alt.draws.length > 0
        ? probabilityBetter(alt, fit, targetScale)
        : improvement(fit.direction, atTarget.value, altValue) > 0
          ? 1
          : 0;
    numbers.probabilityAlternativeBetter = p;
    const altReason = `at scale ${fmt(targetScale)} ${options.alternative.label} is forecast at ${fmt(altValue)} against ${fmt(atTarget.value)}; it is better with probability ${p.toFixed(3)} (switch threshold ${t.switchProbability})`;
    if (p >= t.switchProbability) {
      action = "switch";
      reasons.push(altReason);
    } else reasons.push(altReason);
  }
  if (action !== "switch") {
    const flat = fc.gainPer10x < gainThreshold;
    const saturated = numbers.relativeHeadroom !== undefined && numbers.relativeHeadroom < t.minRelativeHeadroom;
    if (flat || saturated) {
      action = "plateau";
      const first = flat ? gainReason : headroomReason;
      reasons.unshift(first);
      reasons.push(flat ? headroomReason : gainReason);
    } else {
      reasons.unshift(gainReason);
      reasons.push(headroomReason);
    }
  } else {
    reasons.push(gainReason, headroomReason);
  }

  let confidence: "high" | "low" = "high";
  if (numbers.gainPer10xInterval) {
    const [lo, hi] = numbers.gainPer10xInterval;
    if (lo < gainThreshold && gainThreshold <= hi) {
      confidence = "low";
      reasons.push(`the ${pct(FORECAST_DEFAULTS.level)} interval of the gain per 10× [${fmt(lo)}, ${fmt(hi)}] straddles the plateau threshold ${fmt(gainThreshold)}`);
    }
  }
  const unstable = atTarget.interval?.unreliable ?? fc.gainPer10xInterval?.unreliable;
  if (unstable !== undefined) {
    confidence = "low";
    reasons.push(`the bootstrap is unstable, so its intervals are not reliable: ${unstable}`);
  }
  if (numbers.targetIntervalWidth !== undefined) {
    const gainToTarget = Math.abs(improvement(fit.direction, frontierValue, atTarget.value));
    if (numbers.targetIntervalWidth > t.maxIntervalToGain * gainToTarget) {
      confidence = "low";
      reasons.push(
        `the forecast interval at scale ${fmt(targetScale)} is ${fmt(numbers.targetIntervalWidth)} wide, more than ${t.maxIntervalToGain}× the forecast gain ${fmt(gainToTarget)}`,
      );
    }
  }
  if (options.degenerate && options.degenerate.length > 0) {
    confidence = "low";
    reasons.unshift(degenerateRecommendationReason(options.degenerate));
  }
  return { action, confidence, reasons, numbers, thresholds: t };
}

