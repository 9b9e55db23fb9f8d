/**
 * Log-linear law y = a + b·log10(x) (score against dataset size, common practice), fitted by (weighted)
 * ordinary least squares of y on log10 x. Closed form, O(n). Only x sits on a log axis: y may be any finite
 * number (then the log-space goodness of fit is undefined and the fit message says so).
 *
 * Throws (validate-points.ts messages) on fewer than 2 points, non-finite x/y/weight, non-positive x,
 * negative or all-zero weights, or a single distinct x.
 *
 * Magnitudes near the limits of floating point (|y| or weights near 1e±300): when the direct solve over- or
 * underflows, y and the weights are rescaled by powers of two (exact) and the line solved again. If the
 * line or its objective Σ w·(y − ŷ)² still lies beyond the floating-point range, the fit returns
 * `converged: false` with a message saying so (LOG_LINEAR_OVERFLOW), never a silent Infinity or NaN.
 */
import { InputError } from "./input-error";
import type { FitResult, Point } from "./types";
import { goodnessOfFit } from "./goodness-of-fit";
import { linearRegression } from "./linear-regression";
import { neumaierSum } from "./neumaier-sum";
import { validatePoints } from "./validate-points";

export type LogLinearParam = "a" | "b";
export type LogLinearParams = Record<LogLinearParam, number>;

export interface LogLinearOptions {
  /** Use each point's `weight` (1 when absent); false fits every point with weight 1. */
  useWeights: boolean;
}

/** The defaults of every option, in one place. */
export const LOG_LINEAR_DEFAULTS: Readonly<LogLinearOptions> = Object.freeze({ useWeights: true });

/** Fewest points: two parameters. */
export const LOG_LINEAR_MIN_POINTS = 2;

/** The messages appended when a fit cannot be represented (see the file comment); each asserted by a test. */
export const LOG_LINEAR_OVERFLOW = {
  objective: (log10Objective: number) =>
    `; its objective Σ w·(y − ŷ)² ≈ 10^${log10Objective.toFixed(1)} is beyond floating-point range (reported as Infinity), so it is marked not converged: divide y by a large constant and refit`,
  params: (a: number, b: number) =>
    `; the line a = ${a}, b = ${b} is beyond floating-point range, so it is marked not converged: divide y by a large constant and refit`,
} as const;

/**
 * Fits y = a + b·log10(x). `objective` is Σ w·(y − ŷ)². Closed form (iterations 0); converged unless the
 * line or its objective is beyond floating-point range (then the message says which).
 */
export function fitLogLinear(points: readonly Point[], options: Partial<LogLinearOptions> = {}): FitResult<LogLinearParam> {
  const opts: LogLinearOptions = { ...LOG_LINEAR_DEFAULTS, ...options };
  validatePoints("log-linear", points, {
    minPoints: LOG_LINEAR_MIN_POINTS,
    positiveX: true,
    positiveY: false,
    useWeights: opts.useWeights,
  });
  const lx = points.map((p) => Math.log10(p.x));
  const y = points.map((p) => p.y);
  const w = opts.useWeights ? points.map((p) => p.weight ?? 1) : undefined;
  const line = linearRegression(lx, y, w);
  let params: LogLinearParams = { a: line.intercept, b: line.slope };
  let yhat = points.map((p) => predictLogLinear(params, p.x));
  let objective = neumaierSum(y.map((v, i) => (w?.[i] ?? 1) * (v - (yhat[i] as number)) ** 2));
  let overflow = "";
  if (!Number.isFinite(params.a) || !Number.isFinite(params.b) || !Number.isFinite(objective)) {
    const rescaled = rescaledLeastSquares(lx, y, w);
    params = rescaled.params;
    yhat = points.map((p) => predictLogLinear(params, p.x));
    objective = rescaled.objective;
    if (!Number.isFinite(params.a) || !Number.isFinite(params.b)) {
      overflow = LOG_LINEAR_OVERFLOW.params(params.a, params.b);
    } else if (!Number.isFinite(objective)) {
      overflow = LOG_LINEAR_OVERFLOW.objective(rescaled.log10Objective);
    }
  }
  const gof = goodnessOfFit(y, yhat);
  let message = w ? "closed form: weighted least squares of y on log10 x" : "closed form: least squares of y on log10 x";
  if (Number.isNaN(gof.rmseLog)) message += "; log-space goodness of fit undefined because some y or ŷ is not positive";
  message += overflow;
  return { model: "log-linear", params, objective, n: points.length, converged: overflow === "", iterations: 0, message, gof };
}

/**
 * The same least squares with y divided by 2^ky and the weights by 2^kw, powers of two that bring their
 * largest magnitudes near 1 (exact: scaling by a power of two changes no digit). Returns the line in the
 * original units (which may over- or underflow) and log10 of the objective, which is finite whenever the
 * line is, and the objective in the original units (Infinity when it is beyond floating-point range).
 */
function rescaledLeastSquares(
  lx: readonly number[],
  y: readonly number[],
  w: readonly number[] | undefined,
): { params: LogLinearParams; objective: number; log10Objective: number } {
  const exponent = (values: readonly number[]) => {
    const top = Math.max(...values.map(Math.abs));
    return top > 0 ? Math.ceil(Math.log2(top)) : 0;
  };
  const ky = exponent(y);
  const kw = w ? exponent(w) : 0;
  const ys = y.map((v) => timesPowerOfTwo(v, -ky));
  const ws = w?.map((v) => timesPowerOfTwo(v, -kw));
  const line = linearRegression(lx, ys, ws);
  const scaledObjective = neumaierSum(ys.map((v, i) => (ws?.[i] ?? 1) * (v - (line.intercept + line.slope * (lx[i] as number))) ** 2));
  return {
    params: { a: timesPowerOfTwo(line.intercept, ky), b: timesPowerOfTwo(line.slope, ky) },
    objective: scaledObjective === 0 ? 0 : timesPowerOfTwo(scaledObjective, 2 * ky + kw),
    log10Objective: Math.log10(scaledObjective) + (2 * ky + kw) * Math.LOG10E * Math.LN2,
  };
}

/**
 * v·2^k in steps of at most 2^±1000, so that 2^k itself need not be representable; exact unless v·2^k is
 * not representable (then ±Infinity, 0 or a subnormal, as one multiplication would give).
 */
function timesPowerOfTwo(v: number, k: number): number {
  let out = v;
  for (let rest = k; rest !== 0; ) {
    const step = Math.max(-1000, Math.min(1000, rest));
    out *= Math.pow(2, step);
    rest -= step;
  }
  return out;
}

/** ŷ = a + b·log10(x). O(1), no checks (hot path). */
export function predictLogLinear(params: LogLinearParams, x: number): number {
  return params.a + params.b * Math.log10(x);
}

/** The x at which a + b·log10(x) = y: x = 10^((y − a)/b). Throws when b = 0 (y is then constant). */
export function inverseLogLinear(params: LogLinearParams, y: number): number {
  if (params.b === 0) throw new InputError("no-inverse", "log-linear inverse needs a non-zero slope b: with b = 0, y is constant");
  return Math.pow(10, (y - params.a) / params.b);
}
