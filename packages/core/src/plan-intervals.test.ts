import { describe, expect, it } from "vitest";
import { createRandom } from "./random";
import { PUBLISHED_LAWS, type ChinchillaLaw } from "./plan";
import { COLLAPSED_PLAN_INTERVAL, optimalPlanIntervals } from "./plan-intervals";

/** Independent answer: the closed form written out (N* = G·(C/6)^(β/(α+β)), D* = C/(6·N*)). */
function directOptimum(p: ChinchillaLaw, c: number) {
  const g = ((p.alpha * p.A) / (p.beta * p.B)) ** (1 / (p.alpha + p.beta));
  const n = g * (c / 6) ** (p.beta / (p.alpha + p.beta));
  const d = c / (6 * n);
  return { n, d, tokensPerParam: d / n, loss: p.E + p.A / n ** p.alpha + p.B / d ** p.beta };
}

/** Percentile by hand: linear interpolation between the order statistics (numpy's default). */
function percentile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  return s[lo]! + (pos - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
}

const HOFFMANN = PUBLISHED_LAWS["hoffmann-2022"].params;

/** 300 draws scattered around the Hoffmann law (±5 % on A, B, E; ±0.02 on α, β). */
function scatteredDraws(count: number, seed: number): ChinchillaLaw[] {
  const random = createRandom(seed).next;
  const jitter = (v: number, spread: number) => v * (1 + spread * (2 * random() - 1));
  return Array.from({ length: count }, () => ({
    E: jitter(HOFFMANN.E, 0.05),
    A: jitter(HOFFMANN.A, 0.05),
    B: jitter(HOFFMANN.B, 0.05),
    alpha: HOFFMANN.alpha + 0.02 * (2 * random() - 1),
    beta: HOFFMANN.beta + 0.02 * (2 * random() - 1),
  }));
}

describe("optimalPlanIntervals(draws, C, level)", () => {
  it("is the percentile interval of each draw's compute-optimal N*, D*, D*/N* and loss, computed directly", () => {
    const draws = scatteredDraws(300, 7);
    const compute = 5.76e23;
    const intervals = optimalPlanIntervals(draws, compute, 0.9);
    for (const field of ["n", "d", "tokensPerParam", "loss"] as const) {
      const values = draws.map((law) => directOptimum(law, compute)[field]);
      expect(intervals[field]!.lower / percentile(values, 0.05), field).toBeCloseTo(1, 10);
      expect(intervals[field]!.upper / percentile(values, 0.95), field).toBeCloseTo(1, 10);
      expect(intervals[field]!.level).toBe(0.9);
      expect(intervals[field]!.unreliable).toBeUndefined();
    }
  });

  it("contains the central law's optimum and widens with the level", () => {
    const draws = scatteredDraws(300, 11);
    const central = directOptimum(HOFFMANN, 1e22);
    const narrow = optimalPlanIntervals(draws, 1e22, 0.5);
    const wide = optimalPlanIntervals(draws, 1e22, 0.95);
    for (const field of ["n", "d", "loss"] as const) {
      expect(wide[field]!.lower).toBeLessThan(central[field]);
      expect(wide[field]!.upper).toBeGreaterThan(central[field]);
      expect(wide[field]!.upper - wide[field]!.lower).toBeGreaterThan(narrow[field]!.upper - narrow[field]!.lower);
    }
  });

  it("leaves out draws that are not a valid law, and flags a quantity the draws do not move", () => {
    const invalid = { ...HOFFMANN, alpha: -0.1 };
    // Draws differing only in E: N*, D* stay put (they depend on A, B, α, β), the loss moves.
    const draws = [invalid, { ...HOFFMANN, E: 1.6 }, { ...HOFFMANN, E: 1.7 }, { ...HOFFMANN, E: 1.8 }];
    const intervals = optimalPlanIntervals(draws, 1e21, 0.9);
    expect(intervals.n).toMatchObject({ unreliable: COLLAPSED_PLAN_INTERVAL });
    expect(intervals.n!.lower).toBeCloseTo(directOptimum(HOFFMANN, 1e21).n, 0);
    expect(intervals.loss!.unreliable).toBeUndefined();
    expect(intervals.loss!.upper - intervals.loss!.lower).toBeCloseTo(0.9 * 0.2, 10);
  });

  it("gives no interval from fewer than two valid draws", () => {
    expect(optimalPlanIntervals([HOFFMANN], 1e21, 0.9)).toEqual({});
    expect(optimalPlanIntervals([], 1e21, 0.9)).toEqual({});
  });
});
