/**
 * Chinchilla joint law L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022), fitted by Epoch AI's method
 * (Besiroglu et al. 2024): parameters θ = (a, b, e, α, β) with A = eᵃ, B = eᵇ, E = eᵉ, residuals
 * r_i = ln L_i − logsumexp(a − α ln N_i, b − β ln D_i, e), objective Σ Huber_δ(r_i) with δ = 1e-3,
 * **summed** over points (a mean makes quasi-Newton solvers stop at their start), analytic gradient.
 *
 * How the global optimum is found (instead of Epoch's 4,500 L-BFGS starts):
 * 1. Variable projection on a grid of exponents: for fixed (α, β) the model is linear in (E, A, B), so a
 *    non-negative weighted least-squares solve (weights 1/L², i.e. relative errors ≈ log residuals) gives
 *    the best (E, A, B) for every grid cell in O(n) after O(n·grid) precomputation. Each cell is scored by
 *    the true Huber objective.
 * 2. The grid's local minima (best of their 3×3 neighbourhood; distinct basins), best first, then the other
 *    cells: the first `polishStarts` are polished by L-BFGS in all five parameters; the lowest objective wins.
 * With `start` (warm start, e.g. bootstrap refits from the full-data fit) step 1 is skipped.
 *
 * Cost: O(n·(|alphaGrid|·|betaGrid| + polish iterations)); about 10 ms for 240 points once the JIT is warm.
 * Failure modes: throws on invalid input (messages in validateJointPoints, each tested);
 * returns `converged: false` with the optimiser's message when the polish stops early.
 */
import { InputError } from "./input-error";
import { definedOnly } from "./defined-only";
import { huber } from "./huber";
import { checkHuberDelta, createLseHuberTerm, lseHuberTerm } from "./lse-huber";
import { checkPolishStarts, minimizeFromStarts, polishedFitResult, type PolishOptions } from "./multi-start-lbfgs";
import type { FitResult, JointPoint } from "./types";

export type ChinchillaParam = "E" | "A" | "B" | "alpha" | "beta";
export type ChinchillaParams = Record<ChinchillaParam, number>;

export interface ChinchillaOptions extends PolishOptions {
  /** Huber threshold on the log residual. */
  delta: number;
  /**
   * "sum" (Epoch, default) or "mean" of the Huber losses. "mean" reproduces the original paper's mistake:
   * with the default optimiser tolerances it stops next to its start. Kept to demonstrate that, not for use.
   */
  reduction: "sum" | "mean";
  /** Warm start: skip the grid and polish from these parameters. */
  start?: ChinchillaParams;
  /** Exponent grids of the variable-projection search. */
  alphaGrid: readonly number[];
  betaGrid: readonly number[];
}

/** α, β ∈ {0.1, 0.2, …, 2.0}: the range of Epoch's start grid, 4× finer. */
const EXPONENT_GRID: readonly number[] = Object.freeze(Array.from({ length: 20 }, (_, i) => Math.round(i + 1) / 10));

/** Defaults of every option, in one place. */
export const CHINCHILLA_DEFAULTS: Readonly<Omit<ChinchillaOptions, "start">> = Object.freeze({
  delta: 1e-3,
  reduction: "sum",
  alphaGrid: EXPONENT_GRID,
  betaGrid: EXPONENT_GRID,
  polishStarts: 3,
  gradientTolerance: 1e-9,
  functionTolerance: 0,
  maxIterations: 3000,
});

/** Hoffmann et al. 2022, Approach 3, unrounded values as used by Epoch AI. */
export const HOFFMANN_2022: Readonly<ChinchillaParams> = Object.freeze({
  E: Math.exp(0.5267228),
  A: Math.exp(6.0073404),
  B: Math.exp(6.0179186),
  alpha: 0.33917084,
  beta: 0.2849083,
});

/** Fills in defaults and checks every option. */
export function resolveChinchillaOptions(options: Partial<ChinchillaOptions> = {}): ChinchillaOptions {
  const o: ChinchillaOptions = { ...CHINCHILLA_DEFAULTS, ...definedOnly(options) };
  checkHuberDelta("chinchilla", o.delta);
  if (o.reduction !== "sum" && o.reduction !== "mean") {
    throw new Error(`chinchilla fit reduction must be "sum" or "mean", got ${String(o.reduction)}`);
  }
  checkPolishStarts("chinchilla", o.polishStarts);
  for (const name of ["alphaGrid", "betaGrid"] as const) {
    const grid = o[name];
    if (grid.length === 0 || grid.some((v) => !(v > 0) || !Number.isFinite(v))) {
      throw new Error(`chinchilla fit ${name} must be a non-empty list of positive exponents`);
    }
  }
  if (o.start) checkParams(o.start, "start");
  return o;
}


function checkParams(p: ChinchillaParams, what: string): void {
  for (const key of ["E", "A", "B", "alpha", "beta"] as const) {
    const v = p[key];
    if (!Number.isFinite(v)) throw new Error(`chinchilla ${what} ${key} must be a finite number, got ${v}`);
    if ((key === "E" || key === "A" || key === "B") && !(v > 0)) {
      throw new Error(`chinchilla ${what} ${key} must be positive (it is fitted in log space), got ${v}`);
    }
  }
}

/**
 * Checks joint points for a log-space fit; `model` names the fit in the messages, which have the same
 * wording as the model registry's (MODEL_ERRORS in models.ts). Checks, in this order, with 1-based rows:
 * - "<model> fit needs finite numbers: row 3 has d = NaN" (n, d, y, and u when present);
 * - "<model> fit needs at least 6 points, got 4";
 * - "<model> needs positive d on a log axis: row 3 has d = 0";
 * - "<model> fit needs at least 2 distinct values of n, got only n = 1000000000" (n and d).
 */
export function validateJointPoints(points: readonly JointPoint[], model: string, minPoints: number): void {
  const fields = ["n", "d", "u", "y"] as const;
  points.forEach((p, i) => {
    for (const key of fields) {
      const v = p[key];
      if (key === "u" && v === undefined) continue;
      if (!Number.isFinite(v)) throw new InputError("non-finite", `${model} fit needs finite numbers: row ${i + 1} has ${key} = ${v}`);
    }
  });
  if (points.length < minPoints) {
    throw new InputError("too-few-points", `${model} fit needs at least ${minPoints} points, got ${points.length}`);
  }
  points.forEach((p, i) => {
    for (const key of fields) {
      const v = p[key];
      if (v !== undefined && !(v > 0)) throw new InputError("not-positive", `${model} needs positive ${key} on a log axis: row ${i + 1} has ${key} = ${v}`);
    }
  });
  for (const key of ["n", "d"] as const) {
    const first = points[0]![key];
    if (points.every((p) => p[key] === first)) {
      throw new InputError("too-few-distinct", `${model} fit needs at least 2 distinct values of ${key}, got only ${key} = ${first}`);
    }
  }
}

/** L(N, D) = E + A/N^α + B/D^β. */
export function predictChinchilla(params: ChinchillaParams, at: { n: number; d: number }): number {
  return params.E + params.A * Math.pow(at.n, -params.alpha) + params.B * Math.pow(at.d, -params.beta);
}

/**
 * Epoch's objective at given parameters: Σ Huber_δ(ln L − logsumexp(a − α ln N, b − β ln D, e)) (or its
 * mean with reduction "mean"). Use it to evaluate published parameters on a data set.
 */
export function chinchillaObjective(
  points: readonly JointPoint[],
  params: ChinchillaParams,
  options: { delta?: number; reduction?: "sum" | "mean" } = {},
): number {
  checkParams(params, "parameter");
  const o = resolveChinchillaOptions(options);
  const problem = prepare(points);
  const g = new Float64Array(5);
  return makeObjective(problem, o.delta, o.reduction)(Float64Array.from(toTheta(params, problem)), g);
}

/**
 * Log data, with ln N and ln D centred on their means cN, cD. The optimiser works in centred parameters
 * θ = (a − α·cN, b − β·cD, e, α, β): the same model, but the intercepts no longer move with the
 * exponents, which removes the worst ill-conditioning of the raw (a, α) and (b, β) pairs.
 * Repeated points (equal N, D and loss; a bootstrap resample holds about 37 % repeats) are stored once
 * with a count `w`, which gives exactly the same sums with fewer terms.
 */
interface Prepared {
  lnN: Float64Array;
  lnD: Float64Array;
  lnL: Float64Array;
  L: Float64Array;
  /** Multiplicity of each distinct point. */
  w: Float64Array;
  /** Number of points, repeats included. */
  total: number;
  cN: number;
  cD: number;
}

function prepare(points: readonly JointPoint[]): Prepared {
  const index = new Map<string, number>();
  const counts: number[] = [];
  const unique: JointPoint[] = [];
  for (const p of points) {
    const key = `${p.n} ${p.d} ${p.y}`;
    const k = index.get(key);
    if (k === undefined) {
      index.set(key, unique.length);
      unique.push(p);
      counts.push(1);
    } else {
      counts[k]!++;
    }
  }
  const m = unique.length;
  const lnN = new Float64Array(m);
  const lnD = new Float64Array(m);
  const lnL = new Float64Array(m);
  const L = new Float64Array(m);
  const w = Float64Array.from(counts);
  let cN = 0;
  let cD = 0;
  unique.forEach((p, i) => {
    lnN[i] = Math.log(p.n);
    lnD[i] = Math.log(p.d);
    lnL[i] = Math.log(p.y);
    L[i] = p.y;
    cN += w[i]! * lnN[i]!;
    cD += w[i]! * lnD[i]!;
  });
  cN /= points.length;
  cD /= points.length;
  for (let i = 0; i < m; i++) {
    lnN[i]! -= cN;
    lnD[i]! -= cD;
  }
  return { lnN, lnD, lnL, L, w, total: points.length, cN, cD };
}

function toTheta(p: ChinchillaParams, pr: Prepared): number[] {
  return [Math.log(p.A) - p.alpha * pr.cN, Math.log(p.B) - p.beta * pr.cD, Math.log(p.E), p.alpha, p.beta];
}
function fromTheta(t: ArrayLike<number>, pr: Prepared): ChinchillaParams {
  const alpha = t[3]!;
  const beta = t[4]!;
  return { A: Math.exp(t[0]! + alpha * pr.cN), B: Math.exp(t[1]! + beta * pr.cD), E: Math.exp(t[2]!), alpha, beta };
}

/** Centred θ ↦ objective, writing the analytic gradient. Allocation-free. */
function makeObjective(pr: Prepared, delta: number, reduction: "sum" | "mean") {
  const { lnN, lnD, lnL, w } = pr;
  const m = lnN.length;
  const scale = reduction === "mean" ? 1 / pr.total : 1;
  const term = createLseHuberTerm();
  return (t: Float64Array, g: Float64Array): number => {
    const a = t[0]!;
    const b = t[1]!;
    const e = t[2]!;
    const al = t[3]!;
    const be = t[4]!;
    let f = 0;
    let ga = 0;
    let gb = 0;
    let ge = 0;
    let gal = 0;
    let gbe = 0;
    for (let i = 0; i < m; i++) {
      const ln = lnN[i]!;
      const ld = lnD[i]!;
      lseHuberTerm(a - al * ln, b - be * ld, e, lnL[i]!, delta, w[i]!, term);
      f += term.loss;
      // ∂r/∂θ = −softmax weights (a, b, e); +w1·ln N (α); +w2·ln D (β).
      const q = term.psi / term.sum;
      const w1 = q * term.x1;
      const w2 = q * term.x2;
      ga -= w1;
      gb -= w2;
      ge -= q * term.x3;
      gal += w1 * ln;
      gbe += w2 * ld;
    }
    g[0] = ga * scale;
    g[1] = gb * scale;
    g[2] = ge * scale;
    g[3] = gal * scale;
    g[4] = gbe * scale;
    return f * scale;
  };
}

/**
 * Best (E, A, B) ≥ 0 for fixed exponents by weighted least squares on L with weights 1/L² (relative
 * errors ≈ log residuals), over the supports of the non-negativity constraint (the full one first).
 * x, y are the columns N^−α, D^−β pre-scaled to unit mean. Writes [E, A', B'] into `out`; false when no
 * support is solvable.
 */
function projectLinear(L: Float64Array, cnt: Float64Array, x: Float64Array, y: Float64Array, out: Float64Array): boolean {
  const m = L.length;
  let M00 = 0, M01 = 0, M02 = 0, M11 = 0, M12 = 0, M22 = 0;
  let r0 = 0, r1 = 0, r2 = 0;
  for (let i = 0; i < m; i++) {
    const li = cnt[i]! / L[i]!;
    const w = li / L[i]!;
    const c1 = x[i]!;
    const c2 = y[i]!;
    const wc1 = w * c1;
    const wc2 = w * c2;
    M00 += w;
    M01 += wc1;
    M02 += wc2;
    M11 += wc1 * c1;
    M12 += wc1 * c2;
    M22 += wc2 * c2;
    r0 += li;
    r1 += li * c1;
    r2 += li * c2;
  }
  const M = [M00, M01, M02, M01, M11, M12, M02, M12, M22];
  const r = [r0, r1, r2];
  let bestCost = Infinity;
  const c = [0, 0, 0];
  for (const mask of SUPPORTS) {
    if (!solveSupport(M, r, mask, c)) continue;
    // Objective up to a constant: cᵀMc − 2cᵀr.
    let cost = 0;
    for (let i = 0; i < 3; i++) {
      cost -= 2 * c[i]! * r[i]!;
      for (let j = 0; j < 3; j++) cost += c[i]! * M[3 * i + j]! * c[j]!;
    }
    if (cost < bestCost) {
      bestCost = cost;
      out[0] = c[0]!;
      out[1] = c[1]!;
      out[2] = c[2]!;
    }
    if (mask === 7) break; // the unconstrained solution is feasible: it is the optimum
  }
  return bestCost < Infinity;
}

const SUPPORTS = [7, 3, 5, 6, 1, 2, 4] as const;

/** Solves the normal equations restricted to the columns in `mask`; false when singular or infeasible. */
function solveSupport(M: number[], r: number[], mask: number, c: number[]): boolean {
  const idx: number[] = [];
  for (let k = 0; k < 3; k++) if (mask & (1 << k)) idx.push(k);
  const k = idx.length;
  const A = idx.map((i) => idx.map((j) => M[3 * i + j]!));
  const b = idx.map((i) => r[i]!);
  const sol = solveSmall(A, b);
  c[0] = c[1] = c[2] = 0;
  if (!sol) return false;
  for (let j = 0; j < k; j++) {
    if (!(sol[j]! >= 0)) return false;
    c[idx[j]!] = sol[j]!;
  }
  return true;
}

/** Gaussian elimination with partial pivoting for systems of size ≤ 3; null when singular. */
function solveSmall(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    const pivot = M[p]![c]!;
    if (!(Math.abs(pivot) > 1e-300)) return null;
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = c + 1; r < n; r++) {
      const k = M[r]![c]! / pivot;
      for (let j = c; j <= n; j++) M[r]![j]! -= k * M[c]![j]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let j = r + 1; j < n; j++) s -= M[r]![j]! * x[j]!;
    x[r] = s / M[r]![r]!;
  }
  return x.every(Number.isFinite) ? x : null;
}

/** Columns v^−p scaled to unit mean, with the scale factor (so that coefficient = c'·scale). */
function scaledPowers(lnV: Float64Array, p: number): { col: Float64Array; scale: number } {
  const m = lnV.length;
  const col = new Float64Array(m);
  let mx = -Infinity;
  for (let i = 0; i < m; i++) mx = Math.max(mx, -p * lnV[i]!);
  let sum = 0;
  for (let i = 0; i < m; i++) {
    col[i] = Math.exp(-p * lnV[i]! - mx);
    sum += col[i]!;
  }
  const k = m / sum;
  for (let i = 0; i < m; i++) col[i]! *= k;
  // N^−p = col·exp(mx)/k, so A·N^−p = (A·exp(mx)/k)·col: A = A'·k·exp(−mx)… in log form below.
  return { col, scale: Math.log(k) - mx };
}

/**
 * Starting points from the variable-projection grid, best first. Each cell is scored by the Huber
 * objective of its linear fit, computed from the precomputed columns (one log per point).
 */
function gridStarts(pr: Prepared, o: ChinchillaOptions): Float64Array[] {
  const m = pr.L.length;
  const xs = o.alphaGrid.map((al) => scaledPowers(pr.lnN, al));
  const ys = o.betaGrid.map((be) => scaledPowers(pr.lnD, be));
  let minL = Infinity;
  for (let i = 0; i < m; i++) minL = Math.min(minL, pr.L[i]!);
  // A zero coefficient becomes a term of 1e-6 of the smallest loss, so that its log stays finite.
  const floor = 1e-6 * minL;
  const c = new Float64Array(3);
  const nb = o.betaGrid.length;
  const score = new Float64Array(o.alphaGrid.length * nb).fill(Infinity);
  const theta: (Float64Array | null)[] = new Array(score.length).fill(null);
  const delta = o.delta;
  o.alphaGrid.forEach((al, ia) => {
    const x = xs[ia]!;
    o.betaGrid.forEach((be, ib) => {
      const y = ys[ib]!;
      if (!projectLinear(pr.L, pr.w, x.col, y.col, c)) return;
      const E = Math.max(c[0]!, floor);
      const A1 = Math.max(c[1]!, floor);
      const B1 = Math.max(c[2]!, floor);
      let f = 0;
      for (let i = 0; i < m; i++) {
        f += pr.w[i]! * huber(pr.lnL[i]! - Math.log(E + A1 * x.col[i]! + B1 * y.col[i]!), delta);
      }
      if (!Number.isFinite(f)) return;
      score[ia * nb + ib] = f;
      theta[ia * nb + ib] = Float64Array.from([Math.log(A1) + x.scale, Math.log(B1) + y.scale, Math.log(E), al, be]);
    });
  });
  // Local minima of the grid (each the best of its 3×3 neighbourhood) first, best first, then the rest.
  const order = Array.from(score.keys()).filter((k) => Number.isFinite(score[k]!));
  const isLocalMin = (k: number): boolean => {
    const ia = Math.floor(k / nb);
    const ib = k % nb;
    for (let da = -1; da <= 1; da++) {
      for (let db = -1; db <= 1; db++) {
        const ja = ia + da;
        const jb = ib + db;
        if ((da || db) && ja >= 0 && jb >= 0 && ja < o.alphaGrid.length && jb < nb && score[ja * nb + jb]! < score[k]!) return false;
      }
    }
    return true;
  };
  order.sort((p, q) => score[p]! - score[q]!);
  const minima = order.filter(isLocalMin);
  const rest = order.filter((k) => !isLocalMin(k));
  return [...minima, ...rest].map((k) => theta[k]!);
}

/**
 * Fits the Chinchilla law to joint points (n = N params, d = D tokens, y = loss). See the file comment for
 * the method. Needs at least 6 points (more than the 5 parameters), finite positive N, D and loss, and at
 * least two distinct N and two distinct D. Options: see CHINCHILLA_DEFAULTS.
 */
export function fitChinchilla(
  points: readonly JointPoint[],
  options: Partial<ChinchillaOptions> = {},
): FitResult<ChinchillaParam> {
  validateJointPoints(points, "chinchilla", 6);
  const o = resolveChinchillaOptions(options);
  const pr = prepare(points);
  const objective = makeObjective(pr, o.delta, o.reduction);
  const starts = o.start ? [Float64Array.from(toTheta(o.start, pr))] : gridStarts(pr, o).slice(0, o.polishStarts);
  if (starts.length === 0) {
    throw new InputError("no-fit", "chinchilla fit found no starting point with a finite objective (is the loss constant?)");
  }
  const polished = minimizeFromStarts(objective, starts, o);
  return polishedFitResult("chinchilla", fromTheta(polished.best.x, pr), polished, points, predictChinchilla);
}
