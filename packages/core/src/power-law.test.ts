import { describe, expect, it } from "vitest";
import { anchorsPresent, readAnchor, readAnchorCsv } from "../test/anchors";
import { fitPowerLaw, inversePowerLaw, predictPowerLaw } from "./power-law";
import { createRandom } from "./random";
import type { Point } from "./types";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/** x on a log grid from 10^lo to 10^hi; y = K·x^a·exp(σ·noise). */
function sample(K: number, a: number, lo: number, hi: number, n: number, sigma = 0, seed = 1): Point[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const x = Math.pow(10, lo + ((hi - lo) * i) / (n - 1));
    return { x, y: K * Math.pow(x, a) * Math.exp(sigma * rng.normal()) };
  });
}

describe("fitPowerLaw(points) recovers K and a", () => {
  const table = [
    { name: "Kaplan L(N) = (8.8e13/N)^0.076", K: Math.pow(8.8e13, 0.076), a: -0.076, lo: 6, hi: 10, sigma: 0, tolK: 1e-12, tolA: 1e-12 },
    { name: "DeepSeek B_opt = 0.2920·C^0.3271", K: 0.292, a: 0.3271, lo: 17, hi: 20.5, sigma: 0, tolK: 1e-10, tolA: 1e-12 },
    { name: "Kaplan N_opt ∝ C^0.73", K: 1.6e-9, a: 0.73, lo: 18, hi: 24, sigma: 0, tolK: 1e-10, tolA: 1e-12 },
    // Seeded 2 % log-normal noise on 40 points: the OLS standard error of a is ≈ 0.02/(√40·sd(ln x)) ≈ 1.3e-3.
    { name: "DeepSeek η_opt = 0.3118·C^−0.125 with 2 % noise", K: 0.3118, a: -0.125, lo: 17, hi: 20.5, sigma: 0.02, tolK: 0.35, tolA: 0.03 },
    { name: "y = 3·x^1.5 with 5 % noise", K: 3, a: 1.5, lo: 0, hi: 4, sigma: 0.05, tolK: 0.1, tolA: 0.01 },
  ];
  for (const row of table) {
    it(`recovers ${row.name}`, () => {
      const fit = fitPowerLaw(sample(row.K, row.a, row.lo, row.hi, 40, row.sigma, 7));
      expect(rel(fit.params.a, row.a)).toBeLessThan(row.tolA);
      expect(rel(fit.params.K, row.K)).toBeLessThan(row.tolK);
      expect(fit.converged).toBe(true);
      expect(fit.n).toBe(40);
      if (row.sigma === 0) expect(fit.gof.rmseLog).toBeLessThan(1e-12);
      else expect(fit.gof.rmseLog).toBeGreaterThan(0.5 * row.sigma);
    });
  }

  it("ignores points of weight 0 and weighs the others", () => {
    const clean = sample(2, 0.5, 0, 3, 10);
    const outlier = { x: 50, y: 1e6, weight: 0 };
    const fit = fitPowerLaw([...clean, outlier]);
    expect(rel(fit.params.a, 0.5)).toBeLessThan(1e-12);
    expect(rel(fit.params.K, 2)).toBeLessThan(1e-12);
    const unweighted = fitPowerLaw([...clean, outlier], { useWeights: false });
    expect(unweighted.params.a).not.toBeCloseTo(0.5, 2);
  });

  it("reports Σw·(ln y − ln ŷ)² as its objective", () => {
    const pts = [
      { x: 1, y: 1, weight: 2 },
      { x: 10, y: 20 },
      { x: 100, y: 90, weight: 0.5 },
    ];
    const fit = fitPowerLaw(pts);
    const expected = pts.reduce((s, p) => s + (p.weight ?? 1) * (Math.log(p.y) - Math.log(predictPowerLaw(fit.params, p.x))) ** 2, 0);
    expect(fit.objective).toBeCloseTo(expected, 14);
  });
});

describe("predictPowerLaw / inversePowerLaw", () => {
  it.each([
    [{ K: 0.29, a: 0.53 }, 1e22],
    [{ K: 0.3118, a: -0.125 }, 3e20],
    [{ K: 5, a: 2 }, 0.01],
  ])("inversePowerLaw(%o, predictPowerLaw(params, x)) = x", (params, x) => {
    expect(rel(inversePowerLaw(params, predictPowerLaw(params, x)), x)).toBeLessThan(1e-12);
  });
  it("predicts the published Llama 3 D*(1e22) = 0.29·1e22^0.53", () => {
    expect(predictPowerLaw({ K: 0.29, a: 0.53 }, 1e22)).toBeCloseTo(0.29 * Math.pow(1e22, 0.53), 0);
  });
  it("throws for a non-positive target", () => {
    expect(() => inversePowerLaw({ K: 1, a: 1 }, 0)).toThrow("power-law inverse needs a positive target y, got y = 0");
  });
  it("throws for a zero exponent", () => {
    expect(() => inversePowerLaw({ K: 1, a: 0 }, 2)).toThrow(
      "power-law inverse needs a non-zero exponent a: with a = 0, y is constant",
    );
  });
});

interface PorianFit {
  config: string;
  basic: Record<string, number>;
  weighted: Record<string, number>;
}
const NUMERIC = ["flops", "n_star", "t_star", "multiplier_star", "loss_star", "n_star_std", "t_star_std", "multiplier_star_std", "loss_star_std"];

describe.skipIf(!anchorsPresent)("fitPowerLaw on Porian et al. 2024 optimal pairs (golden)", () => {
  const rows = anchorsPresent ? readAnchorCsv("porian2024_optimal_pairs.csv") : [];
  const fits: PorianFit[] = anchorsPresent ? (JSON.parse(readAnchor("porian2024_published_fits.json")) as PorianFit[]) : [];

  it("has the 15 published configs", () => {
    expect(fits).toHaveLength(15);
  });

  for (const target of ["n", "t", "multiplier"] as const) {
    for (const variant of ["basic", "weighted"] as const) {
      it(`reproduces the ${variant} ${target}* = coef·C^exponent of all 15 configs to 1e-9 relative`, () => {
        for (const fit of fits) {
          // The authors' dropna(): a row with any empty numeric cell is left out.
          const complete = rows.filter((r) => r.config === fit.config && NUMERIC.every((k) => (r[k] ?? "") !== ""));
          const points: Point[] = complete.map((r) => ({
            x: Number(r.flops),
            y: Number(r[`${target}_star`]),
            weight: 1 / Number(r[`${target}_star_std`]) ** 2,
          }));
          const ours = fitPowerLaw(points, { useWeights: variant === "weighted" });
          const published = fit[variant];
          expect(rel(ours.params.a, published[`${target}_exponent`] as number), fit.config).toBeLessThan(1e-9);
          expect(rel(ours.params.K, published[`${target}_coef`] as number), fit.config).toBeLessThan(1e-9);
          // sklearn's score is the unweighted R² of ln y.
          expect(ours.gof.r2Log).toBeCloseTo(published[`${target}_r2`] as number, 9);
        }
      });
    }
  }

  it("reproduces the paper's headline RefinedWeb exponents (weighted n*): 0.835, 0.706, 0.602, 0.571, 0.497", () => {
    const headline: [string, number][] = [
      ["rw/base/long/kaplan/kaplan/train", 0.835],
      ["rw/base/long/kaplan/standard/val", 0.706],
      ["rw/base/short/kaplan/standard/val", 0.602],
      ["rw/base/short/chinchilla/standard/val", 0.571],
      ["rw/tuned/short/const/standard/val", 0.497],
    ];
    for (const [config, exponent] of headline) {
      const points = rows
        .filter((r) => r.config === config && NUMERIC.every((k) => (r[k] ?? "") !== ""))
        .map((r) => ({ x: Number(r.flops), y: Number(r.n_star), weight: 1 / Number(r.n_star_std) ** 2 }));
      expect(fitPowerLaw(points).params.a, config).toBeCloseTo(exponent, 3);
    }
  });
});

describe("fitPowerLaw(points) at the edge of floating point", () => {
  it("flags a law whose K = e^intercept underflows instead of calling it converged", () => {
    const fit = fitPowerLaw([
      { x: 1e18, y: 1 },
      { x: 1e20, y: 1e300 },
    ]);
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/K = exp\(-6\d{3}\.\d+\) is outside floating-point range, so the law cannot be used$/);
  });
});
