/**
 * Synthetic sweeps for the joint (N, D) fits' tests: a size × size grid, N from nMin to nMin·nSpan and D
 * from dMin to dMin·dSpan evenly in log space, each jittered by a log-normal factor (σ = 0.05) so that N and
 * D are not collinear, with the loss of a known law times log-normal noise of scale `sigma`. Seeded, so a
 * test's data are the same on every run. One generator, so the fits' tests differ only in the ranges.
 */
import { createRandom } from "../src/random";
import type { JointPoint } from "../src/types";

export interface JointGridRange {
  size: number;
  nMin: number;
  /** nMax / nMin. */
  nSpan: number;
  dMin: number;
  /** dMax / dMin. */
  dSpan: number;
}

export function jitteredJointGrid(
  law: (at: { n: number; d: number }) => number,
  range: JointGridRange,
  sigma: number,
  seed: number,
): JointPoint[] {
  const rng = createRandom(seed);
  const points: JointPoint[] = [];
  const last = range.size - 1;
  for (let i = 0; i < range.size; i++) {
    for (let j = 0; j < range.size; j++) {
      const n = range.nMin * Math.pow(range.nSpan, i / last) * Math.exp(0.05 * rng.normal());
      const d = range.dMin * Math.pow(range.dSpan, j / last) * Math.exp(0.05 * rng.normal());
      points.push({ n, d, y: law({ n, d }) * Math.exp(sigma * rng.normal()) });
    }
  }
  return points;
}
