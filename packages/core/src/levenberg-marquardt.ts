/**
 * Levenberg–Marquardt nonlinear least squares: minimises ½·Σ r_i(p)² over parameters p.
 *
 * Choice: the iteration is our own code; the linear solve of each step uses ml-matrix's QR decomposition
 * on the augmented system [J; √μ·D]·δ = [−r; 0], which is the damped Gauss–Newton step
 * (JᵀJ + μ·D²)·δ = −Jᵀr without squaring the condition number of J (as MINPACK does).
 *
 * - Scaling D² = diag(JᵀJ), kept as the running maximum over iterations (MINPACK's `mode = 1`), so the
 *   damping is invariant to the units of each parameter.
 * - Damping update of Nielsen (1999): after an accepted step with gain ratio ρ, μ ← μ·max(1/3, 1 − (2ρ − 1)³);
 *   after a rejected one, μ ← μ·ν and ν ← 2ν.
 * - Jacobian: analytic when `jacobian` is given, else central (default) or forward finite differences with
 *   step h_j = differenceStep·|p_j| (differenceStep when p_j = 0; differenceStep defaults to ε^(1/3) for central, ε^(1/2) forward).
 * - Bounds (optional): each trial point is projected onto [lower, upper]; the step is then the projected one.
 *
 * Stopping rules (MINPACK's, so the same tolerances mean the same thing):
 * - `ftol`: an accepted step whose actual and predicted relative reductions of Σr² are both ≤ ftol;
 * - `xtol`: ‖D·δ‖ ≤ xtol·(‖D·p‖ + xtol) (the step no longer moves the parameters);
 * - `gtol`: max_j |(Jᵀr)_j| / (‖J_j‖·‖r‖) ≤ gtol (the residual is orthogonal to every column of J);
 * - an exact fit (Σr² = 0).
 *
 * Cost: per iteration one QR of an (m + n) × n matrix, O((m + n)·n²), one residual evaluation, and a new
 * Jacobian after each accepted step (2n residual evaluations by central differences).
 * Failure modes: throws when the initial point has the wrong length or its residuals are not finite;
 * a trial point with non-finite residuals counts as a rejected step; returns `converged: false` with a
 * message after `maxIterations` trial steps.
 */
import { Matrix, QrDecomposition, SingularValueDecomposition } from "ml-matrix";
import { definedOnly } from "./defined-only";

export interface LevenbergMarquardtProblem {
  /** Residuals r(p), a fixed-length array (length m ≥ 1). */
  residuals: (params: readonly number[]) => number[];
  /** Optional analytic Jacobian ∂r_i/∂p_j (m rows × n columns). */
  jacobian?: (params: readonly number[]) => number[][];
  /** Starting parameters (length n). */
  initial: readonly number[];
  /** Optional lower bounds (−Infinity for none), length n. */
  lower?: readonly number[];
  /** Optional upper bounds (+Infinity for none), length n. */
  upper?: readonly number[];
}

export interface LevenbergMarquardtOptions {
  /** Maximum number of trial steps (accepted or rejected). */
  maxIterations: number;
  /** Relative reduction of Σr² below which an accepted step ends the search. */
  ftol: number;
  /** Relative step size below which the search ends. */
  xtol: number;
  /** Orthogonality of r to the columns of J below which the search ends. */
  gtol: number;
  /** Initial damping μ₀ (relative to D²). */
  initialDamping: number;
  /** Finite-difference scheme when no analytic Jacobian is given. */
  finiteDifference: "central" | "forward";
  /** Relative finite-difference step; `undefined` picks ε^(1/3) (central) or ε^(1/2) (forward). */
  differenceStep: number | undefined;
}

/** The defaults of every option, in one place. */
export const LEVENBERG_MARQUARDT_DEFAULTS: Readonly<LevenbergMarquardtOptions> = Object.freeze({
  maxIterations: 1000,
  ftol: 1e-12,
  xtol: 1e-12,
  gtol: 1e-12,
  initialDamping: 1e-3,
  finiteDifference: "central",
  differenceStep: undefined,
});

export interface LevenbergMarquardtResult {
  params: number[];
  /** Euclidean norm ‖r(params)‖. */
  residualNorm: number;
  /** Trial steps taken (accepted and rejected). */
  iterations: number;
  /** Residual evaluations, Jacobian columns included. */
  evaluations: number;
  converged: boolean;
  /** Which stopping rule ended the search. */
  message: string;
}

/** Fills in defaults and checks every option; throws an exact message for a bad value. */
export function resolveLevenbergMarquardtOptions(
  options: Partial<LevenbergMarquardtOptions> = {},
): LevenbergMarquardtOptions {
  const o: LevenbergMarquardtOptions = { ...LEVENBERG_MARQUARDT_DEFAULTS, ...definedOnly(options) };
  if (!Number.isInteger(o.maxIterations) || o.maxIterations < 1) {
    throw new Error(`levenberg-marquardt option maxIterations must be a positive integer, got ${o.maxIterations}`);
  }
  for (const key of ["ftol", "xtol", "gtol"] as const) {
    if (!(o[key] >= 0) || !Number.isFinite(o[key])) {
      throw new Error(`levenberg-marquardt option ${key} must be a non-negative number, got ${o[key]}`);
    }
  }
  if (!(o.initialDamping > 0) || !Number.isFinite(o.initialDamping)) {
    throw new Error(`levenberg-marquardt option initialDamping must be a positive number, got ${o.initialDamping}`);
  }
  if (o.finiteDifference !== "central" && o.finiteDifference !== "forward") {
    throw new Error(`levenberg-marquardt option finiteDifference must be "central" or "forward", got ${String(o.finiteDifference)}`);
  }
  if (o.differenceStep !== undefined && !(o.differenceStep > 0 && Number.isFinite(o.differenceStep))) {
    throw new Error(`levenberg-marquardt option differenceStep must be a positive number, got ${o.differenceStep}`);
  }
  return o;
}

const sumSquares = (r: readonly number[]): number => {
  let s = 0;
  for (const v of r) s += v * v;
  return s;
};

const allFinite = (r: readonly number[]): boolean => r.every((v) => Number.isFinite(v));

/** Minimises ½‖r(p)‖² from `problem.initial`; see the file comment for the method and stopping rules. */
export function levenbergMarquardt(
  problem: LevenbergMarquardtProblem,
  options: Partial<LevenbergMarquardtOptions> = {},
): LevenbergMarquardtResult {
  const opts = resolveLevenbergMarquardtOptions(options);
  const n = problem.initial.length;
  if (n === 0) throw new Error("levenberg-marquardt needs at least one parameter");
  const lower = problem.lower ?? new Array<number>(n).fill(-Infinity);
  const upper = problem.upper ?? new Array<number>(n).fill(Infinity);
  if (lower.length !== n || upper.length !== n) {
    throw new Error(`levenberg-marquardt bounds must have ${n} entries, got ${lower.length} and ${upper.length}`);
  }
  const project = (p: number[]): number[] =>
    p.map((v, j) => Math.min(upper[j] as number, Math.max(lower[j] as number, v)));

  let evaluations = 0;
  const evaluate = (p: readonly number[]): number[] => {
    evaluations++;
    return problem.residuals(p);
  };

  let p = project([...problem.initial]);
  if (!allFinite(p)) throw new Error(`levenberg-marquardt needs finite initial parameters, got [${p.join(", ")}]`);
  let r = evaluate(p);
  const m = r.length;
  if (m === 0) throw new Error("levenberg-marquardt needs at least one residual");
  if (!allFinite(r)) {
    throw new Error(`levenberg-marquardt residuals are not finite at the initial parameters [${p.join(", ")}]`);
  }

  const step = opts.differenceStep ?? (opts.finiteDifference === "central" ? Math.cbrt(Number.EPSILON) : Math.sqrt(Number.EPSILON));
  const jacobianAt = (q: number[], rq: number[]): number[][] => {
    if (problem.jacobian) return problem.jacobian(q);
    const J: number[][] = Array.from({ length: m }, () => new Array<number>(n).fill(0));
    for (let j = 0; j < n; j++) {
      const qj = q[j] as number;
      const h = step * (qj !== 0 ? Math.abs(qj) : 1);
      const up = [...q];
      const down = [...q];
      let hUp = h;
      let hDown = h;
      // Stay inside the bounds: a one-sided difference where the box is too close.
      if (qj + h > (upper[j] as number)) hUp = 0;
      if (qj - h < (lower[j] as number)) hDown = 0;
      if (opts.finiteDifference === "forward") hDown = hUp > 0 ? 0 : h;
      if (hUp === 0 && hDown === 0) hDown = h;
      up[j] = qj + hUp;
      down[j] = qj - hDown;
      const rUp = hUp > 0 ? evaluate(up) : rq;
      const rDown = hDown > 0 ? evaluate(down) : rq;
      for (let i = 0; i < m; i++) (J[i] as number[])[j] = ((rUp[i] as number) - (rDown[i] as number)) / (hUp + hDown);
    }
    return J;
  };

  let cost = sumSquares(r);
  let J = jacobianAt(p, r);
  const d2 = new Array<number>(n).fill(0);
  const updateScaling = (): void => {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += ((J[i] as number[])[j] as number) ** 2;
      d2[j] = Math.max(d2[j] as number, s);
    }
  };
  updateScaling();

  const gradientTest = (): boolean => {
    if (cost === 0) return true;
    const rn = Math.sqrt(cost);
    let worst = 0;
    for (let j = 0; j < n; j++) {
      let g = 0;
      let cn = 0;
      for (let i = 0; i < m; i++) {
        const jij = (J[i] as number[])[j] as number;
        g += jij * (r[i] as number);
        cn += jij * jij;
      }
      if (cn > 0) worst = Math.max(worst, Math.abs(g) / (Math.sqrt(cn) * rn));
    }
    return worst <= opts.gtol;
  };

  const finish = (converged: boolean, message: string): LevenbergMarquardtResult => ({
    params: p,
    residualNorm: Math.sqrt(cost),
    iterations,
    evaluations,
    converged,
    message,
  });

  let iterations = 0;
  if (cost === 0) return finish(true, "exact fit: the residuals are zero at the initial parameters");
  if (gradientTest()) return finish(true, `converged: gradient test (gtol = ${opts.gtol}) met at the initial parameters`);

  let mu = opts.initialDamping;
  let nu = 2;
  while (iterations < opts.maxIterations) {
    iterations++;
    // Damped step from the augmented least-squares system [J; √μ·D]·δ = [−r; 0].
    const dScale = d2.map((v) => Math.sqrt(Math.max(v, 1e-300)));
    const A = new Matrix(m + n, n);
    const b = new Matrix(m + n, 1);
    for (let i = 0; i < m; i++) {
      const row = J[i] as number[];
      for (let j = 0; j < n; j++) A.set(i, j, row[j] as number);
      b.set(i, 0, -(r[i] as number));
    }
    const sqrtMu = Math.sqrt(mu);
    for (let j = 0; j < n; j++) A.set(m + j, j, sqrtMu * (dScale[j] as number));
    const qr = new QrDecomposition(A);
    const delta = (qr.isFullRank() ? qr.solve(b) : new SingularValueDecomposition(A, { autoTranspose: true }).solve(b))
      .getColumn(0);
    const trial = project(p.map((v, j) => v + (delta[j] as number)));
    const taken = trial.map((v, j) => v - (p[j] as number));

    let dxNorm = 0;
    let dpNorm = 0;
    for (let j = 0; j < n; j++) {
      dxNorm += ((dScale[j] as number) * (taken[j] as number)) ** 2;
      dpNorm += ((dScale[j] as number) * (p[j] as number)) ** 2;
    }
    dxNorm = Math.sqrt(dxNorm);
    dpNorm = Math.sqrt(dpNorm);

    // Predicted reduction of Σr² by the linear model. For the unprojected step it equals
    // ‖J·δ‖² + 2μ‖D·δ‖² (no cancellation); a projected step uses Σr² − ‖r + J·δ‖² directly.
    const projected = taken.some((v, j) => v !== delta[j]);
    let predictedReduction = 0;
    if (projected) {
      let predicted = 0;
      for (let i = 0; i < m; i++) {
        let v = r[i] as number;
        const row = J[i] as number[];
        for (let j = 0; j < n; j++) v += (row[j] as number) * (taken[j] as number);
        predicted += v * v;
      }
      predictedReduction = cost - predicted;
    } else {
      let jd = 0;
      for (let i = 0; i < m; i++) {
        let v = 0;
        const row = J[i] as number[];
        for (let j = 0; j < n; j++) v += (row[j] as number) * (taken[j] as number);
        jd += v * v;
      }
      let dd = 0;
      for (let j = 0; j < n; j++) dd += ((dScale[j] as number) * (taken[j] as number)) ** 2;
      predictedReduction = jd + 2 * mu * dd;
    }

    const rTrial = evaluate(trial);
    const costTrial = allFinite(rTrial) ? sumSquares(rTrial) : Infinity;
    const actualReduction = cost - costTrial;
    const rho = predictedReduction > 0 ? actualReduction / predictedReduction : -1;

    const relActual = actualReduction / cost;
    const relPredicted = predictedReduction / cost;
    const accepted = rho > 0 && costTrial < cost;
    if (accepted) {
      p = trial;
      r = rTrial;
      cost = costTrial;
      if (cost === 0) return finish(true, "exact fit: the residuals are zero");
    }
    if (Math.abs(relActual) <= opts.ftol && relPredicted <= opts.ftol && rho <= 2) {
      return finish(true, `converged: relative reduction of the sum of squares below ftol = ${opts.ftol}`);
    }
    if (dxNorm <= opts.xtol * (dpNorm + opts.xtol)) {
      return finish(true, `converged: relative step below xtol = ${opts.xtol}`);
    }
    if (accepted) {
      J = jacobianAt(p, r);
      updateScaling();
      if (gradientTest()) return finish(true, `converged: gradient test (gtol = ${opts.gtol}) met`);
      mu *= Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
      nu = 2;
    } else {
      mu *= nu;
      nu *= 2;
      if (!Number.isFinite(mu) || mu > 1e300) {
        return finish(false, "stopped: the damping grew without bound and no step reduces the sum of squares");
      }
    }
  }
  return finish(false, `did not converge within ${opts.maxIterations} iterations (maxIterations)`);
}
