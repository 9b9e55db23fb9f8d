import { describe, expect, it } from "vitest";
import { LEVENBERG_MARQUARDT_DEFAULTS, levenbergMarquardt, resolveLevenbergMarquardtOptions } from "./levenberg-marquardt";

// NIST StRD Misra1a (lower difficulty): y = b1·(1 − exp(−b2·x)), certified values below.
const misraX = [77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1, 760.0];
const misraY = [10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.4, 75.47, 81.78];
const misraResiduals = (p: readonly number[]): number[] =>
  misraX.map((x, i) => (p[0] as number) * (1 - Math.exp(-(p[1] as number) * x)) - (misraY[i] as number));

describe("levenbergMarquardt(problem) solves problems with known answers", () => {
  const table = [
    {
      name: "Rosenbrock as least squares from (−1.2, 1)",
      residuals: (p: readonly number[]) => [10 * ((p[1] as number) - (p[0] as number) ** 2), 1 - (p[0] as number)],
      initial: [-1.2, 1],
      expected: [1, 1],
      tol: 1e-9,
    },
    {
      name: "exponential decay y = 2·e^(−0.5·t), exact data",
      residuals: (p: readonly number[]) =>
        [0, 0.5, 1, 2, 3, 5, 8].map((t) => (p[0] as number) * Math.exp(-(p[1] as number) * t) - 2 * Math.exp(-0.5 * t)),
      initial: [1, 1],
      expected: [2, 0.5],
      tol: 1e-10,
    },
    {
      name: "NIST Misra1a from start 1 (certified b1 = 238.94212918, b2 = 5.5015643181e-4)",
      residuals: misraResiduals,
      initial: [500, 1e-4],
      expected: [2.3894212918e2, 5.5015643181e-4],
      tol: 1e-8,
    },
  ];
  for (const row of table) {
    it(`recovers ${row.name}`, () => {
      const fit = levenbergMarquardt({ residuals: row.residuals, initial: row.initial });
      expect(fit.converged).toBe(true);
      row.expected.forEach((v, j) => expect(Math.abs((fit.params[j] as number) - v) / Math.abs(v)).toBeLessThan(row.tol));
    });
  }

  it("reaches the certified Misra1a residual sum of squares 1.2455138894e-1", () => {
    const fit = levenbergMarquardt({ residuals: misraResiduals, initial: [500, 1e-4] });
    expect(fit.residualNorm ** 2).toBeCloseTo(1.2455138894e-1, 10);
  });

  it("gives the same answer with an analytic Jacobian and with forward differences", () => {
    const jacobian = (p: readonly number[]) =>
      misraX.map((x) => [1 - Math.exp(-(p[1] as number) * x), (p[0] as number) * x * Math.exp(-(p[1] as number) * x)]);
    const analytic = levenbergMarquardt({ residuals: misraResiduals, jacobian, initial: [500, 1e-4] });
    const forward = levenbergMarquardt({ residuals: misraResiduals, initial: [500, 1e-4] }, { finiteDifference: "forward" });
    for (const fit of [analytic, forward]) {
      expect(fit.params[0]).toBeCloseTo(238.94212918, 5);
      expect(fit.params[1]).toBeCloseTo(5.5015643181e-4, 11);
    }
  });

  it("stops on an active bound: min (p − 3)² with p ≤ 2 gives p = 2", () => {
    const fit = levenbergMarquardt({ residuals: (p) => [(p[0] as number) - 3], initial: [0], upper: [2] });
    expect(fit.params[0]).toBe(2);
    expect(fit.residualNorm).toBeCloseTo(1, 12);
    expect(fit.converged).toBe(true);
  });

  it("returns its best point with converged: false when it runs out of iterations", () => {
    const fit = levenbergMarquardt(
      { residuals: (p) => [10 * ((p[1] as number) - (p[0] as number) ** 2), 1 - (p[0] as number)], initial: [-1.2, 1] },
      { maxIterations: 2 },
    );
    expect(fit.converged).toBe(false);
    expect(fit.message).toBe("did not converge within 2 iterations (maxIterations)");
    expect(fit.iterations).toBe(2);
    expect(fit.params.every(Number.isFinite)).toBe(true);
    expect(fit.residualNorm).toBeLessThanOrEqual(Math.hypot(10 * (1 - 1.44), 2.2));
  });

  it("treats a trial point with non-finite residuals as a rejected step", () => {
    // r = √p − 2 is NaN for p < 0; a full Gauss–Newton step from p = 0.01 overshoots below zero.
    const fit = levenbergMarquardt({ residuals: (p) => [Math.sqrt(p[0] as number) - 2, 0.1 * Math.log(p[0] as number)], initial: [0.01] });
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.residualNorm)).toBe(true);
  });

  it("reports an exact fit at the start", () => {
    const fit = levenbergMarquardt({ residuals: (p) => [(p[0] as number) - 1], initial: [1] });
    expect(fit).toMatchObject({ converged: true, iterations: 0, message: "exact fit: the residuals are zero at the initial parameters" });
  });
});

describe("levenbergMarquardt(problem) error messages", () => {
  it("throws when the residuals are not finite at the start", () => {
    expect(() => levenbergMarquardt({ residuals: (p) => [Math.log(p[0] as number)], initial: [-1] })).toThrow(
      "levenberg-marquardt residuals are not finite at the initial parameters [-1]",
    );
  });
  it("throws on non-finite initial parameters", () => {
    expect(() => levenbergMarquardt({ residuals: (p) => [p[0] as number], initial: [Number.NaN] })).toThrow(
      "levenberg-marquardt needs finite initial parameters, got [NaN]",
    );
  });
  it("throws on an empty parameter vector", () => {
    expect(() => levenbergMarquardt({ residuals: () => [1], initial: [] })).toThrow("levenberg-marquardt needs at least one parameter");
  });
  it("throws on an empty residual vector", () => {
    expect(() => levenbergMarquardt({ residuals: () => [], initial: [1] })).toThrow("levenberg-marquardt needs at least one residual");
  });
  it("throws on bounds of the wrong length", () => {
    expect(() => levenbergMarquardt({ residuals: (p) => [p[0] as number], initial: [1], lower: [0, 0] })).toThrow(
      "levenberg-marquardt bounds must have 1 entries, got 2 and 1",
    );
  });
});

describe("resolveLevenbergMarquardtOptions(options)", () => {
  it("fills every default from LEVENBERG_MARQUARDT_DEFAULTS", () => {
    expect(resolveLevenbergMarquardtOptions()).toEqual(LEVENBERG_MARQUARDT_DEFAULTS);
    expect(resolveLevenbergMarquardtOptions({ ftol: 1e-6 }).ftol).toBe(1e-6);
  });
  it.each([
    [{ maxIterations: 0 }, "levenberg-marquardt option maxIterations must be a positive integer, got 0"],
    [{ maxIterations: 1.5 }, "levenberg-marquardt option maxIterations must be a positive integer, got 1.5"],
    [{ ftol: -1 }, "levenberg-marquardt option ftol must be a non-negative number, got -1"],
    [{ xtol: Number.NaN }, "levenberg-marquardt option xtol must be a non-negative number, got NaN"],
    [{ gtol: Infinity }, "levenberg-marquardt option gtol must be a non-negative number, got Infinity"],
    [{ initialDamping: 0 }, "levenberg-marquardt option initialDamping must be a positive number, got 0"],
    [{ finiteDifference: "backward" as "central" }, 'levenberg-marquardt option finiteDifference must be "central" or "forward", got backward'],
    [{ differenceStep: -1e-6 }, "levenberg-marquardt option differenceStep must be a positive number, got -0.000001"],
  ])("rejects %o", (options, message) => {
    expect(() => resolveLevenbergMarquardtOptions(options)).toThrow(message);
  });
});
