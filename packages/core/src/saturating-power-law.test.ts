import { describe, expect, it } from "vitest";
import { InputError } from "./input-error";
import { anchorsPresent, readAnchor, readAnchorCsv } from "../test/anchors";
import { createRandom } from "./random";
import {
  SATURATING_POWER_LAW_DEFAULTS,
  SATURATING_POWER_LAW_ERRORS,
  fitSaturatingPowerLaw,
  inverseSaturatingPowerLaw,
  predictSaturatingPowerLaw,
  resolveSaturatingPowerLawOptions,
  type SaturatingPowerLawParams,
} from "./saturating-power-law";
import type { Direction, Point } from "./types";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

function sample(p: SaturatingPowerLawParams, direction: Direction, lo: number, hi: number, n: number, sigma = 0, seed = 1) {
  const rng = createRandom(seed);
  return Array.from({ length: n }, (_, i): Point => {
    const x = Math.pow(10, lo + ((hi - lo) * i) / (n - 1));
    return { x, y: predictSaturatingPowerLaw(p, x, direction) * Math.exp(sigma * rng.normal()) };
  });
}

describe("fitSaturatingPowerLaw(points) recovers E, A, alpha", () => {
  const table = [
    { name: "Chinchilla N-term 1.69 + 406.4·N^−0.34, clean", p: { E: 1.69, A: 406.4, alpha: 0.34 }, dir: "lower" as const, lo: 7, hi: 11, sigma: 0, tol: 1e-6 },
    { name: "Porian-like loss 2.66 + 1322·C^−0.175, clean", p: { E: 2.66, A: 1322, alpha: 0.175 }, dir: "lower" as const, lo: 16, hi: 19, sigma: 0, tol: 1e-6 },
    { name: "accuracy 0.9 − 2·x^−0.3 (higher is better), clean", p: { E: 0.9, A: 2, alpha: 0.3 }, dir: "higher" as const, lo: 2, hi: 6, sigma: 0, tol: 1e-6 },
    // 25 points with 0.3 % multiplicative noise: E is well determined, A and α are correlated (wider tolerance).
    { name: "loss 1.8 + 50·x^−0.5 with 0.3 % noise", p: { E: 1.8, A: 50, alpha: 0.5 }, dir: "lower" as const, lo: 3, hi: 7, sigma: 0.003, tol: 0.15, tolE: 0.01 },
    { name: "accuracy 0.85 − 3·x^−0.4 with 0.3 % noise", p: { E: 0.85, A: 3, alpha: 0.4 }, dir: "higher" as const, lo: 2, hi: 6, sigma: 0.003, tol: 0.15, tolE: 0.02 },
  ];
  for (const row of table) {
    it(`recovers ${row.name}`, () => {
      const fit = fitSaturatingPowerLaw(sample(row.p, row.dir, row.lo, row.hi, 25, row.sigma, 11), { direction: row.dir });
      expect(fit.direction).toBe(row.dir);
      expect(fit.converged).toBe(true);
      expect(rel(fit.params.E, row.p.E)).toBeLessThan(row.tolE ?? row.tol);
      expect(rel(fit.params.A, row.p.A)).toBeLessThan(row.tol);
      expect(rel(fit.params.alpha, row.p.alpha)).toBeLessThan(row.tol);
      if (row.sigma === 0) expect(fit.gof.rmseLog).toBeLessThan(1e-8);
    });
  }

  it("says so when the data do not improve with x", () => {
    const rising = [1, 2, 3, 4, 5].map((x) => ({ x: 10 ** x, y: 1 + 0.1 * x }));
    const fit = fitSaturatingPowerLaw(rising);
    expect(fit.params.alpha).toBeLessThanOrEqual(0);
    expect(fit.message).toMatch(/fitted alpha = .* ≤ 0: the data do not improve with x$/);
  });

  it("reports Σr² of the log residuals as its objective", () => {
    const pts = sample({ E: 2, A: 10, alpha: 0.3 }, "lower", 2, 6, 8, 0.01, 5);
    const fit = fitSaturatingPowerLaw(pts);
    const expected = pts.reduce((s, p) => s + (Math.log(predictSaturatingPowerLaw(fit.params, p.x)) - Math.log(p.y)) ** 2, 0);
    expect(fit.objective).toBeCloseTo(expected, 12);
  });
});

describe("fitSaturatingPowerLaw(points) with y near the limits of floating point", () => {
  it("fits subnormal y (1e-323, 5e-324, 5e-324; direction lower) from a start in log space instead of throwing", () => {
    // 0.5·min y underflows to 0 here; the neutral start used to be ln 0 = −Infinity.
    const fit = fitSaturatingPowerLaw([
      { x: 1, y: 1e-323 },
      { x: 10, y: 5e-324 },
      { x: 100, y: 5e-324 },
    ]);
    for (const v of Object.values(fit.params)) expect(Number.isFinite(v)).toBe(true);
    expect(Number.isFinite(fit.objective)).toBe(true);
    expect(fit.message).toMatch(/^best of 1 starts \(least squares\): /);
  });

  it.each([
    [[5e-324, 2, 3], 1, 5e-324],
    [[1, 2, 5e-324], 3, 5e-324],
    [[1e308, 1.5e308, 1.7e308], 1, 1e308],
  ])("direction higher with y = %o throws the documented message naming row %i", (ys, row, y) => {
    const points = ys.map((v, i) => ({ x: 10 ** i, y: v }));
    const message = SATURATING_POWER_LAW_ERRORS.noFiniteStart(row, y);
    expect(() => fitSaturatingPowerLaw(points, { direction: "higher" })).toThrow(new InputError("no-fit", message));
    expect(message).toBe(
      `saturating-power-law fit found no start with finite residuals: row ${row} has y = ${y}, too close to the limits of floating point for the relative residual (ŷ − y)/y of direction "higher"; rescale y`,
    );
  });
});

describe("predictSaturatingPowerLaw / inverseSaturatingPowerLaw", () => {
  it.each([
    [{ E: 1.69, A: 406.4, alpha: 0.34 }, "lower" as const, 7e10],
    [{ E: 0.9, A: 2, alpha: 0.3 }, "higher" as const, 1e4],
  ])("inverse(%o, predict(params, x)) = x (%s)", (p, dir, x) => {
    expect(rel(inverseSaturatingPowerLaw(p, predictSaturatingPowerLaw(p, x, dir), dir), x)).toBeLessThan(1e-10);
  });
  it("returns Infinity for a target at or beyond the asymptote", () => {
    expect(inverseSaturatingPowerLaw({ E: 1.69, A: 406.4, alpha: 0.34 }, 1.69)).toBe(Infinity);
    expect(inverseSaturatingPowerLaw({ E: 0.9, A: 2, alpha: 0.3 }, 0.95, "higher")).toBe(Infinity);
  });
  it("throws when alpha is not positive", () => {
    expect(() => inverseSaturatingPowerLaw({ E: 1, A: 1, alpha: 0 }, 2)).toThrow(
      "saturating-power-law inverse needs alpha > 0 and A > 0, got alpha = 0, A = 1",
    );
  });
});

describe("fitSaturatingPowerLaw(points, { ceiling })", () => {
  // Accuracies from 0.31 to 0.93 on a law whose ceiling is 2: an unbounded fit puts the ceiling above 1.
  const points = sample({ E: 2, A: 1.9, alpha: 0.05 }, "higher", 1, 5, 9);

  it("keeps the ceiling E at or below the bound and above the largest y", () => {
    expect(fitSaturatingPowerLaw(points, { direction: "higher" }).params.E).toBeCloseTo(2, 3);
    const bounded = fitSaturatingPowerLaw(points, { direction: "higher", ceiling: 1 });
    expect(bounded.params.E).toBeLessThanOrEqual(1);
    expect(bounded.params.E).toBeGreaterThan(Math.max(...points.map((p) => p.y)));
    expect(bounded.gof.r2Log).toBeGreaterThan(0.95);
  });

  it("recovers a ceiling inside the bound unchanged", () => {
    const inside = sample({ E: 0.9, A: 2, alpha: 0.3 }, "higher", 2, 6, 12);
    const fit = fitSaturatingPowerLaw(inside, { direction: "higher", ceiling: 1 });
    expect(rel(fit.params.E, 0.9)).toBeLessThan(1e-5);
    expect(rel(fit.params.alpha, 0.3)).toBeLessThan(1e-4);
  });

  it("throws for a y above the ceiling", () => {
    const above = [...points.slice(0, 4), { x: 1e6, y: 1.5 }];
    expect(() => fitSaturatingPowerLaw(above, { direction: "higher", ceiling: 1 })).toThrow(
      new InputError("out-of-range", "saturating-power-law fit: row 5 has y = 1.5, above the ceiling 1 the metric can take"),
    );
    expect(SATURATING_POWER_LAW_ERRORS.aboveCeiling(5, 1.5, 1)).toBe("saturating-power-law fit: row 5 has y = 1.5, above the ceiling 1 the metric can take");
  });
});

describe("resolveSaturatingPowerLawOptions(options)", () => {
  it("fills every default", () => {
    expect(resolveSaturatingPowerLawOptions()).toEqual(SATURATING_POWER_LAW_DEFAULTS);
  });
  it.each([
    [{ direction: "up" as Direction }, 'saturating-power-law option direction must be "lower" or "higher", got up'],
    [{ alphaGrid: [0.1, -1] }, "saturating-power-law option alphaGrid must be a non-empty list of positive numbers, got [0.1, -1]"],
    [{ starts: [] }, "saturating-power-law option starts must not be empty"],
    [
      { starts: [{ E: 0, A: 1, alpha: 0.1 }] },
      "saturating-power-law start 1 needs positive finite E and A and a finite alpha, got E = 0, A = 1, alpha = 0.1",
    ],
    [{ huberDelta: 0 }, "saturating-power-law option huberDelta must be a positive number, got 0"],
    [{ direction: "higher" as Direction, ceiling: 0 }, "saturating-power-law option ceiling must be a positive number, got 0"],
    [{ ceiling: 1 }, 'saturating-power-law option ceiling applies to direction "higher" only'],
  ])("rejects %o", (options, message) => {
    expect(() => resolveSaturatingPowerLawOptions(options)).toThrow(message);
  });
});

interface PorianFit {
  config: string;
  basic: Record<string, number>;
}
const NUMERIC = ["flops", "n_star", "t_star", "multiplier_star", "loss_star", "n_star_std", "t_star_std", "multiplier_star_std", "loss_star_std"];
/** Porian's grid of initial values: α ∈ {0, .1, .2, .3}, e ∈ {−1, −.5, …, 1}, a ∈ {0, 5, …, 25}; A = eᵃ, E = eᵉ. */
const PORIAN_STARTS: SaturatingPowerLawParams[] = [0, 0.1, 0.2, 0.3].flatMap((alpha) =>
  [-1, -0.5, 0, 0.5, 1].flatMap((e) => [0, 5, 10, 15, 20, 25].map((a) => ({ A: Math.exp(a), E: Math.exp(e), alpha }))),
);
/**
 * The one config whose published loss law is not the least-squares optimum: scipy's TRF stopped early
 * (ftol = xtol = 1e-6, max_nfev = 100) and Porian's Huber rule picked that early stop. Our fully
 * converged fit has a lower sum of squares; it is checked against the published values at 2 %.
 */
const EARLY_STOP_CONFIG = "rw/tuned/long/const/kaplan/train";

describe.skipIf(!anchorsPresent)("fitSaturatingPowerLaw on Porian et al. 2024 loss laws (golden)", () => {
  const rows = anchorsPresent ? readAnchorCsv("porian2024_optimal_pairs.csv") : [];
  const fits: PorianFit[] = anchorsPresent ? (JSON.parse(readAnchor("porian2024_published_fits.json")) as PorianFit[]) : [];
  const pointsOf = (config: string): Point[] =>
    rows
      .filter((r) => r.config === config && NUMERIC.every((k) => (r[k] ?? "") !== ""))
      .map((r) => ({ x: Number(r.flops), y: Number(r.loss_star) }))
      .filter((p) => p.x > 1e16 && p.x < 5e17);

  it("reproduces basic A, E, alpha of 14 of the 15 configs to 1e-4 relative (Porian's grid, Huber δ = 1e-3 selection)", () => {
    let checked = 0;
    for (const fit of fits) {
      if (fit.config === EARLY_STOP_CONFIG) continue;
      const ours = fitSaturatingPowerLaw(pointsOf(fit.config), { starts: PORIAN_STARTS, huberDelta: 1e-3 });
      for (const k of ["A", "E", "alpha"] as const) {
        expect(rel(ours.params[k], fit.basic[k] as number), `${fit.config} ${k}`).toBeLessThan(1e-4);
      }
      checked++;
    }
    expect(checked).toBe(14);
  });

  it("finds the same laws from its own default grid of starts", () => {
    for (const fit of fits) {
      if (fit.config === EARLY_STOP_CONFIG) continue;
      const ours = fitSaturatingPowerLaw(pointsOf(fit.config));
      for (const k of ["A", "E", "alpha"] as const) {
        expect(rel(ours.params[k], fit.basic[k] as number), `${fit.config} ${k}`).toBeLessThan(1e-4);
      }
    }
  });

  it(`beats the early-stopped published law of ${EARLY_STOP_CONFIG} on least squares and lies within 2 % of it`, () => {
    const published = fits.find((f) => f.config === EARLY_STOP_CONFIG)?.basic as Record<string, number>;
    const points = pointsOf(EARLY_STOP_CONFIG);
    const ours = fitSaturatingPowerLaw(points, { starts: PORIAN_STARTS, huberDelta: 1e-3 });
    const p = { E: published.E as number, A: published.A as number, alpha: published.alpha as number };
    const publishedSse = points.reduce((s, q) => s + (Math.log(predictSaturatingPowerLaw(p, q.x)) - Math.log(q.y)) ** 2, 0);
    expect(ours.objective).toBeLessThan(publishedSse);
    for (const k of ["A", "E", "alpha"] as const) expect(rel(ours.params[k], p[k])).toBeLessThan(0.02);
  });
});
