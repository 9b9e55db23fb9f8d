import { describe, expect, it } from "vitest";
import { anchorsPresent } from "../test/anchors";
import { epochChinchillaPoints } from "../test/epoch-data";
import { jitteredJointGrid } from "../test/joint-grid";
import { parameterIntervals, predictionBand } from "./bootstrap";
import { fitChinchilla, predictChinchilla, type ChinchillaParams } from "./chinchilla";
import { bootstrapChinchilla } from "./chinchilla-bootstrap";
import type { JointPoint } from "./types";

const TRUTH: ChinchillaParams = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };

/** An 8 × 8 grid, N 70M–14B, D 5B–500B. */
function synthetic(sigma: number, seed: number): JointPoint[] {
  const range = { size: 8, nMin: 7e7, nSpan: 200, dMin: 5e9, dSpan: 100 };
  return jitteredJointGrid((at) => predictChinchilla(TRUTH, at), range, sigma, seed);
}

describe("bootstrapChinchilla(points, {resamples, seed})", () => {
  const points = synthetic(0.01, 9);

  it("refits every resample from the full-data fit and is reproducible with the same seed", () => {
    const a = bootstrapChinchilla(points, { resamples: 40, seed: 5 });
    const b = bootstrapChinchilla(points, { resamples: 40, seed: 5, full: a.fit });
    expect(a.fit.objective).toBe(fitChinchilla(points).objective);
    expect(a.failures).toBe(0);
    expect(a.draws).toHaveLength(40);
    expect(b.draws).toEqual(a.draws);
  });

  it("gives 95 % intervals that cover the true exponents and a prediction band that covers the truth", () => {
    const { draws } = bootstrapChinchilla(points, { resamples: 200, seed: 42 });
    const ci = parameterIntervals(draws, 0.95);
    for (const key of ["alpha", "beta", "E"] as const) {
      expect(ci[key].lo).toBeLessThan(TRUTH[key]);
      expect(ci[key].hi).toBeGreaterThan(TRUTH[key]);
    }
    const at = [{ n: 1e9, d: 2e10 }];
    const [band] = predictionBand(draws, predictChinchilla, at, 0.95);
    const truth = predictChinchilla(TRUTH, at[0]!);
    expect(band!.lo).toBeLessThan(truth);
    expect(band!.hi).toBeGreaterThan(truth);
  });

  it("counts a resample that cannot be fitted as a failure", () => {
    // Eight points, one of them the only one at its N: a third of the resamples miss it, leaving a
    // single distinct N, and fitChinchilla throws.
    const few = synthetic(0.01, 3)
      .filter((_p, i) => i % 9 === 0)
      .slice(0, 8)
      .map((p, i) => (i === 0 ? p : { ...p, n: 3e9 }));
    const result = bootstrapChinchilla(few, { resamples: 30, seed: 1 });
    expect(result.failures).toBeGreaterThan(0);
    expect(result.draws.length + result.failures).toBe(30);
    expect(result.firstFailure).toMatch(/^chinchilla fit needs at least 2 distinct values of /);
  });
});

describe.skipIf(!anchorsPresent)("bootstrapChinchilla on Epoch AI's Chinchilla data (golden)", () => {
  it("reproduces Epoch's 95 % bootstrap intervals (α 0.317–0.373, β 0.331–0.415, E 1.769–1.871) within sampling error", () => {
    const points = epochChinchillaPoints();
    const { draws, failures } = bootstrapChinchilla(points, { resamples: 400, seed: 42 });
    expect(failures).toBe(0);
    const ci = parameterIntervals(draws, 0.95);
    expect(Math.abs(ci.alpha.lo - 0.317)).toBeLessThan(0.01);
    expect(Math.abs(ci.alpha.hi - 0.373)).toBeLessThan(0.01);
    expect(Math.abs(ci.beta.lo - 0.331)).toBeLessThan(0.015);
    expect(Math.abs(ci.beta.hi - 0.415)).toBeLessThan(0.015);
    expect(Math.abs(ci.E.lo - 1.769)).toBeLessThan(0.02);
    expect(Math.abs(ci.E.hi - 1.871)).toBeLessThan(0.02);
    // Epoch's bootstrap SE of α is 0.0154.
    expect(Math.abs(ci.alpha.se - 0.0154)).toBeLessThan(0.003);
  });
});
