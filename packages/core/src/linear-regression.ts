/**
 * Weighted ordinary least squares of a straight line, y = intercept + slope·x, minimising Σ w·(y − ŷ)²
 * (weights 1 when omitted). Two passes with centred moments and compensated sums, so the answer matches
 * a QR solve (e.g. sklearn's LinearRegression) to about 1e-13 even when x sits far from 0 (ln C ≈ 40).
 * O(n). Callers validate the data; this throws only when x has no spread (under the weights).
 */
import { InputError } from "./input-error";
import { neumaierSum } from "./neumaier-sum";

export interface Line {
  intercept: number;
  slope: number;
}

export function linearRegression(x: readonly number[], y: readonly number[], weights?: readonly number[]): Line {
  const n = x.length;
  const w = weights ?? x.map(() => 1);
  const sw = neumaierSum(w);
  const mx = neumaierSum(x.map((v, i) => (w[i] as number) * v)) / sw;
  const my = neumaierSum(y.map((v, i) => (w[i] as number) * v)) / sw;
  const sxx = neumaierSum(x.map((v, i) => (w[i] as number) * (v - mx) * (v - mx)));
  const sxy = neumaierSum(x.map((v, i) => (w[i] as number) * (v - mx) * ((y[i] as number) - my)));
  if (!(sxx > 0) || n < 2) throw new InputError("too-few-distinct", "linear regression needs at least 2 distinct x values with positive weight");
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}
