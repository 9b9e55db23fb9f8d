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

/**
 * Numbers in reasons read as plain English: 3 significant digits ("0.0291", "1.69"), never "3.000e+9"; the
 * scales themselves are named ("the largest run", "the target scale") rather than printed.
 */
const num = (v: number) => String(Number(v.toPrecision(3)));
const pct = (v: number) => `${Number((100 * v).toPrecision(2))} %`;
/** "improve the score by 0.029" or, for a law that gets worse with scale, "make the score worse by 0.029". */
const gainWords = (gain: number) => (gain < 0 ? `make the score worse by ${num(-gain)}` : `improve the score by ${num(gain)}`);

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
  const gainReason = `10× more scale than the largest run is forecast to ${gainWords(fc.gainPer10x)}, ${pct(numbers.relativeGainPer10x)} of its score ${num(frontierValue)}; less than ${pct(t.minRelativeGainPer10x)} would be a plateau`;
  const headroomReason =
    numbers.relativeHeadroom === undefined
      ? "the fitted law has no limit (asymptote): it keeps improving as scale grows"
      : `the largest run's score ${num(frontierValue)} is ${num(numbers.distanceToAsymptote!)} from the fitted limit ${num(numbers.asymptote!)}, ${pct(numbers.relativeHeadroom)} of the score; within ${pct(t.minRelativeHeadroom)} would be a plateau`;

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
    const altReason = `at the target scale ${options.alternative.label} is forecast at ${num(altValue)} against ${num(atTarget.value)}: better with probability ${pct(p)}; ${pct(t.switchProbability)} or more means switch`;
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
      reasons.push(`low confidence: the ${pct(FORECAST_DEFAULTS.level)} interval of the gain per 10× (${num(lo)} to ${num(hi)}) straddles the plateau line at ${num(gainThreshold)}`);
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
        `low confidence: the forecast interval at the target scale is ${num(numbers.targetIntervalWidth)} wide, more than ${t.maxIntervalToGain}× the gain of ${num(gainToTarget)} it forecasts from the largest run`,
      );
    }
  }
  if (options.degenerate && options.degenerate.length > 0) {
    confidence = "low";
    reasons.unshift(degenerateRecommendationReason(options.degenerate));
  }
  return { action, confidence, reasons, numbers, thresholds: t };
}

