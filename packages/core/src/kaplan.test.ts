import { describe, expect, it } from "vitest";
import { InputError } from "./input-error";
import { KAPLAN_2020, KAPLAN_DEFAULTS, fitKaplan, kaplanObjective, predictKaplan, resolveKaplanOptions, type KaplanParams } from "./kaplan";
import { jitteredJointGrid } from "../test/joint-grid";
import type { JointPoint } from "./types";

/** 7 × 7 grid, N 1M–1B, D 100M–100B (Kaplan's range), jittered, with log-normal noise sigma. */
function synthetic(truth: KaplanParams, sigma: number, seed: number): JointPoint[] {
  const range = { size: 7, nMin: 1e6, nSpan: 1000, dMin: 1e8, dSpan: 1000 };
  return jitteredJointGrid((at) => predictKaplan(truth, at), range, sigma, seed);
}

const TRUTHS: { name: string; truth: KaplanParams }[] = [
  { name: "Kaplan 2020", truth: KAPLAN_2020 },
  { name: "steep", truth: { alphaN: 0.3, alphaD: 0.25, Nc: 1e10, Dc: 1e11 } },
  { name: "data-limited", truth: { alphaN: 0.05, alphaD: 0.15, Nc: 1e15, Dc: 1e12 } },
];
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("predictKaplan(params, {n, d})", () => {
  it.each([
    { params: { alphaN: 1, alphaD: 1, Nc: 2, Dc: 3 }, n: 1, d: 1, expected: 5 },
    { params: { alphaN: 0.5, alphaD: 0.25, Nc: 16, Dc: 1 }, n: 1, d: 1e300, expected: 16 ** 0.5 },
    { params: KAPLAN_2020, n: 1e9, d: 1e11, expected: ((6.4e13 / 1e9) ** (0.076 / 0.103) + 1.8e13 / 1e11) ** 0.103 },
  ])("[(Nc/N)^(αN/αD) + Dc/D]^αD at N = $n, D = $d", ({ params, n, d, expected }) => {
    expect(rel(predictKaplan(params, { n, d }), expected)).toBeLessThan(1e-13);
  });
  it("does not overflow when (Nc/N)^(αN/αD) exceeds the double range", () => {
    const v = predictKaplan({ alphaN: 0.1, alphaD: 0.001, Nc: 1e20, Dc: 1 }, { n: 1, d: 1 });
    expect(v).toBeCloseTo(Math.exp(0.1 * Math.log(1e20)), 6);
  });
});

describe("fitKaplan(points) recovers αN, αD, Nc, Dc", () => {
  it.each(TRUTHS)("from noiseless data ($name) to 1e-6 relative", ({ truth }) => {
    const fit = fitKaplan(synthetic(truth, 0, 1));
    expect(fit.converged).toBe(true);
    expect(fit.model).toBe("kaplan");
    for (const key of ["alphaN", "alphaD", "Nc", "Dc"] as const) expect(rel(fit.params[key], truth[key])).toBeLessThan(1e-6);
    expect(fit.gof.rmseLog).toBeLessThan(1e-9);
  });

  it.each(TRUTHS)(
    "from 0.5 % log-normal noise ($name): exponents ± 5 %, Nc and Dc within a factor 1.5, objective ≤ the truth's",
    ({ truth }) => {
      const points = synthetic(truth, 0.005, 3);
      const fit = fitKaplan(points);
      expect(fit.converged).toBe(true);
      expect(rel(fit.params.alphaN, truth.alphaN)).toBeLessThan(0.05);
      expect(rel(fit.params.alphaD, truth.alphaD)).toBeLessThan(0.05);
      expect(Math.abs(Math.log(fit.params.Nc / truth.Nc))).toBeLessThan(Math.log(1.5));
      expect(Math.abs(Math.log(fit.params.Dc / truth.Dc))).toBeLessThan(Math.log(1.5));
      expect(fit.objective).toBeLessThanOrEqual(kaplanObjective(points, truth));
      expect(fit.objective).toBeLessThanOrEqual(fitKaplan(points, { polishStarts: 40 }).objective * (1 + 1e-9));
    },
  );

  it("warm-started with `start` reaches the same optimum", () => {
    const points = synthetic(KAPLAN_2020, 0.01, 4);
    const cold = fitKaplan(points);
    const warm = fitKaplan(points, { start: { alphaN: 0.1, alphaD: 0.1, Nc: 1e13, Dc: 1e13 } });
    expect(rel(warm.objective, cold.objective)).toBeLessThan(1e-8);
  });

  it("returns converged: false with the optimiser's message when it runs out of iterations", () => {
    const fit = fitKaplan(synthetic(KAPLAN_2020, 0.01, 4), { start: KAPLAN_2020, maxIterations: 2 });
    expect(fit.converged).toBe(false);
    expect(fit.message).toBe("stopped after the maximum of 2 iterations");
  });
});

describe("kaplanObjective and resolveKaplanOptions", () => {
  it("is the summed Huber of ln L − ln L̂ (hand-computed)", () => {
    const params = { alphaN: 1, alphaD: 1, Nc: 2, Dc: 3 }; // L̂(1, 1) = 5
    const points = [
      { n: 1, d: 1, y: 5 * Math.exp(0.0004) },
      { n: 1, d: 1, y: 5 * Math.exp(-0.02) },
    ];
    expect(kaplanObjective(points, params)).toBeCloseTo(0.5 * 0.0004 ** 2 + 1e-3 * (0.02 - 0.5e-3), 14);
  });
  it("documents δ = 1e-3 and its grids", () => {
    expect(resolveKaplanOptions()).toEqual({ ...KAPLAN_DEFAULTS });
    expect(KAPLAN_DEFAULTS.delta).toBe(1e-3);
  });
});

describe("fitKaplan(points) errors", () => {
  const good = synthetic(KAPLAN_2020, 0, 2).slice(0, 8);
  it.each([
    ["too few points", "too-few-points", good.slice(0, 4), "kaplan fit needs at least 5 points, got 4"],
    ["D = 0", "not-positive", good.map((p, i) => (i === 1 ? { ...p, d: 0 } : p)), "kaplan needs positive d on a log axis: row 2 has d = 0"],
    ["NaN loss", "non-finite", good.map((p, i) => (i === 6 ? { ...p, y: NaN } : p)), "kaplan fit needs finite numbers: row 7 has y = NaN"],
    ["one distinct N", "too-few-distinct", good.map((p) => ({ ...p, n: 5 })), "kaplan fit needs at least 2 distinct values of n, got only n = 5"],
  ] as const)("%s", (_name, code, points, message) => {
    expect(() => fitKaplan(points)).toThrow(new InputError(code, message));
  });
  it.each([
    [{ delta: -1 }, "kaplan fit needs delta > 0, got -1"],
    [{ polishStarts: 1.5 }, "kaplan fit polishStarts must be a positive integer, got 1.5"],
    [{ pGrid: [0] }, "kaplan fit pGrid must be a non-empty list of positive ratios"],
    [{ logScaleGrid: [NaN] }, "kaplan fit logScaleGrid must be a non-empty list of finite numbers"],
    [{ start: { ...KAPLAN_2020, Nc: 0 } }, "kaplan start Nc must be a positive finite number, got 0"],
  ])("rejects option %o", (options, message) => {
    expect(() => fitKaplan(good, options)).toThrow(new Error(message));
  });
  it("fails clearly when no grid cell has a positive αD", () => {
    // Loss below 1 everywhere while the grid only holds positive scales: ln L < 0 needs αD < 0.
    const points = good.map((p) => ({ ...p, y: 0.5 }));
    expect(() => fitKaplan(points, { logScaleGrid: [5] })).toThrow(
      new Error("kaplan fit found no starting point with a positive α_D (does the loss fall below 1 with no trend?)"),
    );
  });
});
