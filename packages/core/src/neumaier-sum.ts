/**
 * Compensated summation (Neumaier's variant of Kahan): the error stays O(ε) instead of O(n·ε), also when
 * a term is larger than the running sum. Used wherever many terms of mixed size are added (least-squares
 * moments, objectives). O(n).
 */
export function neumaierSum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + compensation;
}
