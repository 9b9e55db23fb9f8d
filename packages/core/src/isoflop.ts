/**
 * IsoFLOP analysis, Chinchilla Approach 2 (Hoffmann 2022; Llama 3's D* = 0.29·C^0.53):
 * 1. per compute budget c, a least-squares parabola of y in u = ln x (needs 3 distinct x per budget,
 *    x within 1 ppm of each other counting as one);
 *    its vertex is the budget's optimum: xOpt = exp(u*), yOpt = y(u*), curvature = d²y/d(ln x)²;
 * 2. a power law of the optima, xOpt = K·c^a, by ordinary least squares in log–log (power-law.ts).
 * A budget whose parabola opens downward (curvature ≤ 0) has no minimum, and one flat within rounding
 * (curvature below FLAT_CURVATURE·max|y|) has no usable one: both are flagged, left out of step 2 and
 * named in the fit message. A vertex outside the budget's sampled x range is kept but reported
 * (`inRange: false`; the optimum is then an extrapolation).
 *
 * Cost: O(n). Throws on non-finite values, non-positive c or x, fewer than 6 points, a budget with fewer
 * than 3 distinct x, or fewer than 2 budgets with a minimum.
 */
import { InputError } from "./input-error";
import { Matrix, QrDecomposition } from "ml-matrix";
import type { FitResult, IsoFlopPoint } from "./types";
import { neumaierSum } from "./neumaier-sum";
import { fitPowerLaw, inversePowerLaw, predictPowerLaw, type PowerLawParams } from "./power-law";
import { POINT_ERRORS } from "./validate-points";

export type IsoFlopParam = "K" | "a";

/** The optimum read off one budget's parabola. */
export interface IsoFlopOptimum {
  c: number;
  xOpt: number;
  yOpt: number;
  /** d²y/d(ln x)² of the parabola (2× its quadratic coefficient); ≤ 0 means no minimum. */
  curvature: number;
  /** Runs at this budget. */
  points: number;
  /** Whether the vertex lies within the budget's sampled x range. */
  inRange: boolean;
}

export type IsoFlopFit = FitResult<IsoFlopParam> & {
  /** Optima of the budgets used in the power law, by increasing c. */
  optima: IsoFlopOptimum[];
  /** Budgets whose parabola opens downward or is flat (no usable minimum), left out of the power law. */
  flagged: IsoFlopOptimum[];
};

/** Fewest points: two budgets of three runs. */
export const ISOFLOP_MIN_POINTS = 6;

/** The exact messages specific to the isoFLOP fit (each asserted by isoflop.test.ts). */
export const ISOFLOP_ERRORS = {
  fewDistinct: (c: number, got: number) =>
    `isoflop budget C = ${c} needs at least 3 distinct x for a parabola, got ${got}`,
  fewBudgets: (got: number, flagged: number) =>
    `isoflop fit needs at least 2 budgets whose parabola has a minimum, got ${got}` +
    (flagged > 0 ? ` (${flagged} budget${flagged > 1 ? "s have" : " has"} none)` : ""),
  downward: (c: number, curvature: number) =>
    `budget C = ${c}: the parabola opens downward (curvature ${curvature.toPrecision(4)}), so it has no minimum; left out`,
  flat: (c: number) => `budget C = ${c}: the parabola is flat, so it has no usable minimum; left out`,
} as const;

/**
 * Two runs of a budget count as the same scale when their ln x differ by less than this (x within 1 ppm):
 * such near-duplicates carry no curvature information and make the parabola's design matrix singular.
 */
const SAME_SCALE_LN_GAP = 1e-6;

/**
 * A parabola whose curvature is below this fraction of the budget's largest |y| is flat within rounding:
 * its vertex is noise, not an optimum.
 */
const FLAT_CURVATURE = 1e-9;

/** Number of distinct scales among ln x values, at SAME_SCALE_LN_GAP resolution. */
function distinctScales(lx: readonly number[]): number {
  const sorted = [...lx].sort((u, v) => u - v);
  return sorted.filter((v, i) => i === 0 || v - (sorted[i - 1] as number) >= SAME_SCALE_LN_GAP).length;
}

/** Least-squares parabola y = p0 + p1·u + p2·u² with u = ln x − mean(ln x), by QR. */
function parabola(lx: readonly number[], y: readonly number[]): { p: [number, number, number]; shift: number } {
  const shift = neumaierSum(lx) / lx.length;
  const A = new Matrix(lx.map((v) => [1, v - shift, (v - shift) ** 2]));
  const b = Matrix.columnVector([...y]);
  const sol = new QrDecomposition(A).solve(b).getColumn(0);
  return { p: [sol[0] as number, sol[1] as number, sol[2] as number], shift };
}

/** Budgets C = M·D within this relative distance of a budget's smallest are that budget (see snapBudgets). */
export const BUDGET_SNAP_TOLERANCE = 0.05;

/**
 * Rows whose budget c was derived (C = M·D from FLOPs per token and tokens) grouped into the budgets they
 * were planned at: a run's D is rounded to whole steps, so M·D misses the nominal budget by a little and no
 * two runs would share a c. Sorted by c, each run within BUDGET_SNAP_TOLERANCE of its group's smallest c
 * joins the group; every row of a group gets the group's geometric mean. IsoFLOP grids space budgets by
 * factors of 2 or more, far above the tolerance. Rows without c are returned as they are.
 */
export function snapBudgets<T extends { c?: number }>(rows: readonly T[]): T[] {
  const order = rows.map((r, i) => i).filter((i) => rows[i]!.c !== undefined).sort((i, j) => rows[i]!.c! - rows[j]!.c!);
  const snapped = rows.map((r) => ({ ...r }));
  let start = 0;
  while (start < order.length) {
    const first = rows[order[start]!]!.c!;
    let end = start;
    while (end < order.length && rows[order[end]!]!.c! <= first * (1 + BUDGET_SNAP_TOLERANCE)) end++;
    const group = order.slice(start, end);
    const mean = Math.exp(group.reduce((sum, i) => sum + Math.log(rows[i]!.c!), 0) / group.length);
    for (const i of group) snapped[i]!.c = mean;
    start = end;
  }
  return snapped;
}

/** Fits Approach 2 to the runs; see the file comment. */
export function fitIsoFlop(points: readonly IsoFlopPoint[]): IsoFlopFit {
  points.forEach((p, i) => {
    for (const field of ["c", "x", "y"] as const) {
      if (!Number.isFinite(p[field])) throw new InputError("non-finite", POINT_ERRORS.notFinite("isoflop", i + 1, field, p[field]));
    }
  });
  if (points.length < ISOFLOP_MIN_POINTS) {
    throw new InputError("too-few-points", POINT_ERRORS.tooFewPoints("isoflop", ISOFLOP_MIN_POINTS, points.length));
  }
  points.forEach((p, i) => {
    if (p.c <= 0) throw new InputError("not-positive", POINT_ERRORS.notPositive("isoflop", i + 1, "c", p.c));
    if (p.x <= 0) throw new InputError("not-positive", POINT_ERRORS.notPositive("isoflop", i + 1, "x", p.x));
  });

  const budgets = new Map<number, IsoFlopPoint[]>();
  for (const p of points) budgets.set(p.c, [...(budgets.get(p.c) ?? []), p]);
  const optima: IsoFlopOptimum[] = [];
  const flagged: IsoFlopOptimum[] = [];
  for (const c of [...budgets.keys()].sort((u, v) => u - v)) {
    const runs = budgets.get(c) as IsoFlopPoint[];
    const lx = runs.map((r) => Math.log(r.x));
    const distinct = distinctScales(lx);
    if (distinct < 3) throw new InputError("too-few-distinct", ISOFLOP_ERRORS.fewDistinct(c, distinct));
    const { p, shift } = parabola(
      lx,
      runs.map((r) => r.y),
    );
    const [p0, p1, p2] = p;
    const curvature = 2 * p2;
    const u = -p1 / (2 * p2);
    const lnOpt = shift + u;
    const optimum: IsoFlopOptimum = {
      c,
      xOpt: Math.exp(lnOpt),
      yOpt: p0 + p1 * u + p2 * u * u,
      curvature,
      points: runs.length,
      inRange: lnOpt >= Math.min(...lx) && lnOpt <= Math.max(...lx),
    };
    const yScale = Math.max(...runs.map((r) => Math.abs(r.y)));
    const usable =
      curvature > FLAT_CURVATURE * yScale && Number.isFinite(optimum.xOpt) && optimum.xOpt > 0 && Number.isFinite(optimum.yOpt);
    (usable ? optima : flagged).push(optimum);
  }
  if (optima.length < 2) throw new InputError("too-few-points", ISOFLOP_ERRORS.fewBudgets(optima.length, flagged.length));

  const law = fitPowerLaw(
    optima.map((o) => ({ x: o.c, y: o.xOpt })),
    { useWeights: false },
  );
  const notes = [
    `power law of ${optima.length} budget optima`,
    ...flagged.map((o) => (o.curvature > 0 ? ISOFLOP_ERRORS.flat(o.c) : ISOFLOP_ERRORS.downward(o.c, o.curvature))),
    ...optima.filter((o) => !o.inRange).map((o) => `budget C = ${o.c}: the vertex lies outside the sampled x range`),
  ];
  return {
    model: "isoflop",
    params: law.params,
    objective: law.objective,
    n: points.length,
    converged: law.converged,
    iterations: 0,
    message: law.converged ? notes.join("; ") : [law.message, ...notes].join("; "),
    gof: law.gof,
    optima,
    flagged,
  };
}

/** The compute-optimal x at budget c: K·c^a. */
export function predictIsoFlop(params: Record<IsoFlopParam, number>, c: number): number {
  return predictPowerLaw(params as PowerLawParams, c);
}

/** The budget c whose optimum is x: (x/K)^(1/a). Throws as inversePowerLaw does. */
export function inverseIsoFlop(params: Record<IsoFlopParam, number>, x: number): number {
  return inversePowerLaw(params as PowerLawParams, x);
}
