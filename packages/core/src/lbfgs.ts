/**
 * L-BFGS minimiser, written here (not built on ml-matrix): the inner loops of every joint fit run through
 * it thousands of times per bootstrap, so it works on preallocated Float64Arrays and never allocates per
 * iteration.
 *
 * - Unbounded problems use the two-loop recursion with a strong-Wolfe line search (Nocedal & Wright,
 *   Algorithms 3.5/3.6, cubic interpolation in the zoom phase).
 * - With `lower`/`upper` bounds it becomes a projected L-BFGS: variables held at a bound by the gradient
 *   are frozen for the step, the quasi-Newton direction is taken over the free ones, and a backtracking
 *   Armijo search runs along the projected path P(x + t·d). It is simpler than L-BFGS-B's Cauchy point but
 *   reaches the same optimum on the box-constrained problems here (see lbfgs.test.ts).
 *
 * Stopping rules mirror scipy's L-BFGS-B so that the same tolerances mean the same thing:
 * - `gradientTolerance`: max_i |projected gradient_i| ≤ tol (scipy `pgtol`, default 1e-5);
 * - `functionTolerance`: (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ tol (scipy `factr`·eps = 2.2e-9).
 *   The `max(…, 1)` makes it an absolute test when |f| < 1: an objective that is tiny because it was
 *   averaged instead of summed stops almost at once. That is the documented failure mode of the mean Huber.
 *
 * Cost: O(memory · dim) per iteration plus the objective evaluations (usually 1–2 per iteration).
 * Failure modes: throws when the objective is not finite at the start or x0 has the wrong length or is not
 * finite; returns `converged: false` with a message when it runs out of iterations or evaluations or when
 * the line search cannot find a lower point (non-smooth or noisy objective, or the optimum reached to the
 * precision of floating point).
 */
import { definedOnly } from "./defined-only";

/**
 * The objective: returns f(x) and writes ∇f(x) into `grad` (same length as x). It must not keep `x` or
 * `grad`, which are reused buffers.
 */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Number of correction pairs kept (scipy `maxcor`). */
  memory: number;
  /** Maximum number of iterations (accepted steps). */
  maxIterations: number;
  /** Maximum number of objective evaluations, line searches included. */
  maxEvaluations: number;
  /** Stop when the largest projected-gradient component is at most this. */
  gradientTolerance: number;
  /** Stop when the relative reduction of f, (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1), is at most this. */
  functionTolerance: number;
  /** Armijo (sufficient decrease) constant of the line search. */
  c1: number;
  /** Curvature constant of the strong-Wolfe line search (ignored with bounds). */
  c2: number;
  /** Maximum objective evaluations in one line search. */
  maxLineSearchSteps: number;
  /** Optional lower bounds (−Infinity for none), same length as x0. */
  lower?: readonly number[];
  /** Optional upper bounds (+Infinity for none), same length as x0. */
  upper?: readonly number[];
}

/** The defaults of every option, in one place (scipy L-BFGS-B's defaults where they exist). */
export const LBFGS_DEFAULTS: Readonly<LbfgsOptions> = Object.freeze({
  memory: 10,
  maxIterations: 15000,
  maxEvaluations: 15000,
  gradientTolerance: 1e-5,
  functionTolerance: 1e7 * Number.EPSILON,
  c1: 1e-4,
  c2: 0.9,
  maxLineSearchSteps: 20,
});

export interface LbfgsResult {
  x: number[];
  f: number;
  /** Largest projected-gradient component at x. */
  gradientNorm: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  message: string;
}

/** Fills in defaults and checks every option; throws a plain Error naming the bad option. */
export function resolveLbfgsOptions(options: Partial<LbfgsOptions> = {}, dim?: number): LbfgsOptions {
  const o: LbfgsOptions = { ...LBFGS_DEFAULTS, ...definedOnly(options) };
  const positiveInt = (name: "memory" | "maxIterations" | "maxEvaluations" | "maxLineSearchSteps") => {
    const v = o[name];
    if (!Number.isInteger(v) || v < 1) throw new Error(`lbfgs option ${name} must be a positive integer, got ${v}`);
  };
  positiveInt("memory");
  positiveInt("maxIterations");
  positiveInt("maxEvaluations");
  positiveInt("maxLineSearchSteps");
  for (const name of ["gradientTolerance", "functionTolerance"] as const) {
    const v = o[name];
    if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`lbfgs option ${name} must be a finite number ≥ 0, got ${v}`);
  }
  if (!(o.c1 > 0 && o.c1 < o.c2 && o.c2 < 1)) {
    throw new Error(`lbfgs line search needs 0 < c1 < c2 < 1, got c1 = ${o.c1}, c2 = ${o.c2}`);
  }
  if (dim !== undefined) {
    for (const name of ["lower", "upper"] as const) {
      const b = o[name];
      if (b !== undefined && b.length !== dim) {
        throw new Error(`lbfgs option ${name} has ${b.length} entries but x0 has ${dim}`);
      }
    }
    if (o.lower && o.upper) {
      for (let i = 0; i < dim; i++) {
        const lo = o.lower[i] ?? -Infinity;
        const hi = o.upper[i] ?? Infinity;
        if (!(lo <= hi)) throw new Error(`lbfgs bounds are empty for variable ${i + 1}: lower ${lo} > upper ${hi}`);
      }
    }
  }
  return o;
}


/**
 * Minimises `fg` from `x0`. See the file comment for the method, stopping rules and failure modes.
 * `x0` is projected into the bounds before the first evaluation.
 */
export function minimizeLbfgs(
  fg: ObjectiveWithGradient,
  x0: readonly number[],
  options: Partial<LbfgsOptions> = {},
): LbfgsResult {
  const n = x0.length;
  if (n === 0) throw new Error("lbfgs needs at least one variable, got an empty starting point");
  const o = resolveLbfgsOptions(options, n);
  const bounded = o.lower !== undefined || o.upper !== undefined;
  const lo = new Float64Array(n).fill(-Infinity);
  const hi = new Float64Array(n).fill(Infinity);
  if (o.lower) for (let i = 0; i < n; i++) lo[i] = o.lower[i] ?? -Infinity;
  if (o.upper) for (let i = 0; i < n; i++) hi[i] = o.upper[i] ?? Infinity;

  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x0[i] ?? NaN;
    if (!Number.isFinite(v)) throw new Error(`lbfgs starting point must be finite: x0[${i}] = ${v}`);
    x[i] = Math.min(hi[i]!, Math.max(lo[i]!, v));
  }
  const g = new Float64Array(n);
  let f = fg(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) throw new Error(`lbfgs objective is not finite at the starting point (f = ${f})`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(g[i]!)) throw new Error(`lbfgs gradient is not finite at the starting point (component ${i + 1})`);
  }

  const m = o.memory;
  const S = Array.from({ length: m }, () => new Float64Array(n));
  const Y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alphaBuf = new Float64Array(m);
  let stored = 0;
  let head = 0; // index of the next slot to write
  const d = new Float64Array(n);
  const xt = new Float64Array(n);
  const gt = new Float64Array(n);
  const free = new Uint8Array(n);

  const projectedGradientNorm = (): number => {
    let mx = 0;
    for (let i = 0; i < n; i++) {
      const gi = g[i]!;
      let pg = gi;
      if (bounded) {
        const target = Math.min(hi[i]!, Math.max(lo[i]!, x[i]! - gi));
        pg = x[i]! - target;
      }
      const a = Math.abs(pg);
      if (a > mx) mx = a;
    }
    return mx;
  };

  let iterations = 0;
  let gnorm = projectedGradientNorm();
  const result = (converged: boolean, message: string): LbfgsResult => ({
    x: Array.from(x),
    f,
    gradientNorm: gnorm,
    iterations,
    evaluations,
    converged,
    message,
  });
  if (gnorm <= o.gradientTolerance) return result(true, "converged: projected gradient below tolerance at the start");

  let retriedSteepest = false;
  let smallestStep = Infinity; // smallest step tried by the current line search
  while (true) {
    if (iterations >= o.maxIterations) return result(false, `stopped after the maximum of ${o.maxIterations} iterations`);
    if (evaluations >= o.maxEvaluations) return result(false, `stopped after the maximum of ${o.maxEvaluations} evaluations`);

    // Free variables: not held at a bound by the gradient.
    for (let i = 0; i < n; i++) {
      free[i] = !bounded || !((x[i]! <= lo[i]! && g[i]! > 0) || (x[i]! >= hi[i]! && g[i]! < 0)) ? 1 : 0;
    }
    // Two-loop recursion on the free components: d = −H·g.
    for (let i = 0; i < n; i++) d[i] = free[i] ? -g[i]! : 0;
    let gamma = 1;
    for (let k = 0; k < stored; k++) {
      const j = (head - 1 - k + m) % m;
      const s = S[j]!;
      const y = Y[j]!;
      let dot = 0;
      for (let i = 0; i < n; i++) dot += s[i]! * d[i]!;
      const a = rho[j]! * dot;
      alphaBuf[j] = a;
      for (let i = 0; i < n; i++) d[i]! -= a * y[i]!;
    }
    if (stored > 0) {
      const j = (head - 1 + m) % m;
      const y = Y[j]!;
      let yy = 0;
      for (let i = 0; i < n; i++) yy += y[i]! * y[i]!;
      gamma = 1 / (rho[j]! * yy);
      for (let i = 0; i < n; i++) d[i]! *= gamma;
    }
    for (let k = stored - 1; k >= 0; k--) {
      const j = (head - 1 - k + m) % m;
      const s = S[j]!;
      const y = Y[j]!;
      let dot = 0;
      for (let i = 0; i < n; i++) dot += y[i]! * d[i]!;
      const b = rho[j]! * dot;
      const a = alphaBuf[j]!;
      for (let i = 0; i < n; i++) d[i]! += (a - b) * s[i]!;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) {
      if (!free[i]) d[i] = 0;
      slope += g[i]! * d[i]!;
    }
    if (!(slope < 0)) {
      // Not a descent direction (stale curvature pairs): restart from steepest descent.
      stored = 0;
      slope = 0;
      for (let i = 0; i < n; i++) {
        d[i] = free[i] ? -g[i]! : 0;
        slope += g[i]! * d[i]!;
      }
      if (!(slope < 0)) return result(true, "converged: no descent direction inside the bounds");
    }
    // First step of a fresh memory: scale so that the step is at most 1 in the largest component.
    let t0 = 1;
    if (stored === 0) {
      let dmax = 0;
      for (let i = 0; i < n; i++) dmax = Math.max(dmax, Math.abs(d[i]!));
      t0 = Math.min(1, 1 / dmax);
    }

    const fOld = f;
    smallestStep = Infinity;
    const ls = bounded
      ? projectedBacktracking(t0)
      : strongWolfe(t0, slope);
    if (!ls) {
      if (stored > 0 && !retriedSteepest) {
        stored = 0;
        retriedSteepest = true;
        continue;
      }
      // The step that was tried would lower f by less than rounding can resolve: that is the optimum.
      if (-slope * smallestStep <= 16 * Number.EPSILON * Math.abs(f)) {
        return result(true, "converged: no lower point at floating-point precision");
      }
      return result(false, "line search could not find a lower point along the search direction");
    }
    retriedSteepest = false;
    // Accept: xt, gt, ft hold the new point. Update memory with s = xt − x, y = gt − g.
    const sNew = S[head]!;
    const yNew = Y[head]!;
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      const si = xt[i]! - x[i]!;
      const yi = gt[i]! - g[i]!;
      sNew[i] = si;
      yNew[i] = yi;
      sy += si * yi;
      yy += yi * yi;
    }
    if (sy > Number.EPSILON * yy && sy > 0) {
      rho[head] = 1 / sy;
      head = (head + 1) % m;
      if (stored < m) stored++;
    }
    x.set(xt);
    g.set(gt);
    f = ls.f;
    iterations++;
    gnorm = projectedGradientNorm();
    if (gnorm <= o.gradientTolerance) return result(true, "converged: projected gradient below tolerance");
    const denom = Math.max(Math.abs(fOld), Math.abs(f), 1);
    if ((fOld - f) / denom <= o.functionTolerance) return result(true, "converged: relative reduction of f below tolerance");
  }

  /** Evaluates the point x + t·d (projected when bounded) into xt/gt. */
  function trial(t: number): number {
    if (t < smallestStep) smallestStep = t;
    for (let i = 0; i < n; i++) {
      let v = x[i]! + t * d[i]!;
      if (bounded) v = Math.min(hi[i]!, Math.max(lo[i]!, v));
      xt[i] = v;
    }
    evaluations++;
    const ft = fg(xt, gt);
    if (!Number.isFinite(ft)) return Infinity;
    for (let i = 0; i < n; i++) if (!Number.isFinite(gt[i]!)) return Infinity;
    return ft;
  }
  function directional(): number {
    let s = 0;
    for (let i = 0; i < n; i++) s += gt[i]! * d[i]!;
    return s;
  }

  /** Backtracking Armijo search along the projected path. Leaves the accepted point in xt/gt. */
  function projectedBacktracking(t0: number): { f: number } | null {
    let t = t0;
    for (let k = 0; k < o.maxLineSearchSteps; k++) {
      const ft = trial(t);
      let decrease = 0;
      for (let i = 0; i < n; i++) decrease += g[i]! * (xt[i]! - x[i]!);
      if (ft <= f + o.c1 * decrease && ft < f) return { f: ft };
      if (ft === f && decrease === 0) return null; // projected step is zero
      t *= 0.5;
    }
    return null;
  }

  /**
   * Strong-Wolfe line search (Nocedal & Wright Alg. 3.5 with the zoom of Alg. 3.6). Returns the accepted
   * value with xt/gt holding the point, or null. When the budget runs out it falls back to the best point
   * found that satisfies the sufficient-decrease condition.
   */
  function strongWolfe(t0: number, slope0: number): { f: number } | null {
    const f0 = f;
    let tPrev = 0;
    let fPrev = f0;
    let dPrev = slope0;
    let t = t0;
    let best = Infinity;
    let bestT = 0;
    const note = (tt: number, ft: number) => {
      if (ft < best && ft <= f0 + o.c1 * tt * slope0) {
        best = ft;
        bestT = tt;
      }
    };
    for (let k = 0; k < o.maxLineSearchSteps; k++) {
      const ft = trial(t);
      const dt = Number.isFinite(ft) ? directional() : NaN;
      note(t, ft);
      if (!Number.isFinite(ft) || ft > f0 + o.c1 * t * slope0 || (k > 0 && ft >= fPrev)) {
        return zoom(tPrev, fPrev, dPrev, t, ft, dt, o.maxLineSearchSteps - k - 1);
      }
      if (Math.abs(dt) <= -o.c2 * slope0) return { f: ft };
      if (dt >= 0) return zoom(t, ft, dt, tPrev, fPrev, dPrev, o.maxLineSearchSteps - k - 1);
      tPrev = t;
      fPrev = ft;
      dPrev = dt;
      t *= 4;
    }
    return fallback();

    function fallback(): { f: number } | null {
      if (best < f0) {
        const fb = trial(bestT);
        return Number.isFinite(fb) ? { f: fb } : null;
      }
      return null;
    }

    function zoom(
      tLo: number,
      fLo: number,
      dLo: number,
      tHi: number,
      fHi: number,
      dHi: number,
      budget: number,
    ): { f: number } | null {
      for (let k = 0; k < budget; k++) {
        const width = tHi - tLo;
        if (Math.abs(width) <= 1e-16 * Math.max(1, Math.abs(tLo))) break;
        // Cubic interpolation through (tLo, fLo, dLo) and (tHi, fHi, dHi), safeguarded to the middle 80 %.
        let tj = NaN;
        if (Number.isFinite(fHi) && Number.isFinite(dHi)) {
          const d1 = dLo + dHi - (3 * (fLo - fHi)) / (tLo - tHi);
          const disc = d1 * d1 - dLo * dHi;
          if (disc >= 0) {
            const d2 = Math.sign(tHi - tLo) * Math.sqrt(disc);
            tj = tHi - (tHi - tLo) * ((dHi + d2 - d1) / (dHi - dLo + 2 * d2));
          }
        }
        const a = Math.min(tLo, tHi);
        const b = Math.max(tLo, tHi);
        const margin = 0.1 * (b - a);
        if (!Number.isFinite(tj) || tj < a + margin || tj > b - margin) tj = 0.5 * (tLo + tHi);
        const fj = trial(tj);
        const dj = Number.isFinite(fj) ? directional() : NaN;
        note(tj, fj);
        if (!Number.isFinite(fj) || fj > f0 + o.c1 * tj * slope0 || fj >= fLo) {
          tHi = tj;
          fHi = fj;
          dHi = dj;
        } else {
          if (Math.abs(dj) <= -o.c2 * slope0) return { f: fj };
          if (dj * (tHi - tLo) >= 0) {
            tHi = tLo;
            fHi = fLo;
            dHi = dLo;
          }
          tLo = tj;
          fLo = fj;
          dLo = dj;
        }
      }
      return fallback();
    }
  }
}
