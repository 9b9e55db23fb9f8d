/**
 * Broken neural scaling law (Caballero et al. 2022) with one or two breaks:
 *   y = a + b·x^(−c0)·Π_i (1 + (x/d_i)^(1/f_i))^(−c_i·f_i),  parameters a b c0 c1 d1 f1 (c2 d2 f2).
 * Each break i bends the log–log slope by c_i around x = d_i, f_i setting how sharp the bend is.
 *
 * Fit (the authors' procedure, made fast):
 * 1. Brute-force grid (scipy.optimize.brute without polish) minimising the MSLE,
 *    mean((log(ŷ + 1) − log(y + 1))²), over a ∈ {0, .1, …, .9}, b′ ∈ {0, 2.5, …, 37.5}, c0, c1 ∈ {0, .25,
 *    .5, .75}, d1′ ∈ {0, 2.5, …, 37.5}, f1 ∈ {0, .25, .5, .75}, with b = 1.25^b′ − 1 + 1e-8 and
 *    d1 = 1.25^d1′ − 1 + 1e-8 (10·16·4·4·16·4 = 163 840 evaluations). The loop is arranged so the
 *    break factor is computed once per (c0, c1, d1, f1) and only a + b·g is evaluated per (a, b), and a
 *    point's sum stops as soon as it exceeds the best so far: at most 2.3 M logarithms for 14 points,
 *    about 30 ms. Ties go to the first point in scipy's
 *    C order (a slowest, f1 fastest); a grid point whose value is NaN in floating point (JavaScript's
 *    1^∞ = NaN where numpy gives 1) is skipped.
 * 2. Levenberg–Marquardt on the residuals log(ŷ + 1) − log(y + 1) in the raw parameters, from the grid
 *    optimum (scipy's curve_fit with method "lm").
 * With two breaks, step 1 is the one-break grid refined by step 2, then a grid over (c2, d2′, f2) on the
 *    same values with the first break fixed (c2 = 0 reproduces the one-break law), then Levenberg–Marquardt
 *    on all nine parameters from each of the BNSL_SECOND_BREAK_STARTS best grid points, keeping the best. This staging is ours; the paper fits one break here.
 *
 * x is divided by `xScale` before the grid (default max(1, max x / 1000), so the grid of d, built for x in
 * the hundreds, spans the data); the reported b and d_i are converted back to the caller's x.
 *
 * Failure modes: throws (validate-points.ts messages) on too few points (3 + 3·breaks), non-finite or
 * non-positive x, a single distinct x, and y ≤ −1 (log(y + 1) undefined). The problem is very multimodal:
 * the answer is the local optimum nearest the grid's best point, not necessarily the global one.
 */
import { InputError } from "./input-error";
import type { FitResult, Point } from "./types";
import { definedOnly } from "./defined-only";
import { goodnessOfFit } from "./goodness-of-fit";
import { levenbergMarquardt, type LevenbergMarquardtOptions } from "./levenberg-marquardt";
import { neumaierSum } from "./neumaier-sum";
import { validatePoints } from "./validate-points";

export type BnslParam = "a" | "b" | "c0" | "c1" | "d1" | "f1" | "c2" | "d2" | "f2";
/** a, b, c0, c1, d1, f1, and c2, d2, f2 for the second break. */
export type BnslParams = Partial<Record<BnslParam, number>> & Record<"a" | "b" | "c0" | "c1" | "d1" | "f1", number>;

/** The brute-force grid; b and d are given as exponents b′, d′ with b = base^b′ − 1 + 1e-8. */
export interface BnslGrid {
  a: readonly number[];
  bExponent: readonly number[];
  c: readonly number[];
  dExponent: readonly number[];
  f: readonly number[];
  /** Base of the b and d reparametrisation. */
  base: number;
}

export interface BnslOptions {
  /** Number of breaks, 1 or 2. */
  breaks: 1 | 2;
  /** The brute-force grid (Caballero's by default). */
  grid: BnslGrid;
  /** x is divided by this before the grid; `undefined` picks max(1, max x / 1000). */
  xScale: number | undefined;
  /** Options of the Levenberg–Marquardt refinement. */
  solver: Partial<LevenbergMarquardtOptions>;
}

const range = (start: number, stop: number, step: number): number[] =>
  Array.from({ length: Math.ceil((stop - start) / step - 1e-9) }, (_, i) => start + i * step);

/** Caballero et al.'s grid (their `p_grid`), as numpy builds it from the slices. */
export const BNSL_CABALLERO_GRID: Readonly<BnslGrid> = Object.freeze({
  a: Object.freeze(range(0, 1, 0.1)),
  bExponent: Object.freeze(range(0, 40, 2.5)),
  c: Object.freeze([0, 0.25, 0.5, 0.75]),
  dExponent: Object.freeze(range(0, 40, 2.5)),
  f: Object.freeze([0, 0.25, 0.5, 0.75]),
  base: 1.25,
});

/** The defaults of every option, in one place. */
export const BNSL_DEFAULTS: Readonly<BnslOptions> = Object.freeze({
  breaks: 1,
  grid: BNSL_CABALLERO_GRID,
  xScale: undefined,
  solver: Object.freeze({}),
});

export type BnslFit = FitResult<BnslParam> & {
  breaks: 1 | 2;
  /** The grid's best point (in the caller's x units) and its MSLE, before refinement. */
  gridBest: BnslParams;
  gridMsle: number;
};

/** Fewest points: one per parameter (6 with one break, 9 with two). */
export const bnslMinPoints = (breaks: 1 | 2): number => 3 + 3 * breaks;

/** Fills in defaults and checks every option; throws an exact message for a bad value. */
export function resolveBnslOptions(options: Partial<BnslOptions> = {}): BnslOptions {
  const o: BnslOptions = { ...BNSL_DEFAULTS, ...definedOnly(options) };
  if (o.breaks !== 1 && o.breaks !== 2) throw new Error(`bnsl option breaks must be 1 or 2, got ${String(o.breaks)}`);
  const g = o.grid;
  for (const key of ["a", "bExponent", "c", "dExponent", "f"] as const) {
    if (g[key].length === 0 || !g[key].every(Number.isFinite)) {
      throw new Error(`bnsl grid ${key} must be a non-empty list of finite numbers`);
    }
  }
  if (!(g.base > 1 && Number.isFinite(g.base))) throw new Error(`bnsl grid base must be a number above 1, got ${g.base}`);
  if (o.xScale !== undefined && !(o.xScale > 0 && Number.isFinite(o.xScale))) {
    throw new Error(`bnsl option xScale must be a positive number, got ${o.xScale}`);
  }
  return o;
}

/** The break factor (1 + (x/d)^(1/f))^(−c·f), computed as numpy does for f = 0 (exponent −0 → 1). */
function breakFactor(x: number, c: number, d: number, f: number): number {
  return Math.pow(1 + Math.pow(x / d, 1 / f), -c * f);
}

/** ŷ for one or two breaks (the second when `c2` is present). O(1), no checks. */
export function predictBnsl(params: BnslParams, x: number): number {
  let g = params.b * Math.pow(x, -params.c0) * breakFactor(x, params.c1, params.d1, params.f1);
  if (params.c2 !== undefined) g *= breakFactor(x, params.c2, params.d2 ?? Number.NaN, params.f2 ?? Number.NaN);
  return params.a + g;
}

/**
 * The x at which the law reaches y, by bisection in ln x on the first crossing found scanning
 * x = 1e-20 … 1e40 upwards (the law is monotone when every c ≥ 0 and b > 0). Returns Infinity when no x in
 * that range reaches y (e.g. a target at or below the floor a of a decreasing law). O(400) evaluations.
 */
export function inverseBnsl(params: BnslParams, y: number): number {
  const f = (lnx: number): number => predictBnsl(params, Math.exp(lnx)) - y;
  const lo = Math.log(1e-20);
  const hi = Math.log(1e40);
  const steps = 300;
  let x0 = lo;
  let f0 = f(x0);
  for (let k = 1; k <= steps; k++) {
    const x1 = lo + ((hi - lo) * k) / steps;
    const f1 = f(x1);
    if (f0 === 0) return Math.exp(x0);
    if (Number.isFinite(f0) && Number.isFinite(f1) && Math.sign(f0) !== Math.sign(f1)) {
      let a = x0;
      let b = x1;
      let fa = f0;
      for (let i = 0; i < 100; i++) {
        const m = 0.5 * (a + b);
        const fm = f(m);
        if (fm === 0) return Math.exp(m);
        if (Math.sign(fm) === Math.sign(fa)) {
          a = m;
          fa = fm;
        } else b = m;
      }
      return Math.exp(0.5 * (a + b));
    }
    x0 = x1;
    f0 = f1;
  }
  return Infinity;
}

interface GridBest {
  params: number[];
  msle: number;
}

/**
 * One-break brute force in scipy's C order (a, b′, c0, c1, d′, f1), vectorised over the points:
 * the product x^(−c0)·breakFactor is built once per (c0, c1, d′, f1).
 */
function bruteOneBreak(x: readonly number[], ly1: Float64Array, grid: BnslGrid): GridBest {
  const n = x.length;
  const bs = grid.bExponent.map((e) => Math.pow(grid.base, e) - 1 + 1e-8);
  const ds = grid.dExponent.map((e) => Math.pow(grid.base, e) - 1 + 1e-8);
  const [na, nb, nc, nd, nf] = [grid.a.length, bs.length, grid.c.length, ds.length, grid.f.length];
  const powers = grid.c.map((c0) => Float64Array.from(x, (xi) => Math.pow(xi, -c0)));
  const g = new Float64Array(n);
  let bestValue = Infinity;
  let bestIndex = Infinity;
  let best: number[] = [];
  for (let ic0 = 0; ic0 < nc; ic0++) {
    const pw = powers[ic0] as Float64Array;
    for (let ic1 = 0; ic1 < nc; ic1++) {
      const c1 = grid.c[ic1] as number;
      for (let id = 0; id < nd; id++) {
        const d1 = ds[id] as number;
        for (let jf = 0; jf < nf; jf++) {
          const f1 = grid.f[jf] as number;
          for (let i = 0; i < n; i++) g[i] = (pw[i] as number) * breakFactor(x[i] as number, c1, d1, f1);
          for (let ia = 0; ia < na; ia++) {
            const a1 = (grid.a[ia] as number) + 1;
            for (let ib = 0; ib < nb; ib++) {
              const b = bs[ib] as number;
              // Partial sums only grow: stop as soon as this point cannot beat the best (branch and bound).
              const limit = bestValue * n * (1 + 1e-12);
              let s = 0;
              for (let i = 0; i < n && s <= limit; i++) {
                const r = Math.log(a1 + b * (g[i] as number)) - (ly1[i] as number);
                s += r * r;
              }
              const value = s / n;
              if (!(value <= bestValue)) continue; // NaN never wins
              const index = ((((ia * nb + ib) * nc + ic0) * nc + ic1) * nd + id) * nf + jf;
              if (value < bestValue || index < bestIndex) {
                bestValue = value;
                bestIndex = index;
                best = [a1 - 1, b, grid.c[ic0] as number, c1, d1, f1];
              }
            }
          }
        }
      }
    }
  }
  return { params: best, msle: bestValue };
}

/**
 * Second-break brute force over (c2, d2′, f2) with the first six parameters fixed; returns the `keep`
 * best grid points (lowest MSLE first).
 */
function bruteSecondBreak(
  x: readonly number[],
  ly1: Float64Array,
  first: readonly number[],
  grid: BnslGrid,
  keep: number,
): GridBest[] {
  const n = x.length;
  const ds = grid.dExponent.map((e) => Math.pow(grid.base, e) - 1 + 1e-8);
  const [a, b, c0, c1, d1, f1] = first as [number, number, number, number, number, number];
  const base = Float64Array.from(x, (xi) => b * Math.pow(xi, -c0) * breakFactor(xi, c1, d1, f1));
  const all: GridBest[] = [];
  for (const c2 of grid.c) {
    for (const d2 of ds) {
      for (const f2 of grid.f) {
        let s = 0;
        for (let i = 0; i < n; i++) {
          const r = Math.log(a + 1 + (base[i] as number) * breakFactor(x[i] as number, c2, d2, f2)) - (ly1[i] as number);
          s += r * r;
        }
        if (Number.isFinite(s)) all.push({ params: [...first, c2, d2, f2], msle: s / n });
      }
    }
  }
  return all.sort((p, q) => p.msle - q.msle).slice(0, keep);
}

/** How many of the best second-break grid points are refined (two breaks only). */
export const BNSL_SECOND_BREAK_STARTS = 20;

const NAMES_1 = ["a", "b", "c0", "c1", "d1", "f1"] as const;
const NAMES_2 = [...NAMES_1, "c2", "d2", "f2"] as const;

/** Parameters in the caller's x units from those fitted on x/s: b·s^c0 and d_i·s. */
function toParams(q: readonly number[], s: number): BnslParams {
  const names = q.length === 9 ? NAMES_2 : NAMES_1;
  const p = Object.fromEntries(names.map((k, i) => [k, q[i] as number])) as BnslParams;
  p.b *= Math.pow(s, p.c0);
  p.d1 *= s;
  if (p.d2 !== undefined) p.d2 *= s;
  return p;
}

/** Fits the broken power law by Caballero's procedure; see the file comment. */
export function fitBnsl(points: readonly Point[], options: Partial<BnslOptions> = {}): BnslFit {
  const opts = resolveBnslOptions(options);
  validatePoints("bnsl", points, { minPoints: bnslMinPoints(opts.breaks), positiveX: true, positiveY: false });
  points.forEach((p, i) => {
    if (!(p.y > -1)) throw new InputError("out-of-range", `bnsl needs y > -1 to fit log(y + 1): row ${i + 1} has y = ${p.y}`);
  });
  const s = opts.xScale ?? Math.max(1, Math.max(...points.map((p) => p.x)) / 1000);
  const x = points.map((p) => p.x / s);
  const y = points.map((p) => p.y);
  const ly1 = Float64Array.from(y, (v) => Math.log1p(v));

  const model = (q: readonly number[], xi: number): number => {
    let g = (q[1] as number) * Math.pow(xi, -(q[2] as number)) * breakFactor(xi, q[3] as number, q[4] as number, q[5] as number);
    if (q.length === 9) g *= breakFactor(xi, q[6] as number, q[7] as number, q[8] as number);
    return (q[0] as number) + g;
  };
  const residuals = (q: readonly number[]): number[] => x.map((xi, i) => Math.log(model(q, xi) + 1) - (ly1[i] as number));

  const grid = bruteOneBreak(x, ly1, opts.grid);
  let gridBest = grid;
  let run = levenbergMarquardt({ residuals, initial: grid.params }, opts.solver);
  let iterations = run.iterations;
  if (opts.breaks === 2) {
    // Refine the best few second-break grid points; keep the lowest sum of squares.
    let bestCost = Infinity;
    for (const candidate of bruteSecondBreak(x, ly1, run.params, opts.grid, BNSL_SECOND_BREAK_STARTS)) {
      const r2 = levenbergMarquardt({ residuals, initial: candidate.params }, opts.solver);
      iterations += r2.iterations;
      if (r2.residualNorm < bestCost) {
        bestCost = r2.residualNorm;
        run = r2;
        gridBest = candidate;
      }
    }
  }
  const params = toParams(run.params, s);
  const yhat = points.map((p) => predictBnsl(params, p.x));
  const objective = neumaierSum(residuals(run.params).map((r) => r * r));
  return {
    model: "bnsl",
    breaks: opts.breaks,
    params: params as Record<BnslParam, number>,
    gridBest: toParams(gridBest.params, s),
    gridMsle: gridBest.msle,
    objective,
    n: points.length,
    converged: run.converged,
    iterations,
    message: `grid MSLE ${gridBest.msle.toPrecision(6)}, then least squares of log(ŷ + 1): ${run.message}`,
    gof: goodnessOfFit(y, yhat),
  };
}
