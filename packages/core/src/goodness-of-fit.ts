/**
 * Goodness of fit in log space (ln y against ln ŷ), so that every decade of the scale weighs the same.
 * O(n), compensated sums.
 */
import type { GoodnessOfFit } from "./types";
import { neumaierSum } from "./neumaier-sum";

/**
 * rmseLog = sqrt(mean((ln y − ln ŷ)²)); r2Log = 1 − SS_res/SS_tot in ln y. When every y is equal
 * (SS_tot = 0) r2Log is 1 for an exact fit and 0 otherwise. Both are NaN when some y or ŷ is not positive
 * (the log is undefined there); callers that allow such values say so in their fit message.
 */
export function goodnessOfFit(y: readonly number[], yhat: readonly number[]): GoodnessOfFit {
  const n = y.length;
  if (n === 0 || y.some((v) => !(v > 0)) || yhat.some((v) => !(v > 0))) return { rmseLog: Number.NaN, r2Log: Number.NaN };
  const ly = y.map(Math.log);
  const res = ly.map((v, i) => v - Math.log(yhat[i] ?? Number.NaN));
  const ssRes = neumaierSum(res.map((r) => r * r));
  const mean = neumaierSum(ly) / n;
  const ssTot = neumaierSum(ly.map((v) => (v - mean) * (v - mean)));
  const r2Log = ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0;
  return { rmseLog: Math.sqrt(ssRes / n), r2Log };
}
