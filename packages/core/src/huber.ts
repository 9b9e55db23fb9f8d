/**
 * Huber loss ρ(r) = ½r² for |r| ≤ δ, else δ(|r| − ½δ). Scaling-law fits sum it over points
 * (never average it: a mean makes quasi-Newton solvers stop at their start, see PRODUCT.md).
 */
export function huber(r: number, delta: number): number {
  const a = Math.abs(r);
  return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
}

/** dρ/dr: r inside the quadratic zone, ±δ outside. */
export function huberDerivative(r: number, delta: number): number {
  if (r > delta) return delta;
  if (r < -delta) return -delta;
  return r;
}

/** log(Σ exp(v_i)) without overflow. Returns -Infinity for an empty list. */
export function logSumExp(values: readonly number[]): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}
