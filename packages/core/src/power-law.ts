/**
 * Power law y = K·x^a, fitted by (weighted) ordinary least squares of ln y on ln x: ln y = ln K + a·ln x.
 * With weights w_i (the `weight` field of each point; 1 when absent) it minimises Σ w_i·(ln y_i − ln ŷ_i)²,
 * which is sklearn's `LinearRegression().fit(ln x, ln y, sample_weight = w)` (Kaplan 2020; Porian 2024's
 * optimal-N/D laws). Closed form, O(n).
 *
 * Throws (validate-points.ts messages) on fewer than 2 points, non-finite x/y/weight, non-positive x or y,
 * negative weights, all-zero weights, or a single distinct x.
 */
import type { FitResult, Point } from "./types";
import { goodnessOfFit } from "./goodness-of-fit";
import { linearRegression } from "./linear-regression";
import { neumaierSum } from "./neumaier-sum";
import { validatePoints } from "./validate-points";

export type PowerLawParam = "K" | "a";
export type PowerLawParams = Record<PowerLawParam, number>;

export interface PowerLawOptions {
  /** Use each point's `weight` (1 when absent); false fits every point with weight 1. */
  useWeights: boolean;
}

/** The defaults of every option, in one place. */
export const POWER_LAW_DEFAULTS: Readonly<PowerLawOptions> = Object.freeze({ useWeights: true });

/** Fewest points: two parameters. */
export const POWER_LAW_MIN_POINTS = 2;

/**
 * Fits y = K·x^a. `objective` is Σ w·(ln y − ln ŷ)²; `gof` is unweighted (like sklearn's `score`).
 * Closed form (iterations 0); marked not converged only when K = e^intercept over- or underflows.
 */
export function fitPowerLaw(points: readonly Point[], options: Partial<PowerLawOptions> = {}): FitResult<PowerLawParam> {
  const opts: PowerLawOptions = { ...POWER_LAW_DEFAULTS, ...options };
  validatePoints("power-law", points, {
    minPoints: POWER_LAW_MIN_POINTS,
    positiveX: true,
    positiveY: true,
    useWeights: opts.useWeights,
  });
  const lx = points.map((p) => Math.log(p.x));
  const ly = points.map((p) => Math.log(p.y));
  const w = opts.useWeights ? points.map((p) => p.weight ?? 1) : undefined;
  const line = linearRegression(lx, ly, w);
  const params: PowerLawParams = { K: Math.exp(line.intercept), a: line.slope };
  const yhat = points.map((p) => predictPowerLaw(params, p.x));
  const objective = neumaierSum(
    lx.map((v, i) => {
      const r = (ly[i] as number) - (line.intercept + line.slope * v);
      return (w?.[i] ?? 1) * r * r;
    }),
  );
  const representable = Number.isFinite(params.K) && params.K > 0 && Number.isFinite(params.a);
  const method = w ? "closed form: weighted least squares of ln y on ln x" : "closed form: least squares of ln y on ln x";
  return {
    model: "power-law",
    params,
    objective,
    n: points.length,
    converged: representable,
    iterations: 0,
    message: representable
      ? method
      : `${method}; K = exp(${line.intercept.toPrecision(6)}) is outside floating-point range, so the law cannot be used`,
    gof: goodnessOfFit(
      points.map((p) => p.y),
      yhat,
    ),
  };
}

/**
 * ŷ = K·x^a, evaluated as sign(K)·exp(ln|K| + a·ln x) so that a tiny K times a huge x^a (both fitted in log
 * space) does not overflow to Infinity or underflow to 0 on the way. O(1), no checks (hot path).
 */
export function predictPowerLaw(params: PowerLawParams, x: number): number {
  return Math.sign(params.K) * Math.exp(Math.log(Math.abs(params.K)) + params.a * Math.log(x));
}

/** The x at which K·x^a = y: x = (y/K)^(1/a). Throws when y ≤ 0 or a = 0 (no unique answer). */
export function inversePowerLaw(params: PowerLawParams, y: number): number {
  if (!(y > 0)) throw new Error(`power-law inverse needs a positive target y, got y = ${y}`);
  if (params.a === 0) throw new Error("power-law inverse needs a non-zero exponent a: with a = 0, y is constant");
  return Math.pow(y / params.K, 1 / params.a);
}
