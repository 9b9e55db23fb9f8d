/**
 * Which fits can be compared: compare.ts reads every fit as a curve of one scale, so two fits go together
 * only when they score the same metric in the same direction on the same kind of scale. A law of one scale
 * reads its sweep's axis (tokens D, parameters N, compute C, …); a joint law (N, D) is read on compute 6·N·D,
 * so joint laws compare with each other on compute. A sweep whose one axis is compute is not put on the
 * joint laws' compute axis: its "C" may be counted otherwise than 6·N·D.
 * Cost: O(1) per pair.
 */
import { getModel } from "./models";

/** What decides whether a fit can be compared with another. */
export interface ComparableFit {
  metric: string;
  direction: "lower" | "higher";
  /** The sweep's scale axis names, e.g. ["D"] or ["N", "D"]. */
  axes: readonly string[];
  model: string;
}

export const JOINT_COMPARE_AXIS = "compute 6·N·D";

/** The scale a fit is compared on: the sweep's one axis for a law of one scale, compute for a joint law. */
export function compareAxisOf(fit: Pick<ComparableFit, "axes" | "model">): string {
  const axes = getModel(fit.model).axes;
  if (axes === "n+d") return JOINT_COMPARE_AXIS;
  return fit.axes.length === 1 ? fit.axes[0]! : fit.axes.join(" × ");
}

/** The exact reasons two fits cannot be compared (each asserted by a test). */
export const COMPARABLE_PROBLEMS = {
  metric: (a: string, b: string) => `they score different metrics (${a} and ${b})`,
  direction: (a: string, b: string) => `one is ${a}-is-better and the other ${b}-is-better`,
  axis: (a: string, b: string) => `they are on different scale axes (${a} and ${b})`,
} as const;

/**
 * Every reason fits `a` and `b` cannot be compared, in the order metric, direction, scale axis; empty
 * when they can. Metric names match case-insensitively and axis names too. Throws only for an unknown model.
 */
export function comparabilityProblems(a: ComparableFit, b: ComparableFit): string[] {
  const problems: string[] = [];
  if (a.metric.toLowerCase() !== b.metric.toLowerCase()) problems.push(COMPARABLE_PROBLEMS.metric(a.metric, b.metric));
  if (a.direction !== b.direction) problems.push(COMPARABLE_PROBLEMS.direction(a.direction, b.direction));
  const axisA = compareAxisOf(a);
  const axisB = compareAxisOf(b);
  if (axisA.toLowerCase() !== axisB.toLowerCase()) problems.push(COMPARABLE_PROBLEMS.axis(axisA, axisB));
  return problems;
}
