/**
 * Which sweeps the picker lets go together: the first selected sweep sets the metric, direction and kind of
 * scale axis, and every other sweep is marked with why it cannot join (core's comparabilityProblems, the
 * same rule analysis.compare applies). A sweep is read with its pinned law, or else the family model
 * selection chooses from for its axes (one axis: the single-scale laws; N and D: the joint laws, compared
 * on compute 6·N·D).
 */
import type { RouterOutputs } from "@scalecast/api";
import { comparabilityProblems } from "@scalecast/core";

type Sweep = RouterOutputs["sweep"]["list"][number];

const lawOf = (s: Sweep) => s.pinnedModel ?? (s.axes.length === 1 ? "power-law" : "chinchilla");
const view = (s: Sweep) => ({ metric: s.metric, direction: s.direction, axes: s.axes, model: lawOf(s) });

/** Why `sweep` cannot be compared with `anchor` (the first selected sweep), or undefined when it can. */
export function incompatibility(anchor: Sweep | undefined, sweep: Sweep): string | undefined {
  if (!anchor || anchor.id === sweep.id) return undefined;
  const problems = comparabilityProblems(view(anchor), view(sweep));
  return problems.length === 0 ? undefined : problems.join("; ");
}
