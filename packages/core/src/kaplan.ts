/**
 * Kaplan et al. 2020 joint law L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D.
 *
 * Fitted like Chinchilla, robustly in log space: ln L̂ = α_D · logsumexp(p·(ln N_c − ln N), ln D_c − ln D)
 * with p = α_N/α_D, objective Σ Huber_δ(ln L − ln L̂) (δ = 1e-3, summed; on clean data this is least
 * squares in ln L, and it down-weights outliers beyond δ), analytic gradient.
 * Search: for fixed (p, ln N_c, ln D_c) the model is linear in α_D, so a grid over those three with α_D
 * solved in closed form (least squares in ln L) scores every cell; the best `polishStarts` cells are
 * polished by L-BFGS in all four parameters (internally centred: ln N_c − mean ln N, ln D_c − mean ln D).
 *
 * Cost: O(n·grid) with grid = |pGrid|·|logScaleGrid|² (10·13² cells by default) plus the polishes; a few ms.
 * Failure modes: throws on invalid input (messages of validateJointPoints in chinchilla.ts, model "kaplan",
 * at least 5 points); `converged: false` with the optimiser's message when the polish stops early.
 * N_c and D_c are extrapolations far beyond the data and are poorly determined by noisy data; α_N, α_D
 * much better.
 */
import { validateJointPoints } from "./chinchilla";
import { definedOnly } from "./defined-only";
import { huber } from "./huber";
import { checkHuberDelta, huberTerm, type HuberTerm } from "./lse-huber";
import { checkPolishStarts, minimizeFromStarts, polishedFitResult, type PolishOptions } from "./multi-start-lbfgs";
import type { FitResult, JointPoint } from "./types";

export type KaplanParam = "alphaN" | "alphaD" | "Nc" | "Dc";
export type KaplanParams = Record<KaplanParam, number>;

export interface KaplanOptions extends PolishOptions {
  /** Huber threshold on the log residual. */
  delta: number;
  /** Warm start: skip the grid. */
  start?: KaplanParams;
  /** Grid of p = α_N/α_D. */
  pGrid: readonly number[];
  /** Grid of ln N_c − mean ln N and of ln D_c − mean ln D. */
  logScaleGrid: readonly number[];
}

/** Defaults of every option, in one place. */
export const KAPLAN_DEFAULTS: Readonly<Omit<KaplanOptions, "start">> = Object.freeze({
  delta: 1e-3,
  pGrid: Object.freeze([0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4]),
  logScaleGrid: Object.freeze([-10, -5, -2, 0, 1, 2, 4, 6, 9, 12, 16, 22, 30]),
  polishStarts: 4,
  gradientTolerance: 1e-10,
  functionTolerance: 0,
  maxIterations: 3000,
});

/** Kaplan et al. 2020's joint fit (their Eq. 1.5 values). */
export const KAPLAN_2020: Readonly<KaplanParams> = Object.freeze({ alphaN: 0.076, alphaD: 0.103, Nc: 6.4e13, Dc: 1.8e13 });


function checkParams(p: KaplanParams, what: string): void {
  for (const key of ["alphaN", "alphaD", "Nc", "Dc"] as const) {
    const v = p[key];
    if (!(v > 0) || !Number.isFinite(v)) throw new Error(`kaplan ${what} ${key} must be a positive finite number, got ${v}`);
  }
}

export function resolveKaplanOptions(options: Partial<KaplanOptions> = {}): KaplanOptions {
  const o: KaplanOptions = { ...KAPLAN_DEFAULTS, ...definedOnly(options) };
  checkHuberDelta("kaplan", o.delta);
  checkPolishStarts("kaplan", o.polishStarts);
  if (o.pGrid.length === 0 || o.pGrid.some((v) => !(v > 0) || !Number.isFinite(v))) {
    throw new Error("kaplan fit pGrid must be a non-empty list of positive ratios");
  }
  if (o.logScaleGrid.length === 0 || o.logScaleGrid.some((v) => !Number.isFinite(v))) {
    throw new Error("kaplan fit logScaleGrid must be a non-empty list of finite numbers");
  }
  if (o.start) checkParams(o.start, "start");
  return o;
}

/** L = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D, evaluated in log space (no overflow for large N_c/N). */
export function predictKaplan(params: KaplanParams, at: { n: number; d: number }): number {
  const s1 = (params.alphaN / params.alphaD) * Math.log(params.Nc / at.n);
  const s2 = Math.log(params.Dc / at.d);
  const mx = Math.max(s1, s2);
  return Math.exp(params.alphaD * (mx + Math.log(Math.exp(s1 - mx) + Math.exp(s2 - mx))));
}

interface Prepared {
  lnN: Float64Array;
  lnD: Float64Array;
  lnL: Float64Array;
  cN: number;
  cD: number;
}

function prepare(points: readonly JointPoint[]): Prepared {
  const m = points.length;
  const lnN = Float64Array.from(points, (p) => Math.log(p.n));
  const lnD = Float64Array.from(points, (p) => Math.log(p.d));
  const lnL = Float64Array.from(points, (p) => Math.log(p.y));
  const cN = lnN.reduce((s, v) => s + v, 0) / m;
  const cD = lnD.reduce((s, v) => s + v, 0) / m;
  for (let i = 0; i < m; i++) {
    lnN[i]! -= cN;
    lnD[i]! -= cD;
  }
  return { lnN, lnD, lnL, cN, cD };
}

/** θ = (u, v, p, α_D) with u = ln N_c − cN, v = ln D_c − cD, p = α_N/α_D. */
function toTheta(k: KaplanParams, pr: Prepared): number[] {
  return [Math.log(k.Nc) - pr.cN, Math.log(k.Dc) - pr.cD, k.alphaN / k.alphaD, k.alphaD];
}
function fromTheta(t: ArrayLike<number>, pr: Prepared): KaplanParams {
  const p = t[2]!;
  const alphaD = t[3]!;
  return { alphaN: p * alphaD, alphaD, Nc: Math.exp(t[0]! + pr.cN), Dc: Math.exp(t[1]! + pr.cD) };
}

function makeObjective(pr: Prepared, delta: number) {
  const { lnN, lnD, lnL } = pr;
  const m = lnN.length;
  const term: HuberTerm = { loss: 0, psi: 0 };
  return (t: Float64Array, g: Float64Array): number => {
    const u = t[0]!;
    const v = t[1]!;
    const p = t[2]!;
    const aD = t[3]!;
    let f = 0;
    let gu = 0;
    let gv = 0;
    let gp = 0;
    let gaD = 0;
    for (let i = 0; i < m; i++) {
      const du = u - lnN[i]!;
      const s1 = p * du;
      const s2 = v - lnD[i]!;
      const mx = s1 > s2 ? s1 : s2;
      const x1 = Math.exp(s1 - mx);
      const x2 = Math.exp(s2 - mx);
      const sum = x1 + x2;
      const lse = mx + Math.log(sum);
      huberTerm(lnL[i]! - aD * lse, delta, 1, term);
      f += term.loss;
      const psi = term.psi;
      // ∂r/∂θ = −∂ ln L̂/∂θ.
      const w1 = x1 / sum;
      const w2 = x2 / sum;
      gu -= psi * aD * w1 * p;
      gv -= psi * aD * w2;
      gp -= psi * aD * w1 * du;
      gaD -= psi * lse;
    }
    g[0] = gu;
    g[1] = gv;
    g[2] = gp;
    g[3] = gaD;
    return f;
  };
}

/** Grid cells (p, u, v) with α_D by least squares in ln L, ranked by their Huber objective. */
function gridStarts(pr: Prepared, o: KaplanOptions): number[][] {
  const { lnN, lnD, lnL } = pr;
  const m = lnN.length;
  const lse = new Float64Array(m);
  const cells: { f: number; t: number[] }[] = [];
  for (const p of o.pGrid) {
    for (const u of o.logScaleGrid) {
      for (const v of o.logScaleGrid) {
        let sl = 0;
        let ss = 0;
        for (let i = 0; i < m; i++) {
          const s1 = p * (u - lnN[i]!);
          const s2 = v - lnD[i]!;
          const mx = s1 > s2 ? s1 : s2;
          const z = mx + Math.log(Math.exp(s1 - mx) + Math.exp(s2 - mx));
          lse[i] = z;
          sl += lnL[i]! * z;
          ss += z * z;
        }
        const aD = sl / ss;
        if (!(aD > 0) || !Number.isFinite(aD)) continue;
        let f = 0;
        for (let i = 0; i < m; i++) f += huber(lnL[i]! - aD * lse[i]!, o.delta);
        cells.push({ f, t: [u, v, p, aD] });
      }
    }
  }
  cells.sort((a, b) => a.f - b.f);
  return cells.map((c) => c.t);
}

/** Σ Huber_δ of ln L − ln L̂ at given parameters. */
export function kaplanObjective(points: readonly JointPoint[], params: KaplanParams, options: { delta?: number } = {}): number {
  checkParams(params, "parameter");
  const o = resolveKaplanOptions(options);
  const pr = prepare(points);
  return makeObjective(pr, o.delta)(Float64Array.from(toTheta(params, pr)), new Float64Array(4));
}

/**
 * Fits the Kaplan joint law to joint points (n = N params, d = D tokens, y = loss). Needs at least 5
 * points, finite positive N, D and loss, two distinct N and two distinct D. See the file comment.
 */
export function fitKaplan(points: readonly JointPoint[], options: Partial<KaplanOptions> = {}): FitResult<KaplanParam> {
  validateJointPoints(points, "kaplan", 5);
  const o = resolveKaplanOptions(options);
  const pr = prepare(points);
  const objective = makeObjective(pr, o.delta);
  const starts = o.start ? [toTheta(o.start, pr)] : gridStarts(pr, o).slice(0, o.polishStarts);
  if (starts.length === 0) {
    throw new Error("kaplan fit found no starting point with a positive α_D (does the loss fall below 1 with no trend?)");
  }
  const polished = minimizeFromStarts(objective, starts, o);
  return polishedFitResult("kaplan", fromTheta(polished.best.x, pr), polished, points, predictKaplan);
}
