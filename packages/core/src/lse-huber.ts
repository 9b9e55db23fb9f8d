/**
 * One point's term of the robust log-space objectives of the joint fits: the Huber loss of a log residual
 * and its derivative ψ (chinchilla, kaplan, data-constrained), and for the three-term laws
 * L = e^t1 + e^t2 + e^t3 (chinchilla, data-constrained) the residual r = ln L − logsumexp(t1, t2, t3)
 * itself, with the softmax pieces the analytic gradients need. Kept in one place so the three objectives
 * compute the same numbers the same way.
 *
 * The results go into a caller-owned scratch record, reused across points, so the objective loops (run
 * thousands of times per bootstrap) stay allocation-free. O(1) per call.
 */

/** Weighted Huber loss w·ρ_δ(r) and its derivative w·ψ_δ(r) (see huber.ts). */
export interface HuberTerm {
  loss: number;
  psi: number;
}

/** HuberTerm of r = ln L − logsumexp(t1, t2, t3), with e^(tk − max) as xk and their sum. */
export interface LseHuberTerm extends HuberTerm {
  x1: number;
  x2: number;
  x3: number;
  sum: number;
}

export function createLseHuberTerm(): LseHuberTerm {
  return { loss: 0, psi: 0, x1: 0, x2: 0, x3: 0, sum: 0 };
}

/** Writes weight·ρ_δ(r) into out.loss and weight·ψ_δ(r) into out.psi (ψ = r inside ±δ, else ±δ). */
export function huberTerm(r: number, delta: number, weight: number, out: HuberTerm): void {
  const ar = r < 0 ? -r : r;
  if (ar <= delta) {
    out.loss = weight * 0.5 * r * r;
    out.psi = weight * r;
  } else {
    out.loss = weight * delta * (ar - 0.5 * delta);
    out.psi = r > 0 ? weight * delta : -weight * delta;
  }
}

/**
 * The HuberTerm of r = lnL − logsumexp(t1, t2, t3), computed without overflow, plus xk = e^(tk − max) and
 * sum = x1 + x2 + x3 (so ∂r/∂tk = −xk/sum).
 */
export function lseHuberTerm(
  t1: number,
  t2: number,
  t3: number,
  lnL: number,
  delta: number,
  weight: number,
  out: LseHuberTerm,
): void {
  const mx = t1 > t2 ? (t1 > t3 ? t1 : t3) : t2 > t3 ? t2 : t3;
  const x1 = Math.exp(t1 - mx);
  const x2 = Math.exp(t2 - mx);
  const x3 = Math.exp(t3 - mx);
  const s = x1 + x2 + x3;
  out.x1 = x1;
  out.x2 = x2;
  out.x3 = x3;
  out.sum = s;
  huberTerm(lnL - (mx + Math.log(s)), delta, weight, out);
}

/** The exact message for a bad Huber threshold of fit `model` (e.g. "kaplan"): δ must be positive and finite. */
export function checkHuberDelta(model: string, delta: number): void {
  if (!(delta > 0) || !Number.isFinite(delta)) throw new Error(`${model} fit needs delta > 0, got ${delta}`);
}
