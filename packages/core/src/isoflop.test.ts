import { describe, expect, it } from "vitest";
import { anchorsPresent, readAnchorCsv } from "../test/anchors";
import { BUDGET_SNAP_TOLERANCE, ISOFLOP_ERRORS, fitIsoFlop, inverseIsoFlop, predictIsoFlop, snapBudgets } from "./isoflop";
import { createRandom } from "./random";
import type { IsoFlopPoint } from "./types";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
const budgets = [1e18, 3e18, 1e19, 3e19, 1e20, 3e20];

/** Exact parabolas in ln x with vertex at K·c^a: y = y0(c) + k·(ln x − ln xOpt)², x spread ±1.5 around it. */
function parabolic(K: number, a: number, k: number, sigma = 0, seed = 1): IsoFlopPoint[] {
  const rng = createRandom(seed);
  return budgets.flatMap((c, j) => {
    const opt = K * Math.pow(c, a);
    return [-1.5, -1, -0.5, 0.2, 0.6, 1.1, 1.5].map((du) => ({
      c,
      x: opt * Math.exp(du),
      y: 3 - 0.1 * j + k * du * du + sigma * rng.normal(),
    }));
  });
}

/** Chinchilla law L = E + A/N^α + B/D^β along each budget, D = C/(6N). */
function chinchilla(c: number, n: number): number {
  const d = c / (6 * n);
  return 1.69 + 406.4 / Math.pow(n, 0.34) + 410.7 / Math.pow(d, 0.28);
}

describe("fitIsoFlop(points) recovers the optimum law", () => {
  it("recovers K and a exactly from exact parabolas (Llama 3's D* = 0.29·C^0.53)", () => {
    const fit = fitIsoFlop(parabolic(0.29, 0.53, 0.05));
    expect(rel(fit.params.a, 0.53)).toBeLessThan(1e-10);
    expect(rel(fit.params.K, 0.29)).toBeLessThan(1e-8);
    expect(fit.optima).toHaveLength(6);
    expect(fit.flagged).toHaveLength(0);
    expect(fit.optima[0]?.curvature).toBeCloseTo(0.1, 10);
    expect(fit.optima[2]?.yOpt).toBeCloseTo(2.8, 10);
    expect(fit.optima.every((o) => o.inRange)).toBe(true);
  });

  it("recovers a within 0.01 from parabolas with seeded noise (σ = 0.002 in loss)", () => {
    const fit = fitIsoFlop(parabolic(0.29, 0.53, 0.05, 0.002, 9));
    expect(Math.abs(fit.params.a - 0.53)).toBeLessThan(0.01);
    expect(rel(fit.params.K, 0.29)).toBeLessThan(0.3);
  });

  it("recovers Chinchilla's N_opt exponent β/(α+β) = 0.4516 from isoFLOP profiles of L(N, D)", () => {
    // Closed form (PRODUCT.md): N_opt = G·(C/6)^(β/(α+β)), G = (αA/(βB))^(1/(α+β)).
    const G = Math.pow((0.34 * 406.4) / (0.28 * 410.7), 1 / 0.62);
    const points = budgets.flatMap((c) => {
      const nOpt = G * Math.pow(c / 6, 0.28 / 0.62);
      return [-0.6, -0.3, 0, 0.3, 0.6].map((du) => ({ c, x: nOpt * Math.exp(du), y: chinchilla(c, nOpt * Math.exp(du)) }));
    });
    const fit = fitIsoFlop(points);
    // The loss is not exactly a parabola in ln N; on a ±0.6 span the vertex is off by < 1 %.
    expect(Math.abs(fit.params.a - 0.28 / 0.62)).toBeLessThan(1e-3);
    for (const o of fit.optima) expect(rel(o.xOpt, G * Math.pow(o.c / 6, 0.28 / 0.62))).toBeLessThan(0.01);
  });

  it("flags a budget whose parabola opens downward and leaves it out", () => {
    const points = parabolic(0.29, 0.53, 0.05).filter((p) => p.c !== 1e20);
    for (const du of [-1, 0, 1]) points.push({ c: 1e20, x: 1e11 * Math.exp(du), y: 2 - 0.05 * du * du });
    const fit = fitIsoFlop(points);
    expect(fit.flagged.map((o) => o.c)).toEqual([1e20]);
    expect(fit.optima).toHaveLength(5);
    expect(rel(fit.params.a, 0.53)).toBeLessThan(1e-10);
    expect(fit.message).toBe(
      "power law of 5 budget optima; budget C = 100000000000000000000: the parabola opens downward (curvature -0.1000), so it has no minimum; left out",
    );
  });

  it("says when a vertex lies outside the sampled range", () => {
    const points = parabolic(0.29, 0.53, 0.05).filter((p) => p.c !== 1e18 || p.x > 0.29 * Math.pow(1e18, 0.53));
    const fit = fitIsoFlop(points);
    expect(fit.optima[0]?.inRange).toBe(false);
    expect(fit.message).toBe("power law of 6 budget optima; budget C = 1000000000000000000: the vertex lies outside the sampled x range");
  });
});

describe("fitIsoFlop(points) errors", () => {
  const good = parabolic(0.29, 0.53, 0.05);
  it("needs 3 distinct x per budget", () => {
    const points = [...good, { c: 5e21, x: 1e11, y: 2 }, { c: 5e21, x: 2e11, y: 1.9 }];
    expect(() => fitIsoFlop(points)).toThrow(ISOFLOP_ERRORS.fewDistinct(5e21, 2));
    expect(ISOFLOP_ERRORS.fewDistinct(5e21, 2)).toBe("isoflop budget C = 5e+21 needs at least 3 distinct x for a parabola, got 2");
  });
  it("flags a budget whose parabola is flat within rounding", () => {
    const flat = [1, 10, 100].map((x, i) => ({ c: 5e21, x, y: i === 1 ? 1 - 2 ** -52 : 1 }));
    const fit = fitIsoFlop([...good, ...flat]);
    expect(fit.flagged.map((o) => o.c)).toEqual([5e21]);
    expect(fit.message).toContain(ISOFLOP_ERRORS.flat(5e21));
    expect(Number.isFinite(fit.params.K) && Number.isFinite(fit.params.a)).toBe(true);
  });
  it("counts x values within 1 ppm of each other as one scale", () => {
    const points = [...good, { c: 5e21, x: 1, y: 2 }, { c: 5e21, x: 1.0000000000000002, y: 1.9 }, { c: 5e21, x: 1 + 1e-8, y: 1.8 }];
    expect(() => fitIsoFlop(points)).toThrow(ISOFLOP_ERRORS.fewDistinct(5e21, 1));
  });
  it("needs 2 budgets with a minimum", () => {
    const points = good.filter((p) => p.c === 1e18);
    for (const du of [-1, 0, 1]) points.push({ c: 1e20, x: 1e11 * Math.exp(du), y: 2 - 0.05 * du * du });
    expect(() => fitIsoFlop(points)).toThrow(
      "isoflop fit needs at least 2 budgets whose parabola has a minimum, got 1 (1 budget has none)",
    );
  });
  it("needs at least 6 points", () => {
    expect(() => fitIsoFlop(good.slice(0, 5))).toThrow("isoflop fit needs at least 6 points, got 5");
  });
  it("needs positive c and x on a log axis", () => {
    const bad = good.map((p, i) => (i === 3 ? { ...p, x: 0 } : p));
    expect(() => fitIsoFlop(bad)).toThrow("isoflop needs positive x on a log axis: row 4 has x = 0");
    const badC = good.map((p, i) => (i === 0 ? { ...p, c: -1 } : p));
    expect(() => fitIsoFlop(badC)).toThrow("isoflop needs positive c on a log axis: row 1 has c = -1");
  });
  it("needs finite numbers", () => {
    const bad = good.map((p, i) => (i === 7 ? { ...p, y: Number.NaN } : p));
    expect(() => fitIsoFlop(bad)).toThrow("isoflop fit needs finite numbers: row 8 has y = NaN");
  });
});

describe("predictIsoFlop / inverseIsoFlop", () => {
  it("round-trips the published Llama 3 law", () => {
    const p = { K: 0.29, a: 0.53 };
    expect(rel(inverseIsoFlop(p, predictIsoFlop(p, 3.8e25)), 3.8e25)).toBeLessThan(1e-12);
  });
});

describe.skipIf(!anchorsPresent)("fitIsoFlop on the Llama 3 isoFLOP points (golden)", () => {
  const rows = anchorsPresent ? readAnchorCsv("llama3_isoflops_digitized.csv") : [];
  const points = rows.map((r) => ({ c: Number(r.compute_budget), x: Number(r.training_tokens), y: Number(r.validation_loss) }));

  it("reproduces D* = A·C^α with α = 0.5368 ± 0.01 and A = 0.2994 ± 10 %, near the published 0.29·C^0.53", () => {
    expect(points).toHaveLength(133);
    const fit = fitIsoFlop(points);
    expect(fit.optima).toHaveLength(10);
    expect(fit.flagged).toHaveLength(0);
    expect(Math.abs(fit.params.a - 0.5368)).toBeLessThan(0.01);
    expect(rel(fit.params.K, 0.2994)).toBeLessThan(0.1);
    // Near the published (rounded) law. Its D* are not compared directly: rounding α by 0.007 moves D* at
    // 1e22 FLOPs by e^(0.007·ln 1e22) ≈ 40 %, which is why A and α only make sense together.
    expect(Math.abs(fit.params.a - 0.53)).toBeLessThan(0.01);
    expect(rel(fit.params.K, 0.29)).toBeLessThan(0.1);
  });
});

describe("snapBudgets", () => {
  it("groups derived budgets M·D within the tolerance into one budget, their geometric mean, and keeps others apart", () => {
    const rows = [{ c: 1.02e18, y: 1 }, { c: 0.99e18, y: 2 }, { c: 2e18, y: 3 }, { y: 4 }, { c: 1.0e18, y: 5 }, { c: 2.04e18, y: 6 }];
    const snapped = snapBudgets(rows);
    const low = Math.cbrt(1.02e18 * 0.99e18 * 1.0e18);
    const high = Math.sqrt(2e18 * 2.04e18);
    const expected = [low, low, high, undefined, low, high];
    snapped.forEach((r, i) => (expected[i] === undefined ? expect(r.c).toBeUndefined() : expect(r.c! / expected[i]!).toBeCloseTo(1, 12)));
    expect(snapped[0]!.c).toBe(snapped[4]!.c);
    expect(snapped[2]!.c).toBe(snapped[5]!.c);
    expect(snapped.map((r) => r.y)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0]!.c).toBe(1.02e18);
  });

  it("starts a new budget beyond the tolerance of a group's smallest", () => {
    const c = [1e18, 1e18 * (1 + BUDGET_SNAP_TOLERANCE) * 1.001];
    expect(new Set(snapBudgets(c.map((v) => ({ c: v }))).map((r) => r.c)).size).toBe(2);
  });
});
