import { describe, expect, it } from "vitest";
import { anchorsPresent, readAnchorCsv } from "../test/anchors";
import { BNSL_CABALLERO_GRID, BNSL_DEFAULTS, fitBnsl, inverseBnsl, predictBnsl, resolveBnslOptions, type BnslParams } from "./bnsl";
import { createRandom } from "./random";
import type { Point } from "./types";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

function sample(p: BnslParams, lo: number, hi: number, n: number, sigma = 0, seed = 1): Point[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const x = Math.pow(10, lo + ((hi - lo) * i) / (n - 1));
    return { x, y: predictBnsl(p, x) * Math.exp(sigma * rng.normal()) };
  });
}

describe("fitBnsl(points) recovers the broken power law", () => {
  const table = [
    { name: "one break, a=0.3 b=5 c0=0.2 c1=0.8 d1=300 f1=0.3, clean", p: { a: 0.3, b: 5, c0: 0.2, c1: 0.8, d1: 300, f1: 0.3 }, lo: 1.5, hi: 3.5, sigma: 0, breaks: 1 as const, tol: 1e-8 },
    { name: "one break, a=0.05 b=2 c0=0.1 c1=1.5 d1=1000 f1=0.5, clean", p: { a: 0.05, b: 2, c0: 0.1, c1: 1.5, d1: 1000, f1: 0.5 }, lo: 2, hi: 4, sigma: 0, breaks: 1 as const, tol: 1e-8 },
    // 0.3 % multiplicative noise on 24 points: the break parameters are loosely determined.
    { name: "one break, a=0.3 b=5 c0=0.2 c1=0.8 d1=300 f1=0.3, 0.3 % noise", p: { a: 0.3, b: 5, c0: 0.2, c1: 0.8, d1: 300, f1: 0.3 }, lo: 1.5, hi: 3.5, sigma: 0.003, breaks: 1 as const, tol: 0.1 },
    { name: "two breaks at 100 and 5000, clean", p: { a: 0.1, b: 2, c0: 0.1, c1: 0.5, d1: 100, f1: 0.3, c2: 0.8, d2: 5000, f2: 0.3 }, lo: 1, hi: 5, sigma: 0, breaks: 2 as const, tol: 1e-8 },
  ];
  for (const row of table) {
    it(`recovers ${row.name}`, () => {
      const fit = fitBnsl(sample(row.p, row.lo, row.hi, 24, row.sigma, 3), { breaks: row.breaks });
      expect(fit.breaks).toBe(row.breaks);
      expect(fit.converged).toBe(true);
      for (const [k, v] of Object.entries(row.p)) expect(rel(fit.params[k as keyof BnslParams] as number, v), k).toBeLessThan(row.tol);
    });
  }

  it("two breaks fit a two-break law far better than one break", () => {
    const pts = sample({ a: 0.1, b: 2, c0: 0.1, c1: 0.5, d1: 100, f1: 0.3, c2: 0.8, d2: 5000, f2: 0.3 }, 1, 5, 24);
    expect(fitBnsl(pts).gof.rmseLog).toBeGreaterThan(0.01);
    expect(fitBnsl(pts, { breaks: 2 }).gof.rmseLog).toBeLessThan(1e-10);
  });

  it("needs y > −1 for log(y + 1)", () => {
    const pts = sample({ a: 0.3, b: 5, c0: 0.2, c1: 0.8, d1: 300, f1: 0.3 }, 1.5, 3.5, 8);
    pts[2] = { x: pts[2]?.x ?? 1, y: -1 };
    expect(() => fitBnsl(pts)).toThrow("bnsl needs y > -1 to fit log(y + 1): row 3 has y = -1");
  });
});

describe("predictBnsl / inverseBnsl", () => {
  const p = { a: 0.413885, b: 2.277272, c0: 0.0550773, c1: 5.662904, d1: 612.5836, f1: 0.059193 };
  it.each([200, 600, 900, 5000])("inverseBnsl(params, predictBnsl(params, %d)) recovers x", (x) => {
    expect(rel(inverseBnsl(p, predictBnsl(p, x)), x)).toBeLessThan(1e-9);
  });
  it("returns Infinity for a target below the floor a", () => {
    expect(inverseBnsl(p, 0.4)).toBe(Infinity);
  });
  it("reduces to a + b·x^(−c0) when c1 = 0", () => {
    expect(predictBnsl({ a: 1, b: 2, c0: 0.5, c1: 0, d1: 10, f1: 0.3 }, 4)).toBeCloseTo(2, 14);
  });
});

describe("resolveBnslOptions(options)", () => {
  it("fills every default; Caballero's grid has 10·16·4·4·16·4 points", () => {
    expect(resolveBnslOptions()).toEqual(BNSL_DEFAULTS);
    const g = BNSL_CABALLERO_GRID;
    expect(g.a.length * g.bExponent.length * g.c.length ** 2 * g.dExponent.length * g.f.length).toBe(163840);
    expect(g.a[9]).toBeCloseTo(0.9, 12);
    expect(g.bExponent[15]).toBe(37.5);
  });
  it.each([
    [{ breaks: 3 as 1 }, "bnsl option breaks must be 1 or 2, got 3"],
    [{ grid: { ...BNSL_CABALLERO_GRID, c: [] } }, "bnsl grid c must be a non-empty list of finite numbers"],
    [{ grid: { ...BNSL_CABALLERO_GRID, base: 1 } }, "bnsl grid base must be a number above 1, got 1"],
    [{ xScale: 0 }, "bnsl option xScale must be a positive number, got 0"],
  ])("rejects %o", (options, message) => {
    expect(() => resolveBnslOptions(options)).toThrow(message);
  });
});

describe.skipIf(!anchorsPresent)("fitBnsl on Caballero et al. 2022 4-digit addition (golden)", () => {
  const rows = anchorsPresent ? readAnchorCsv("bnsl_4digit_addition.csv") : [];
  const toPoint = (r: Record<string, string>): Point => ({ x: Number(r.train_set_size), y: Number(r.test_cross_entropy) });
  const fitRows = rows.filter((r) => r.split === "fit").map(toPoint);
  const extrapolateRows = rows.filter((r) => r.split === "extrapolate").map(toPoint);
  const rmsle = (p: BnslParams, pts: Point[]): number =>
    Math.sqrt(pts.reduce((s, q) => s + (Math.log(predictBnsl(p, q.x)) - Math.log(q.y)) ** 2, 0) / pts.length);

  it("has 14 fit rows and 3 extrapolation rows", () => {
    expect(fitRows).toHaveLength(14);
    expect(extrapolateRows).toHaveLength(3);
  });

  it("starts from the same grid point as the authors' brute force: a=0.1, b′=5, c0=0, c1=0.75, d1′=27.5, f1=0.25", () => {
    const fit = fitBnsl(fitRows);
    expect(fit.gridBest.a).toBeCloseTo(0.1, 12);
    expect(fit.gridBest.b).toBeCloseTo(Math.pow(1.25, 5) - 1 + 1e-8, 12);
    expect(fit.gridBest).toMatchObject({ c0: 0, c1: 0.75, f1: 0.25 });
    expect(fit.gridBest.d1).toBeCloseTo(Math.pow(1.25, 27.5) - 1 + 1e-8, 9);
  });

  it("reproduces a=0.413885, b=2.277272, c0=0.0550773, c1=5.662904, d1=612.5836, f1=0.0591930 to 1e-4 relative", () => {
    const fit = fitBnsl(fitRows);
    const published = { a: 0.413885, b: 2.277272, c0: 0.0550773, c1: 5.662904, d1: 612.5836, f1: 0.059193 };
    for (const [k, v] of Object.entries(published)) expect(rel(fit.params[k as keyof BnslParams] as number, v), k).toBeLessThan(1e-4);
    expect(fit.converged).toBe(true);
  });

  it("has RMSLE 0.000598 on the fit rows and 0.0109 on the extrapolated rows", () => {
    const fit = fitBnsl(fitRows);
    expect(fit.gof.rmseLog).toBeCloseTo(0.000598, 6);
    expect(rmsle(fit.params, fitRows)).toBeCloseTo(0.000598, 6);
    expect(rmsle(fit.params, extrapolateRows)).toBeCloseTo(0.0109, 4);
  });

  it("lands in the documented poor local minimum (RMSLE ≈ 0.19) when fitted on all 17 rows", () => {
    const fit = fitBnsl([...fitRows, ...extrapolateRows]);
    expect(fit.gof.rmseLog).toBeGreaterThan(0.18);
    expect(fit.gof.rmseLog).toBeLessThan(0.2);
  });

  it("runs the 163 840-point grid and the refinement in well under a second", () => {
    fitBnsl(fitRows);
    const start = performance.now();
    fitBnsl(fitRows);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
