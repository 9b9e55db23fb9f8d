/**
 * Percentile intervals over bootstrap draws of a derived quantity (a prediction, a crossover scale, a
 * multiplier). Non-finite draws are dropped; fewer than two finite draws give no interval.
 */
import { percentileInterval } from "./bootstrap";

export interface Interval {
  lower: number;
  upper: number;
  /** Central probability, e.g. 0.95. */
  level: number;
  /** Why the interval says nothing (the bootstrap is unstable), when a check found so; see score-interval-check.ts. */
  unreliable?: string;
}

export function drawInterval(values: readonly number[], level: number): Interval | undefined {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) return undefined;
  const [lower, upper] = percentileInterval(finite, level);
  return { lower, upper, level };
}
