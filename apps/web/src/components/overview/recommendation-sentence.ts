import type { RecommendationAction } from "@scalecast/core";
import { formatRange, formatRecommendation, formatSpoken } from "../../lib/format";
import { sweepScaleAxis } from "../../lib/sweep-scale";

/** What the sentence reads from an overview entry (stored fit summary numbers only). */
export interface SentenceInput {
  sweep: { axes?: readonly string[]; metric: string; direction: "higher" | "lower" };
  /** Improvement per 10× at the frontier (positive is better) and its bootstrap interval. */
  gainPer10x: number | null;
  gainPer10xInterval?: readonly [number | null, number | null];
  forecast: { value: number | null } | null;
  recommendation: { action: string } | null;
}

/** Metrics whose names say they are fractions: a gain in them is spoken in percentage points. */
const FRACTION_METRIC = /accuracy|error|rate|pass@|precision|recall|\bf1\b/i;

/**
 * The metric's unit in a sentence: percentage points for a fraction (accuracy 0.86 → "4.5 accuracy points"),
 * else the metric's own units.
 */
function unitOf(metric: string, value: number | null): { factor: number; points: boolean } {
  const fraction = FRACTION_METRIC.test(metric) && value !== null && value >= 0 && value <= 1;
  return fraction ? { factor: 100, points: true } : { factor: 1, points: false };
}

/**
 * The recommendation in plain words, from the stored gain per 10× and its interval, e.g. "Scale further: the
 * next 10× of data is forecast to add 4.5 accuracy points (3.9–5.1)." or "Plateau: move on — the next 10× of
 * compute is forecast to lower loss by only 0.0041 (0.0012–0.0075)."; null without a recommendation.
 */
export function recommendationSentence(entry: SentenceInput): string | null {
  const action = entry.recommendation?.action as RecommendationAction | undefined;
  if (!action) return null;
  const label = formatRecommendation(action);
  if (entry.gainPer10x === null) return `${label}.`;
  const { factor, points } = unitOf(entry.sweep.metric, entry.forecast?.value ?? null);
  const metric = entry.sweep.metric;
  const gain = entry.gainPer10x * factor;
  const amount = `${action === "plateau" ? "only " : ""}${formatSpoken(Math.abs(gain))}`;
  const higher = entry.sweep.direction === "higher";
  const change =
    gain < 0
      ? `make ${metric} worse by ${formatSpoken(Math.abs(gain))}${points ? " points" : ""}`
      : points
        ? higher
          ? `add ${amount} ${metric} points`
          : `cut ${metric} by ${amount} points`
        : `${higher ? "raise" : "lower"} ${metric} by ${amount}`;
  const [lo, hi] = entry.gainPer10xInterval ?? [null, null];
  // The interval is of the improvement; a sentence about a loss of quality states it as a loss too.
  const range = lo === null || hi === null ? "" : ` (${gain < 0 ? formatRange(-hi * factor, -lo * factor) : formatRange(lo * factor, hi * factor)})`;
  return `${label}${label.includes(":") ? " —" : ":"} the next 10× of ${sweepScaleAxis(entry.sweep.axes ?? []).noun} is forecast to ${change}${range}.`;
}
