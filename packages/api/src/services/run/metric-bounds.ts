import type { Direction } from "@scalecast/core";

/** Metric names bounded to [0, 1] unless a member says otherwise: accuracy-like scores (`pass@k` for any k). */
const BOUNDED_NAME = /^(accuracy|acc|exact_match|pass@\d+|pass@k|f1|win_rate)$/i;

/** The values a metric can take: [0, 1] for accuracy-like metrics, (0, ∞) for losses, none otherwise. */
export type MetricBounds = { kind: "unit"; lower: 0; upper: 1 } | { kind: "positive"; lower: 0; upper: number };

/** Whether a metric name is accuracy-like by default (see BOUNDED_NAME). */
export function isBoundedByName(metric: string): boolean {
  return BOUNDED_NAME.test(metric);
}

/**
 * A sweep's metric bounds: [0, 1] when the member marked the metric bounded (`metricBounded` true) or, left
 * unset (null), when its name is accuracy-like; otherwise (0, ∞) for a lower-is-better metric (a loss), and
 * none for a higher-is-better one that is not bounded.
 */
export function metricBounds(sweep: { metric: string; direction: Direction; metricBounded: boolean | null }): MetricBounds | null {
  const bounded = sweep.metricBounded ?? isBoundedByName(sweep.metric);
  if (bounded) return { kind: "unit", lower: 0, upper: 1 };
  return sweep.direction === "lower" ? { kind: "positive", lower: 0, upper: Number.POSITIVE_INFINITY } : null;
}

/** "[0, 1]" or "(0, ∞)". */
export function describeBounds(bounds: MetricBounds): string {
  return bounds.kind === "unit" ? "[0, 1]" : "(0, ∞)";
}

/** The message for a value outside the bounds, or null when it is inside: "accuracy = 1.5 is outside the metric's bounds [0, 1]". */
export function checkBounds(metric: string, value: number, bounds: MetricBounds | null): string | null {
  if (!bounds) return null;
  const inside = bounds.kind === "unit" ? value >= 0 && value <= 1 : value > 0;
  return inside ? null : `${metric} = ${value} is outside the metric's bounds ${describeBounds(bounds)}`;
}
