/**
 * Data-constrained scaling law (Muennighoff et al. 2023, "datablations"): the Chinchilla form with
 * effective data and parameters when unique data U is repeated.
 *
 *   R_D = max(D/U − 1, 0)                      repetitions of the unique data beyond the first epoch
 *   U_N = min(N, N_opt(C(U)))                  parameters the unique data can use compute-optimally
 *   R_N = max(N/U_N − 1, 0)                    excess parameters
 *   N_opt(C) = G·(C/6)^(β/(α+β)), C(U) = 6·(G·U)^((α+β)/α), G = (αA/(βB))^(1/(α+β))
 *            (so N_opt(C(U)) = G^((α+β)/α)·U^(β/α))
 *   D′ = U + U·R_D*·(1 − e^(−R_D/R_D*)),  N′ = U_N + U_N·R_N*·(1 − e^(−R_N/R_N*))
 *   L = E + A/N′^α + B/D′^β
 *
 * Fit (as the authors): the base (E, A, B, α, β) is fixed (by default their C4 values) and R_D*, R_N* are
 * fitted by minimising Σ Huber_δ(ln L − logsumexp(a − α ln N′, b − β ln D′, e)), δ = 1e-3, summed.
 * We optimise ln R_D*, ln R_N* (positive by construction) by L-BFGS from the best cells of a grid of
 * starts. With `fitBase: true` all seven parameters are polished from the base and the fitted R*s, with
 * the exact gradient (U_N depends on the base through N_opt).
 *
 * Cost: O(n·(|starGrid|² + polish iterations)); a few ms for 182 points.
 * Failure modes: throws on invalid input (validateJointPoints messages, model "data-constrained", at least
 * 3 points, or 8 with fitBase); `converged: false` when the polish stops early. R_D* is weakly determined
 * (the surface is flat along it on the C4 data). The surface is multimodal: on the authors' 182 C4 runs,
 * L-BFGS from R* = 5 lands on their published minimum (R_D* 15.37, R_N* 5.31, objective 0.0158259) while
 * the default grid finds lower ones (R_D* ≈ 47, R_N* ≈ 2.3: 0.0158074; R_D* ≈ 95, R_N* ≈ 1.7: 0.0158047).
 * Pass `start` to refit locally around a known solution.
 */
import { InputError } from "./input-error";
import { validateJointPoints } from "./chinchilla";
import { definedOnly } from "./defined-only";
import { checkHuberDelta, createLseHuberTerm, lseHuberTerm } from "./lse-huber";
import { checkPolishStarts, minimizeFromStarts, polishedFitResult, type PolishOptions } from "./multi-start-lbfgs";
import type { FitResult, JointPoint } from "./types";

export type DataConstrainedBaseParam = "E" | "A" | "B" | "alpha" | "beta";
export type DataConstrainedParam = DataConstrainedBaseParam | "RDstar" | "RNstar";
export type DataConstrainedParams = Record<DataConstrainedParam, number>;
export type DataConstrainedBase = Record<DataConstrainedBaseParam, number>;

/** The C4 base fit of Muennighoff et al. 2023 (log form a = 6.255414, b = 7.3049974, e = 0.6254804). */
export const MUENNIGHOFF_C4_BASE: Readonly<DataConstrainedBase> = Object.freeze({
  E: Math.exp(0.6254804),
  A: Math.exp(6.255414),
  B: Math.exp(7.3049974),
  alpha: 0.3526596,
  beta: 0.3526596,
});

/** Their fitted decay constants on C4 with that base. */
export const MUENNIGHOFF_C4: Readonly<DataConstrainedParams> = Object.freeze({
  ...MUENNIGHOFF_C4_BASE,
  RDstar: 15.387756,
  RNstar: 5.309743,
});

export interface DataConstrainedOptions extends PolishOptions {
  /** Base Chinchilla parameters (fixed unless fitBase). */
  base: DataConstrainedBase;
  /** Also polish the five base parameters. */
  fitBase: boolean;
  /** Huber threshold on the log residual. */
  delta: number;
  /** Warm start for R_D*, R_N*: skip the grid. */
  start?: { RDstar: number; RNstar: number };
  /** Grid of starting values for both R_D* and R_N*. */
  starGrid: readonly number[];
}

/** Defaults of every option, in one place. */
export const DATA_CONSTRAINED_DEFAULTS: Readonly<Omit<DataConstrainedOptions, "start">> = Object.freeze({
  base: MUENNIGHOFF_C4_BASE,
  fitBase: false,
  delta: 1e-3,
  starGrid: Object.freeze([0.5, 1, 2, 5, 10, 20, 50, 100]),
  polishStarts: 3,
  gradientTolerance: 1e-10,
  functionTolerance: 0,
  maxIterations: 3000,
});


function checkPositive(p: Partial<Record<string, number>>, keys: readonly string[], what: string): void {
  for (const key of keys) {
    const v = p[key];
    if (!(v !== undefined && v > 0 && Number.isFinite(v))) {
      throw new Error(`data-constrained ${what} ${key} must be a positive finite number, got ${v}`);
    }
  }
}

const BASE_KEYS = ["E", "A", "B", "alpha", "beta"] as const;

export function resolveDataConstrainedOptions(options: Partial<DataConstrainedOptions> = {}): DataConstrainedOptions {
  const o: DataConstrainedOptions = { ...DATA_CONSTRAINED_DEFAULTS, ...definedOnly(options) };
  checkHuberDelta("data-constrained", o.delta);
  checkPositive(o.base, BASE_KEYS, "base");
  if (o.start) checkPositive(o.start, ["RDstar", "RNstar"], "start");
  if (o.starGrid.length === 0 || o.starGrid.some((v) => !(v > 0) || !Number.isFinite(v))) {
    throw new Error("data-constrained fit starGrid must be a non-empty list of positive numbers");
  }
  checkPolishStarts("data-constrained", o.polishStarts);
  return o;
}

/** ln N_opt(C(U)) = (ln α + a − ln β − b)/α + (β/α)·ln U. */
function logOptimalParams(a: number, b: number, alpha: number, beta: number, lnU: number): number {
  return (Math.log(alpha) + a - Math.log(beta) - b) / alpha + (beta / alpha) * lnU;
}

/** Effective parameters N′ and data D′ (see the file comment). */
export function effectiveScale(
  params: DataConstrainedParams,
  at: { n: number; d: number; u?: number },
): { n: number; d: number; uN: number; rN: number; rD: number } {
  const u = at.u ?? at.d;
  const rD = Math.max(at.d / u - 1, 0);
  const lnUN = logOptimalParams(Math.log(params.A), Math.log(params.B), params.alpha, params.beta, Math.log(u));
  const uN = Math.min(at.n, Math.exp(lnUN));
  const rN = Math.max(at.n / uN - 1, 0);
  const dEff = u + u * params.RDstar * (1 - Math.exp(-rD / params.RDstar));
  const nEff = uN + uN * params.RNstar * (1 - Math.exp(-rN / params.RNstar));
  return { n: nEff, d: dEff, uN, rN, rD };
}

/** L(N, D, U) of the data-constrained law; u defaults to d (no repetition). */
export function predictDataConstrained(params: DataConstrainedParams, at: { n: number; d: number; u?: number }): number {
  const eff = effectiveScale(params, at);
  return params.E + params.A / Math.pow(eff.n, params.alpha) + params.B / Math.pow(eff.d, params.beta);
}

interface Prepared {
  lnN: Float64Array;
  N: Float64Array;
  lnU: Float64Array;
  U: Float64Array;
  rD: Float64Array;
  lnL: Float64Array;
}

function prepare(points: readonly JointPoint[]): Prepared {
  const m = points.length;
  const pr: Prepared = {
    lnN: new Float64Array(m),
    N: new Float64Array(m),
    lnU: new Float64Array(m),
    U: new Float64Array(m),
    rD: new Float64Array(m),
    lnL: new Float64Array(m),
  };
  points.forEach((p, i) => {
    const u = p.u ?? p.d;
    pr.N[i] = p.n;
    pr.lnN[i] = Math.log(p.n);
    pr.U[i] = u;
    pr.lnU[i] = Math.log(u);
    pr.rD[i] = Math.max(p.d / u - 1, 0);
    pr.lnL[i] = Math.log(p.y);
  });
  return pr;
}

/**
 * Objective over θ = (a, b, e, α, β, ln R_D*, ln R_N*) with its exact gradient. When `free` is false the
 * first five gradient components are written as 0 (callers optimise only the last two).
 */
function makeObjective(pr: Prepared, delta: number) {
  const { lnN, N, lnU, U, rD: RD, lnL } = pr;
  const m = lnN.length;
  const term = createLseHuberTerm();
  return (t: ArrayLike<number>, g: Float64Array): number => {
    const a = t[0]!;
    const b = t[1]!;
    const e = t[2]!;
    const al = t[3]!;
    const be = t[4]!;
    const rdS = Math.exp(t[5]!);
    const rnS = Math.exp(t[6]!);
    const K = Math.log(al) + a - Math.log(be) - b;
    let f = 0;
    let ga = 0;
    let gb = 0;
    let ge = 0;
    let gal = 0;
    let gbe = 0;
    let grd = 0;
    let grn = 0;
    for (let i = 0; i < m; i++) {
      const lnUi = lnU[i]!;
      const lam = K / al + (be / al) * lnUi;
      const clamped = lam < lnN[i]!; // U_N = N_opt(U) < N
      const uN = clamped ? Math.exp(lam) : N[i]!;
      const rN = clamped ? N[i]! / uN - 1 : 0;
      const xN = Math.exp(-rN / rnS);
      const nEff = uN * (1 + rnS * (1 - xN));
      const rD = RD[i]!;
      const xD = Math.exp(-rD / rdS);
      const dEff = U[i]! * (1 + rdS * (1 - xD));
      const lnNe = Math.log(nEff);
      const lnDe = Math.log(dEff);
      lseHuberTerm(a - al * lnNe, b - be * lnDe, e, lnL[i]!, delta, 1, term);
      f += term.loss;
      const { psi, sum: s } = term;
      const w1 = (psi * term.x1) / s;
      const w2 = (psi * term.x2) / s;
      ga -= w1;
      gb -= w2;
      ge -= (psi * term.x3) / s;
      gal += w1 * lnNe;
      gbe += w2 * lnDe;
      // ∂r/∂ln N′ = α·w1, ∂r/∂ln D′ = β·w2 (w already multiplied by ψ).
      const dLnNe = al * w1;
      const dLnDe = be * w2;
      grd += dLnDe * ((rdS * U[i]! * (1 - xD - (rD / rdS) * xD)) / dEff);
      grn += dLnNe * (clamped ? (rnS * uN * (1 - xN - (rN / rnS) * xN)) / nEff : 0);
      if (clamped) {
        // ln N′ depends on λ = ln U_N: ∂ln N′/∂λ = (N′ − N·x_N)/N′; λ depends on a, b, α, β.
        const dLam = (dLnNe * (nEff - N[i]! * xN)) / nEff;
        ga += dLam / al;
        gb -= dLam / al;
        gal += (dLam * (1 - K - be * lnUi)) / (al * al);
        gbe += (dLam * (lnUi - 1 / be)) / al;
      }
    }
    g[0] = ga;
    g[1] = gb;
    g[2] = ge;
    g[3] = gal;
    g[4] = gbe;
    g[5] = grd;
    g[6] = grn;
    return f;
  };
}

/**
 * θ = (ln A, ln B, ln E, α, β, ln R_D*, ln R_N*): the variables the fit optimises and dataConstrainedGradient
 * differentiates by. dataConstrainedParamsFromTheta is its inverse.
 */
export function dataConstrainedTheta(p: DataConstrainedParams): number[] {
  return [Math.log(p.A), Math.log(p.B), Math.log(p.E), p.alpha, p.beta, Math.log(p.RDstar), Math.log(p.RNstar)];
}
export function dataConstrainedParamsFromTheta(t: ArrayLike<number>): DataConstrainedParams {
  return {
    A: Math.exp(t[0]!),
    B: Math.exp(t[1]!),
    E: Math.exp(t[2]!),
    alpha: t[3]!,
    beta: t[4]!,
    RDstar: Math.exp(t[5]!),
    RNstar: Math.exp(t[6]!),
  };
}

/** Σ Huber_δ of the LSE residuals at given parameters (the authors' objective). */
export function dataConstrainedObjective(
  points: readonly JointPoint[],
  params: DataConstrainedParams,
  options: { delta?: number } = {},
): number {
  checkPositive(params, [...BASE_KEYS, "RDstar", "RNstar"], "parameter");
  const o = resolveDataConstrainedOptions(options);
  return makeObjective(prepare(points), o.delta)(dataConstrainedTheta(params), new Float64Array(7));
}

/**
 * Gradient of dataConstrainedObjective with respect to θ = (ln A, ln B, ln E, α, β, ln R_D*, ln R_N*), the
 * variables the fit optimises (exposed so tests can check it against finite differences).
 */
export function dataConstrainedGradient(
  points: readonly JointPoint[],
  params: DataConstrainedParams,
  options: { delta?: number } = {},
): number[] {
  checkPositive(params, [...BASE_KEYS, "RDstar", "RNstar"], "parameter");
  const o = resolveDataConstrainedOptions(options);
  const g = new Float64Array(7);
  makeObjective(prepare(points), o.delta)(dataConstrainedTheta(params), g);
  return Array.from(g);
}

/**
 * Fits R_D*, R_N* (and with fitBase the base too) to points with n = N, d = D total tokens, u = U unique
 * tokens (d when absent), y = loss. See the file comment for the method.
 */
export function fitDataConstrained(
  points: readonly JointPoint[],
  options: Partial<DataConstrainedOptions> = {},
): FitResult<DataConstrainedParam> {
  const o = resolveDataConstrainedOptions(options);
  validateJointPoints(points, "data-constrained", o.fitBase ? 8 : 3);
  const pr = prepare(points);
  const full = makeObjective(pr, o.delta);
  const baseTheta = dataConstrainedTheta({ ...o.base, RDstar: 1, RNstar: 1 }).slice(0, 5);
  const g7 = new Float64Array(7);
  const th = new Float64Array(7);
  th.set(baseTheta);
  // Objective in (ln R_D*, ln R_N*) with the base fixed.
  const twoParam = (x: Float64Array, g: Float64Array): number => {
    th[5] = x[0]!;
    th[6] = x[1]!;
    const f = full(th, g7);
    g[0] = g7[5]!;
    g[1] = g7[6]!;
    return f;
  };
  const scratch = new Float64Array(2);
  const candidates = o.start ? [[Math.log(o.start.RDstar), Math.log(o.start.RNstar)]] : o.starGrid.flatMap((rd) => o.starGrid.map((rn) => [Math.log(rd), Math.log(rn)]));
  // Starts where the objective and its gradient are finite, best first (none: data at the limits of floating point).
  const cells = candidates
    .map((x) => ({ x, f: twoParam(Float64Array.from(x), scratch), finiteGradient: scratch.every(Number.isFinite) }))
    .filter((c) => Number.isFinite(c.f) && c.finiteGradient);
  if (cells.length === 0) throw new InputError("no-fit", "data-constrained fit found no starting point with a finite objective (values at the limits of floating point?)");
  cells.sort((p, q) => p.f - q.f);
  const starts = cells.slice(0, o.polishStarts).map((c) => c.x);
  const rStars = minimizeFromStarts(twoParam, starts, o);
  let polished = rStars;
  let theta = [...baseTheta, ...rStars.best.x];
  if (o.fitBase) {
    // Polish all seven from the fitted R*s and from the R* starts themselves (the two-parameter optimum
    // under a wrong base can sit in a corner, e.g. R_N* → 0, that the full problem does not leave).
    const all = minimizeFromStarts(full, [rStars.best.x, ...starts].map((x) => [...baseTheta, ...x]), o);
    polished = { best: all.best, iterations: rStars.iterations + all.iterations };
    theta = all.best.x;
  }
  return polishedFitResult("data-constrained", dataConstrainedParamsFromTheta(theta), polished, points, predictDataConstrained);
}
