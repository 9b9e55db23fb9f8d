/**
 * A fitted model seen as a curve of one scale s, so that forecast, compare and recommend can treat every
 * model alike:
 * - single-axis models ("x"): s = x;
 * - joint models ("n+d"): s = compute C = 6·N·D, evaluated on the compute-optimal allocation (the N that
 *   minimises the predicted loss with D = C/(6N), found by golden-section search over ln N); the
 *   data-constrained law holds the unique tokens U at the largest observed value (capped at D: a run
 *   never sees more unique tokens than it trains on);
 * - isoflop ("c+x") predicts an optimum, not a score, so it has no score curve.
 */
import { goldenSectionMinimum } from "./minimize-scalar";
import { getModel, type ModelSpec, type Observation } from "./models";
import type { Direction, FitResult, ModelName } from "./types";

export interface FittedModel {
  model: ModelName;
  params: Record<string, number>;
  /** Bootstrap parameter draws (for intervals and probabilities); empty when none were computed. */
  draws: readonly Record<string, number>[];
  /** Bootstrap refits that failed (not among the draws); too many make the draws' intervals unreliable. */
  failedDraws?: number;
  /** Largest observed scale (x, or compute 6·N·D for joint models). */
  frontier: number;
  /** Smallest observed scale. */
  smallest: number;
  /** Unique tokens held fixed for the data-constrained law (largest observed U, or D when U is absent). */
  uniqueTokens?: number;
  direction: Direction;
}

export const SCALE_CURVE_ERRORS = {
  noScoreCurve: (model: string) =>
    `${model} predicts the compute-optimal scale, not a score: it cannot be forecast or compared as a curve`,
  noRows: () => "a fitted model needs the rows it was fitted to, got none",
} as const;

/** The scalar scale of a row: x, or 6·N·D for joint models, or c for isoflop. */
export function scaleOf(spec: ModelSpec, row: Observation): number {
  if (spec.axes === "x") return row.x ?? Number.NaN;
  if (spec.axes === "c+x") return row.c ?? Number.NaN;
  return 6 * (row.n ?? Number.NaN) * (row.d ?? Number.NaN);
}

/** Bundles a fit with what curve evaluation needs from its data. */
export function fittedModel(
  fit: Pick<FitResult, "model" | "params">,
  rows: readonly Observation[],
  options: { draws?: readonly Record<string, number>[]; failedDraws?: number; direction?: Direction } = {},
): FittedModel {
  const spec = getModel(fit.model);
  if (spec.predicts !== "y") throw new Error(SCALE_CURVE_ERRORS.noScoreCurve(spec.name));
  if (rows.length === 0) throw new Error(SCALE_CURVE_ERRORS.noRows());
  const scales = rows.map((r) => scaleOf(spec, r));
  const out: FittedModel = {
    model: spec.name,
    params: { ...fit.params },
    draws: options.draws ?? [],
    frontier: Math.max(...scales),
    smallest: Math.min(...scales),
    direction: options.direction ?? "lower",
  };
  if (options.failedDraws) out.failedDraws = options.failedDraws;
  if (spec.name === "data-constrained") out.uniqueTokens = Math.max(...rows.map((r) => r.u ?? r.d ?? 0));
  return out;
}

/**
 * The compute-optimal split of compute C for a joint model: N minimising predict(N, C/(6N)) with N and D
 * both at least 1. Assumes the loss is unimodal in ln N on the iso-FLOP line (true for the Chinchilla form).
 */
export function optimalAllocation(
  spec: ModelSpec,
  params: Record<string, number>,
  compute: number,
  uniqueTokens?: number,
): { n: number; d: number; value: number } {
  const f = (lnN: number) => {
    const n = Math.exp(lnN);
    const d = compute / (6 * n);
    // A run cannot see more unique tokens than it trains on: U is capped at D.
    const v = spec.predict(params, uniqueTokens === undefined ? { n, d } : { n, d, u: Math.min(uniqueTokens, d) });
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  const lnN = goldenSectionMinimum(f, 0, Math.max(Math.log(compute / 6), 1e-9));
  const n = Math.exp(lnN);
  return { n, d: compute / (6 * n), value: f(lnN) };
}

/** The model's predicted score at scale s, for the fitted parameters or for one bootstrap draw. */
export function valueAt(f: FittedModel, s: number, params: Record<string, number> = f.params): number {
  const spec = getModel(f.model);
  if (spec.axes === "x") return spec.predict(params, { x: s }, f.direction);
  return optimalAllocation(spec, params, s, f.uniqueTokens).value;
}

/** Whether score a is better than score b in the model's direction. */
export function isBetter(direction: Direction, a: number, b: number): boolean {
  return direction === "lower" ? a < b : a > b;
}

/** How much better `to` is than `from` (positive means improvement), in the given direction. */
export function improvement(direction: Direction, from: number, to: number): number {
  return direction === "lower" ? from - to : to - from;
}

/** Widest search window for numeric inverses and crossovers, in decades either side of the data. */
export const SEARCH_DECADES = { below: 6, above: 15 } as const;
const GRID_POINTS_PER_DECADE = 20;
const BISECTIONS = 80;

/**
 * Roots of g(s) = 0 on a log grid over [lo, hi], each refined by bisection in ln s. O(grid + roots·80).
 * Returns them in increasing order; touching zeros without a sign change are not reported.
 */
export function rootsOnLogGrid(g: (s: number) => number, lo: number, hi: number): number[] {
  const decades = Math.log10(hi / lo);
  const steps = Math.max(2, Math.ceil(decades * GRID_POINTS_PER_DECADE));
  const roots: number[] = [];
  let prevLn = Math.log(lo);
  let prevG = g(lo);
  for (let i = 1; i <= steps; i++) {
    const ln = Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * i) / steps;
    const gv = g(Math.exp(ln));
    if (Number.isFinite(prevG) && Number.isFinite(gv)) {
      if (prevG === 0) roots.push(Math.exp(prevLn));
      else if (prevG * gv < 0) {
        let a = prevLn;
        let b = ln;
        let ga = prevG;
        for (let k = 0; k < BISECTIONS; k++) {
          const m = (a + b) / 2;
          const gm = g(Math.exp(m));
          if (gm === 0) {
            a = b = m;
            break;
          }
          if (ga * gm < 0) b = m;
          else {
            a = m;
            ga = gm;
          }
        }
        roots.push(Math.exp((a + b) / 2));
      }
    }
    prevLn = ln;
    prevG = gv;
  }
  if (prevG === 0) roots.push(Math.exp(prevLn));
  return roots;
}

/**
 * The scale at which the curve reaches `target`: the closed-form inverse for single-axis models that have
 * one, otherwise the first root of value(s) − target between 1e-6 and 1e15 times the data's range.
 * Returns null when no scale in that window reaches it (e.g. the target is beyond the asymptote).
 */
export function scaleForValue(f: FittedModel, target: number, params: Record<string, number> = f.params): number | null {
  const spec = getModel(f.model);
  if (spec.axes === "x" && spec.inverse) {
    let s: number;
    try {
      s = spec.inverse(params, target, f.direction);
    } catch {
      return null; // the form cannot reach this target (e.g. a flat curve): no scale does
    }
    return Number.isFinite(s) && s > 0 ? s : null;
  }
  const lo = f.smallest * 10 ** -SEARCH_DECADES.below;
  const hi = f.frontier * 10 ** SEARCH_DECADES.above;
  const roots = rootsOnLogGrid((s) => valueAt(f, s, params) - target, lo, hi);
  return roots[0] ?? null;
}
