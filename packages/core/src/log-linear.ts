/**
 * Log-linear law y = a + b·log10(x) (score against dataset size, common practice), fitted by (weighted)
 * ordinary least squares of y on log10 x. Closed form, O(n). Only x sits on a log axis: y may be any finite
 * number (then the log-space goodness of fit is undefined and the fit message says so).
 *
 * Throws (validate-points.ts messages) on fewer than 2 points, non-finite x/y/weight, non-positive x,
 * negative or all-zero weights, or a single distinct x.
 */
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

/** Fits y = a + b·log10(x). `objective` is Σ w·(y − ŷ)². Always converges (closed form): iterations 0. */
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
  const params: LogLinearParams = { a: line.intercept, b: line.slope };
  const yhat = points.map((p) => predictLogLinear(params, p.x));
  const objective = neumaierSum(y.map((v, i) => (w?.[i] ?? 1) * (v - (yhat[i] as number)) ** 2));
  const gof = goodnessOfFit(y, yhat);
  let message = w ? "closed form: weighted least squares of y on log10 x" : "closed form: least squares of y on log10 x";
  if (Number.isNaN(gof.rmseLog)) message += "; log-space goodness of fit undefined because some y or ŷ is not positive";
  return { model: "log-linear", params, objective, n: points.length, converged: true, iterations: 0, message, gof };
}

/** ŷ = a + b·log10(x). O(1), no checks (hot path). */
export function predictLogLinear(params: LogLinearParams, x: number): number {
  return params.a + params.b * Math.log10(x);
}

/** The x at which a + b·log10(x) = y: x = 10^((y − a)/b). Throws when b = 0 (y is then constant). */
export function inverseLogLinear(params: LogLinearParams, y: number): number {
  if (params.b === 0) throw new Error("log-linear inverse needs a non-zero slope b: with b = 0, y is constant");
  return Math.pow(10, (y - params.a) / params.b);
}
