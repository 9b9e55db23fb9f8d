import { describe, expect, it } from "vitest";
import { InputError } from "./input-error";
import { anchorsPresent } from "../test/anchors";
import { epochChinchillaPoints } from "../test/epoch-data";
import { jitteredJointGrid } from "../test/joint-grid";
import {
  CHINCHILLA_DEFAULTS,
  HOFFMANN_2022,
  chinchillaObjective,
  fitChinchilla,
  predictChinchilla,
  resolveChinchillaOptions,
  type ChinchillaParams,
} from "./chinchilla";
import { LBFGS_DEFAULTS } from "./lbfgs";
import { createRandom } from "./random";
import type { JointPoint } from "./types";

/** A 7 × 7 grid over Chinchilla's range (N 70M–16B, D 5B–500B), with jitter so N and D are not collinear. */
function synthetic(truth: ChinchillaParams, sigma: number, seed: number): JointPoint[] {
  const range = { size: 7, nMin: 7e7, nSpan: 16e9 / 7e7, dMin: 5e9, dSpan: 100 };
  return jitteredJointGrid((at) => predictChinchilla(truth, at), range, sigma, seed);
}

const HOFFMANN_ROUNDED: ChinchillaParams = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
const EPOCH_2024: ChinchillaParams = { E: 1.817236, A: 477.8417, B: 2143.8638, alpha: 0.3473127, beta: 0.3671826 };
const STEEP: ChinchillaParams = { E: 2.5, A: 8000, B: 90000, alpha: 0.5, beta: 0.45 };

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("predictChinchilla(params, {n, d})", () => {
  it.each([
    { params: HOFFMANN_ROUNDED, n: 70e9, d: 1.4e12, expected: 1.69 + 406.4 / 70e9 ** 0.34 + 410.7 / 1.4e12 ** 0.28 },
    { params: { E: 1, A: 1, B: 1, alpha: 1, beta: 1 }, n: 2, d: 4, expected: 1.75 },
    { params: { E: 0, A: 100, B: 0, alpha: 0.5, beta: 0.3 }, n: 1e4, d: 1, expected: 1 },
  ])("E + A/N^α + B/D^β at N = $n, D = $d", ({ params, n, d, expected }) => {
    expect(predictChinchilla(params, { n, d })).toBeCloseTo(expected, 12);
  });
});

describe("fitChinchilla(points) recovers E, A, B, α, β", () => {
  it.each([
    { name: "Hoffmann 2022", truth: HOFFMANN_ROUNDED },
    { name: "Epoch 2024", truth: EPOCH_2024 },
    { name: "steep exponents, large E", truth: STEEP },
  ])("from noiseless data ($name) to 1e-6 relative", ({ truth }) => {
    const points = synthetic(truth, 0, 1);
    const fit = fitChinchilla(points);
    expect(fit.converged).toBe(true);
    expect(fit.model).toBe("chinchilla");
    expect(fit.n).toBe(49);
    for (const key of ["E", "A", "B", "alpha", "beta"] as const) expect(relErr(fit.params[key], truth[key])).toBeLessThan(1e-6);
    expect(fit.objective).toBeLessThan(1e-20);
    expect(fit.gof.rmseLog).toBeLessThan(1e-9);
    expect(fit.gof.r2Log).toBeGreaterThan(1 - 1e-12);
  });

  it.each([
    { name: "Hoffmann 2022", truth: HOFFMANN_ROUNDED, seed: 11 },
    { name: "Epoch 2024", truth: EPOCH_2024, seed: 12 },
    { name: "steep exponents, large E", truth: STEEP, seed: 13 },
  ])("from 1 % log-normal noise ($name): α, β ± 0.05, E ± 3 %, objective ≤ the truth's", ({ truth, seed }) => {
    const points = synthetic(truth, 0.01, seed);
    const fit = fitChinchilla(points);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.alpha - truth.alpha)).toBeLessThan(0.05);
    expect(Math.abs(fit.params.beta - truth.beta)).toBeLessThan(0.05);
    expect(relErr(fit.params.E, truth.E)).toBeLessThan(0.03);
    expect(fit.objective).toBeLessThanOrEqual(chinchillaObjective(points, truth));
    expect(fit.gof.rmseLog).toBeLessThan(0.012);
  });

  it("reaches the same optimum as 40 polished starts on 30 noisy problems (global optimum, not a local one)", () => {
    const rng = createRandom(2024);
    for (let trial = 0; trial < 30; trial++) {
      const E = 1 + 2 * rng.next();
      const alpha = 0.2 + 0.4 * rng.next();
      const beta = 0.2 + 0.4 * rng.next();
      const truth = {
        E,
        alpha,
        beta,
        A: E * (0.3 + 2.7 * rng.next()) * 7e7 ** alpha,
        B: E * (0.3 + 2.7 * rng.next()) * 5e9 ** beta,
      };
      const points = synthetic(truth, [0.005, 0.02, 0.05][trial % 3]!, 100 + trial);
      const fit = fitChinchilla(points);
      const exhaustive = fitChinchilla(points, { polishStarts: 40 });
      expect(fit.objective).toBeLessThanOrEqual(exhaustive.objective * (1 + 1e-9));
    }
  });

  it("warm-started with `start` skips the grid and reaches the same optimum", () => {
    const points = synthetic(EPOCH_2024, 0.01, 5);
    const cold = fitChinchilla(points);
    const warm = fitChinchilla(points, { start: HOFFMANN_ROUNDED });
    expect(relErr(warm.objective, cold.objective)).toBeLessThan(1e-9);
    expect(Math.abs(warm.params.alpha - cold.params.alpha)).toBeLessThan(1e-5);
    expect(warm.iterations).toBeLessThan(cold.iterations);
  });

  it("returns its best point with converged: false when the polish runs out of iterations", () => {
    const points = synthetic(EPOCH_2024, 0.01, 5);
    const fit = fitChinchilla(points, { start: HOFFMANN_ROUNDED, maxIterations: 3 });
    expect(fit.converged).toBe(false);
    expect(fit.message).toBe("stopped after the maximum of 3 iterations");
    expect(fit.objective).toBeLessThan(chinchillaObjective(points, HOFFMANN_ROUNDED));
    expect(Object.values(fit.params).every(Number.isFinite)).toBe(true);
  });
});

describe("chinchillaObjective(points, params)", () => {
  it("is Σ Huber_δ of the log residuals (hand-computed on three points)", () => {
    const params: ChinchillaParams = { E: 1, A: 1, B: 1, alpha: 1, beta: 1 };
    // Predictions: N = D = 1 → 3; N = D = 2 → 2; N = 1, D = 1e9 → 2 + 1e-9.
    const points: JointPoint[] = [
      { n: 1, d: 1, y: 3 }, // r = 0
      { n: 2, d: 2, y: 2 * Math.exp(0.0005) }, // r = 5e-4: quadratic zone, ½r²
      { n: 1, d: 1e9, y: (2 + 1e-9) * Math.exp(-0.01) }, // r = −0.01: linear zone, δ(|r| − δ/2)
    ];
    const expected = 0.5 * 0.0005 ** 2 + 1e-3 * (0.01 - 0.5e-3);
    expect(chinchillaObjective(points, params)).toBeCloseTo(expected, 14);
    expect(chinchillaObjective(points, params, { reduction: "mean" })).toBeCloseTo(expected / 3, 14);
    expect(chinchillaObjective(points, params, { delta: 1 })).toBeCloseTo(0.5 * (0.0005 ** 2 + 0.01 ** 2), 14);
  });
});

describe("repeated points (bootstrap resamples)", () => {
  it("count with their multiplicity, whether they are the same object or equal copies", () => {
    const points = synthetic(EPOCH_2024, 0.01, 21);
    const copies = points.map((p) => ({ ...p }));
    const doubled = [...points, ...copies];
    expect(chinchillaObjective(doubled, EPOCH_2024)).toBeCloseTo(2 * chinchillaObjective(points, EPOCH_2024), 15);
    expect(chinchillaObjective(doubled, EPOCH_2024, { reduction: "mean" })).toBeCloseTo(
      chinchillaObjective(points, EPOCH_2024, { reduction: "mean" }),
      15,
    );
    const repeatedFirst = [points[0]!, points[0]!, ...points.slice(1)];
    const expected = chinchillaObjective(points, EPOCH_2024) + chinchillaObjective([points[0]!], EPOCH_2024);
    expect(chinchillaObjective(repeatedFirst, EPOCH_2024)).toBeCloseTo(expected, 15);
    const a = fitChinchilla(points);
    const b = fitChinchilla(doubled);
    expect(relErr(b.params.alpha, a.params.alpha)).toBeLessThan(1e-6);
    expect(b.n).toBe(98);
  });
});

describe("resolveChinchillaOptions(options)", () => {
  it("documents Epoch's δ = 1e-3, summed, and an exponent grid over Epoch's range 0.1–2.0", () => {
    const o = resolveChinchillaOptions();
    expect(o.delta).toBe(1e-3);
    expect(o.reduction).toBe("sum");
    expect(o.alphaGrid[0]).toBe(0.1);
    expect(o.alphaGrid.at(-1)).toBe(2);
    expect(o.betaGrid).toEqual(o.alphaGrid);
    expect(o).toEqual({ ...CHINCHILLA_DEFAULTS });
  });
});

describe("fitChinchilla(points) errors", () => {
  const good = synthetic(HOFFMANN_ROUNDED, 0, 3).slice(0, 8);
  const withRow = (row: number, patch: Partial<JointPoint>) => good.map((p, i) => (i === row - 1 ? { ...p, ...patch } : p));
  it.each([
    ["too few points", "too-few-points", good.slice(0, 4), "chinchilla fit needs at least 6 points, got 4"],
    ["N = 0", "not-positive", withRow(3, { n: 0 }), "chinchilla needs positive n on a log axis: row 3 has n = 0"],
    ["negative D", "not-positive", withRow(2, { d: -5 }), "chinchilla needs positive d on a log axis: row 2 has d = -5"],
    ["zero loss", "not-positive", withRow(8, { y: 0 }), "chinchilla needs positive y on a log axis: row 8 has y = 0"],
    ["NaN D", "non-finite", withRow(5, { d: NaN }), "chinchilla fit needs finite numbers: row 5 has d = NaN"],
    ["infinite loss", "non-finite", withRow(1, { y: Infinity }), "chinchilla fit needs finite numbers: row 1 has y = Infinity"],
    ["NaN before too few", "non-finite", good.slice(0, 3).map((p, i) => (i === 1 ? { ...p, n: NaN } : p)), "chinchilla fit needs finite numbers: row 2 has n = NaN"],
    ["one distinct N", "too-few-distinct", good.map((p) => ({ ...p, n: 1e9 })), "chinchilla fit needs at least 2 distinct values of n, got only n = 1000000000"],
    ["one distinct D", "too-few-distinct", good.map((p) => ({ ...p, d: 2e10 })), "chinchilla fit needs at least 2 distinct values of d, got only d = 20000000000"],
  ] as const)("%s", (_name, code, points, message) => {
    expect(() => fitChinchilla(points)).toThrow(new InputError(code, message));
  });
  it.each([
    [{ delta: 0 }, "chinchilla fit needs delta > 0, got 0"],
    [{ reduction: "median" as "sum" }, 'chinchilla fit reduction must be "sum" or "mean", got median'],
    [{ polishStarts: 0 }, "chinchilla fit polishStarts must be a positive integer, got 0"],
    [{ alphaGrid: [] }, "chinchilla fit alphaGrid must be a non-empty list of positive exponents"],
    [{ betaGrid: [0.3, -1] }, "chinchilla fit betaGrid must be a non-empty list of positive exponents"],
    [{ start: { ...HOFFMANN_ROUNDED, A: -1 } }, "chinchilla start A must be positive (it is fitted in log space), got -1"],
    [{ start: { ...HOFFMANN_ROUNDED, beta: NaN } }, "chinchilla start beta must be a finite number, got NaN"],
  ])("rejects option %o", (options, message) => {
    expect(() => fitChinchilla(synthetic(HOFFMANN_ROUNDED, 0, 3), options)).toThrow(new Error(message));
  });
  it("chinchillaObjective rejects parameters it cannot take the log of", () => {
    expect(() => chinchillaObjective(good, { ...HOFFMANN_ROUNDED, E: 0 })).toThrow(
      new Error("chinchilla parameter E must be positive (it is fitted in log space), got 0"),
    );
  });
});

describe.skipIf(!anchorsPresent)("fitChinchilla on Epoch AI's Chinchilla data (golden)", () => {
  /** Epoch's preprocessing: D = C/(6N), drop the 5 largest losses → 240 rows. */
  const points = anchorsPresent ? epochChinchillaPoints() : [];

  it("keeps 240 rows", () => expect(points).toHaveLength(240));

  it("reaches scipy's 4,500-start optimum: objective ≤ 1.0184e-3, α 0.3473, β 0.3672, E 1.8172, A ±3 %, B ±6 %", () => {
    const fit = fitChinchilla(points);
    expect(fit.converged).toBe(true);
    expect(fit.objective).toBeLessThanOrEqual(1.0184e-3);
    expect(Math.abs(fit.params.alpha - 0.3473)).toBeLessThan(0.002);
    expect(Math.abs(fit.params.beta - 0.3672)).toBeLessThan(0.002);
    expect(Math.abs(fit.params.E - 1.8172)).toBeLessThan(0.002);
    expect(relErr(fit.params.A, 477.8)).toBeLessThan(0.03);
    expect(relErr(fit.params.B, 2143)).toBeLessThan(0.06);
    // The objective reported by the fit is the one chinchillaObjective computes.
    expect(relErr(chinchillaObjective(points, fit.params), fit.objective)).toBeLessThan(1e-9);
  });

  it("evaluates Hoffmann et al.'s published parameters at ≈ 0.00412 on these rows", () => {
    expect(chinchillaObjective(points, HOFFMANN_ROUNDED)).toBeCloseTo(0.00412, 5);
    // Epoch's unrounded reading of the same fit is also far above the optimum.
    expect(chinchillaObjective(points, HOFFMANN_2022)).toBeGreaterThan(1.2 * 1.0184e-3);
  });

  it("failure mode: minimising the MEAN Huber with the default (scipy) L-BFGS tolerances stops almost at its start", () => {
    const scipyDefaults = { gradientTolerance: LBFGS_DEFAULTS.gradientTolerance, functionTolerance: LBFGS_DEFAULTS.functionTolerance };
    const fit = fitChinchilla(points, { reduction: "mean", start: HOFFMANN_2022, ...scipyDefaults });
    expect(fit.converged).toBe(true); // it believes it converged…
    expect(fit.iterations).toBeLessThan(10);
    expect(Math.abs(fit.params.alpha - HOFFMANN_2022.alpha)).toBeLessThan(0.005);
    expect(Math.abs(fit.params.beta - HOFFMANN_2022.beta)).toBeLessThan(0.005);
    expect(relErr(fit.params.E, HOFFMANN_2022.E)).toBeLessThan(0.01);
    // …while the summed objective there is still far from the optimum.
    expect(chinchillaObjective(points, fit.params)).toBeGreaterThan(1.1e-3);
    // The same start with the summed objective and the same tolerances gets there.
    const summed = fitChinchilla(points, { start: HOFFMANN_2022, ...scipyDefaults });
    expect(Math.abs(summed.params.beta - 0.3672)).toBeLessThan(0.01);
  });
});
