import { describe, expect, it } from "vitest";
import { fitLogLinear, inverseLogLinear, predictLogLinear } from "./log-linear";
import { createRandom } from "./random";
import type { Point } from "./types";

function sample(a: number, b: number, lo: number, hi: number, n: number, sigma = 0, seed = 1): Point[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const x = Math.pow(10, lo + ((hi - lo) * i) / (n - 1));
    return { x, y: a + b * Math.log10(x) + sigma * rng.normal() };
  });
}

describe("fitLogLinear(points) recovers a and b", () => {
  const table = [
    { name: "accuracy 0.2 + 0.05·log10(x), clean", a: 0.2, b: 0.05, lo: 3, hi: 7, sigma: 0, tol: 1e-12 },
    { name: "loss 4 − 0.3·log10(x), clean", a: 4, b: -0.3, lo: 6, hi: 12, sigma: 0, tol: 1e-12 },
    // 30 points, σ = 0.01: the OLS standard error of b is ≈ σ/(√30·sd(log10 x)) ≈ 1.6e-3.
    { name: "accuracy 0.1 + 0.08·log10(x) with noise σ = 0.01", a: 0.1, b: 0.08, lo: 3, hi: 6, sigma: 0.01, tol: 0.1 },
  ];
  for (const row of table) {
    it(`recovers ${row.name}`, () => {
      const fit = fitLogLinear(sample(row.a, row.b, row.lo, row.hi, 30, row.sigma, 3));
      expect(Math.abs(fit.params.b - row.b) / Math.abs(row.b)).toBeLessThan(row.tol);
      expect(Math.abs(fit.params.a - row.a)).toBeLessThan(row.tol * Math.abs(row.a) + 10 * row.sigma);
      expect(fit.converged).toBe(true);
      expect(fit.model).toBe("log-linear");
    });
  }

  it("accepts non-positive y and says the log-space goodness of fit is undefined", () => {
    const fit = fitLogLinear([
      { x: 10, y: -1 },
      { x: 100, y: 0 },
      { x: 1000, y: 1 },
    ]);
    expect(fit.params).toEqual({ a: expect.closeTo(-2, 12), b: expect.closeTo(1, 12) });
    expect(fit.gof.rmseLog).toBeNaN();
    expect(fit.message).toBe(
      "closed form: weighted least squares of y on log10 x; log-space goodness of fit undefined because some y or ŷ is not positive",
    );
  });

  it("reports the weighted sum of squared residuals as its objective", () => {
    const fit = fitLogLinear([
      { x: 10, y: 1, weight: 3 },
      { x: 100, y: 3 },
      { x: 1000, y: 4 },
    ]);
    // By hand: Σw = 5, x̄ = 1.6, ȳ = 2, Sxx = 3.2, Sxy = 5 → b = 1.5625, a = 2 − 1.5625·1.6 = −0.5;
    // residuals −0.0625, 0.375, −0.1875 → Σw·r² = 3·0.00390625 + 0.140625 + 0.03515625 = 0.1875.
    expect(fit.params.b).toBeCloseTo(1.5625, 12);
    expect(fit.params.a).toBeCloseTo(-0.5, 12);
    expect(fit.objective).toBeCloseTo(0.1875, 12);
  });
});

describe("fitLogLinear(points) near the limits of floating point (|y| ≈ 1e300)", () => {
  it("marks a fit whose objective overflows as not converged, with the exact message, and keeps the line", () => {
    // Residuals 6.7e299, −1.3e300, 6.7e299: Σ r² = (24/9)·1e600, beyond the largest double (1.8e308).
    const fit = fitLogLinear([
      { x: 1, y: 1e300 },
      { x: 10, y: -1e300 },
      { x: 100, y: 1e300 },
    ]);
    expect(fit.converged).toBe(false);
    expect(fit.objective).toBe(Infinity);
    expect(fit.params.b).toBe(0);
    expect(fit.params.a / (1e300 / 3)).toBeCloseTo(1, 12);
    expect(fit.message).toBe(
      "closed form: weighted least squares of y on log10 x; log-space goodness of fit undefined because some y or ŷ is not positive" +
        "; its objective Σ w·(y − ŷ)² ≈ 10^600.4 is beyond floating-point range (reported as Infinity), so it is marked not converged: divide y by a large constant and refit",
    );
  });

  it("recovers a line whose sums overflow the direct solve (y ≈ 1.6e308): rescaled by powers of two, converged", () => {
    const fit = fitLogLinear([
      { x: 1, y: 1.5e308 },
      { x: 10, y: 1.6e308 },
      { x: 100, y: 1.7e308 },
    ]);
    expect(fit.converged).toBe(true);
    expect(fit.params.a / 1.5e308).toBeCloseTo(1, 12);
    expect(fit.params.b / 1e307).toBeCloseTo(1, 12);
    expect(Number.isFinite(fit.objective)).toBe(true);
    expect(fit.message).toBe("closed form: weighted least squares of y on log10 x");
  });

  it("marks a line whose intercept is beyond floating-point range as not converged, with the exact message", () => {
    // b ≈ −7e307 per decade, so a = ŷ(x = 1) ≈ 1.7e308 + 300·7e307 overflows.
    const fit = fitLogLinear([
      { x: 1e300, y: 1.7e308 },
      { x: 1e301, y: 1e308 },
    ]);
    expect(fit.converged).toBe(false);
    expect(fit.params.a).toBe(Infinity);
    expect(fit.message).toBe(
      "closed form: weighted least squares of y on log10 x; log-space goodness of fit undefined because some y or ŷ is not positive" +
        `; the line a = Infinity, b = ${fit.params.b} is beyond floating-point range, so it is marked not converged: divide y by a large constant and refit`,
    );
    expect(fit.params.b / -7e307).toBeCloseTo(1, 12);
  });
});

describe("predictLogLinear / inverseLogLinear", () => {
  it.each([
    [{ a: 0.2, b: 0.05 }, 1e5],
    [{ a: 4, b: -0.3 }, 3e9],
  ])("inverseLogLinear(%o, predictLogLinear(params, x)) = x", (params, x) => {
    expect(inverseLogLinear(params, predictLogLinear(params, x)) / x).toBeCloseTo(1, 12);
  });
  it("gains b per 10× of x", () => {
    const p = { a: 0.2, b: 0.05 };
    expect(predictLogLinear(p, 1e6) - predictLogLinear(p, 1e5)).toBeCloseTo(0.05, 14);
  });
  it("throws when the slope is zero", () => {
    expect(() => inverseLogLinear({ a: 1, b: 0 }, 2)).toThrow("log-linear inverse needs a non-zero slope b: with b = 0, y is constant");
  });
});
