/**
 * Planning against the data wall: the compute-optimal allocation of a budget C when only U unique tokens
 * exist, from the data-constrained law of Muennighoff et al. 2023 (see data-constrained.ts), and what more
 * unique data is worth.
 *
 * - Unlimited data: the base Chinchilla law's closed form (plan.ts), N_opt = G·(C/6)^(β/(α+β)).
 * - Under the cap: when D_opt ≤ U the cap does not bind and the closed form is the answer (the law equals the
 *   base law there, and any other N at this budget repeats data or wastes parameters). Otherwise N minimises
 *   L(N, D = C/(6N), U) with the run seeing min(U, D) unique tokens; there is no closed form (R_D and R_N
 *   enter through exponentials), so a scan of ln N over [N_opt/1e6, N_opt·1e6] refined by golden-section
 *   search (minimize-scalar.ts) finds it. Epochs = D/U.
 * - Marginal value of data, by the envelope theorem (N held at its optimum): d(L*)/dU = ∂L/∂U and
 *   d(L*)/dC = ∂L/∂D / (6N), both analytic; their ratio is the compute one more unique token is worth.
 * - Value of ΔU more unique tokens: L*(C, U + ΔU), and the extra compute C′ − C with L*(C′, U) equal to it,
 *   by bisection in ln C′. With U fixed the loss has a floor as C → ∞ (N′ and D′ saturate), so a gain below
 *   that floor cannot be bought with compute: then the equivalent compute is null.
 *
 * Cost: O(grid + golden steps) law evaluations for the allocation (~300), ~200 allocations for the
 * equivalent compute. Throws InputError for invalid input; plans outside the range the law was fitted on
 * come back with warnings (exact texts in DATA_CAP_MESSAGES), not errors.
 */
import type { Interval } from "./draw-interval";
import { effectiveScale, MUENNIGHOFF_C4, predictDataConstrained, type DataConstrainedParam, type DataConstrainedParams } from "./data-constrained";
import { InputError } from "./input-error";
import { minimizeOnGrid } from "./minimize-scalar";
import { checkCompute, computeOptimal, type ComputeOptimal } from "./plan";
import { fieldIntervals } from "./plan-intervals";

/** The runs a law was fitted on, as [smallest, largest] of each quantity (any may be absent). */
export interface FittedRange {
  compute?: readonly [number, number];
  n?: readonly [number, number];
  uniqueTokens?: readonly [number, number];
  epochs?: readonly [number, number];
}

const span = (values: readonly number[]): [number, number] => [Math.min(...values), Math.max(...values)];

/** The fitted range of runs (n params, d tokens, u unique tokens, d when absent): 6·N·D, N, U and D/U. */
export function fittedRangeOf(points: readonly { n: number; d: number; u?: number }[]): FittedRange {
  if (points.length === 0) return {};
  return {
    compute: span(points.map((p) => 6 * p.n * p.d)),
    n: span(points.map((p) => p.n)),
    uniqueTokens: span(points.map((p) => p.u ?? p.d)),
    epochs: span(points.map((p) => p.d / (p.u ?? p.d))),
  };
}

export interface PublishedDataConstrainedLaw {
  source: string;
  params: DataConstrainedParams;
  fittedRange: FittedRange;
}

/**
 * Published data-constrained laws usable as planning presets. muennighoff-2023-c4: the C4 base and fitted
 * R_D*, R_N* (datablations); its fitted range is that of the 182 runs of the authors' fit (6·N·D, N, U and
 * D/U of their runs; the base was fitted on C4 isoFLOP runs that are not published).
 */
export const PUBLISHED_DATA_CONSTRAINED_LAWS = {
  "muennighoff-2023-c4": {
    source: "Muennighoff et al. 2023 (data-constrained scaling, C4)",
    params: MUENNIGHOFF_C4,
    fittedRange: {
      compute: [4.2592512e15, 9.25956e21],
      n: [7.098752e6, 8.67e9],
      uniqueTokens: [1e8, 1.78e11],
      epochs: [1, 9000],
    },
  },
} as const satisfies Record<string, PublishedDataConstrainedLaw>;

export type PublishedDataConstrainedLawName = keyof typeof PUBLISHED_DATA_CONSTRAINED_LAWS;
export const PUBLISHED_DATA_CONSTRAINED_LAW_NAMES = Object.keys(PUBLISHED_DATA_CONSTRAINED_LAWS) as PublishedDataConstrainedLawName[];

/** Defaults of every option, in one place: ΔU = 10B unique tokens ("what would 10B more be worth"). */
export const DATA_CAP_DEFAULTS = Object.freeze({ extraUniqueTokens: 1e10 });

const sci = (v: number) => v.toPrecision(3);

/** Every message of this module, errors and warnings, in one place. */
export const DATA_CAP_MESSAGES = {
  unknownPreset: (name: string) =>
    `unknown data-constrained law "${name}"; valid presets: ${PUBLISHED_DATA_CONSTRAINED_LAW_NAMES.join(", ")}`,
  needsDataConstrained: (source: string) =>
    `planning under a unique-token cap needs a data-constrained law (a data-constrained fit or the preset ${PUBLISHED_DATA_CONSTRAINED_LAW_NAMES.join(", ")}); ${source} is not one`,
  badParam: (key: string, value: unknown) => `data-constrained parameter ${key} must be a positive finite number, got ${value}`,
  badUniqueTokens: (value: unknown) => `unique-token cap must be a positive number of tokens, got ${value}`,
  badExtra: (value: unknown) => `extra unique tokens must be a positive number of tokens, got ${value}`,
  outsideRange: (what: string, value: number, range: readonly [number, number]) =>
    `${what} ${sci(value)} is outside the range the law was fitted on (${sci(range[0])} to ${sci(range[1])}): the plan extrapolates`,
  flatInN: (n: number) =>
    `the best model size ${sci(n)} is at the edge of the search (a million times the unlimited-data size either way): the loss is flat in N at this budget and cap`,
} as const;

/** Returns the preset, or throws listing the valid names. */
export function publishedDataConstrainedLaw(name: string): PublishedDataConstrainedLaw {
  const law = (PUBLISHED_DATA_CONSTRAINED_LAWS as Record<string, PublishedDataConstrainedLaw>)[name];
  if (!law) throw new InputError("unknown-name", DATA_CAP_MESSAGES.unknownPreset(name));
  return law;
}

const PARAM_KEYS: readonly DataConstrainedParam[] = ["E", "A", "B", "alpha", "beta", "RDstar", "RNstar"];

function checkDataConstrainedLaw(law: DataConstrainedParams): void {
  for (const key of PARAM_KEYS) {
    const v = law[key];
    if (!(typeof v === "number" && v > 0 && Number.isFinite(v))) throw new InputError("not-positive", DATA_CAP_MESSAGES.badParam(key, v));
  }
}

function checkTokens(value: number, message: (v: unknown) => string): void {
  if (!(Number.isFinite(value) && value > 0)) throw new InputError("not-positive", message(value));
}

export interface DataCapInput {
  /** Budget C in FLOPs (C = 6·N·D). */
  compute: number;
  /** Unique tokens available, U. */
  uniqueTokens: number;
  /** ΔU for the value of more data (default DATA_CAP_DEFAULTS.extraUniqueTokens). */
  extraUniqueTokens?: number;
  /** Range of the runs the law was fitted on: plans outside it carry warnings. */
  fittedRange?: FittedRange;
}

export interface DataCapAllocation {
  n: number;
  /** Training tokens D (= epochs × U when the cap binds). */
  d: number;
  /** D/U: passes over the unique data (below 1 when the cap does not bind). */
  epochs: number;
  tokensPerParam: number;
  loss: number;
}

export interface DataCapPlan {
  compute: number;
  uniqueTokens: number;
  /** Whether the cap changes the plan (D_opt with unlimited data is above U). */
  capBinding: boolean;
  capped: DataCapAllocation;
  /** The base law's compute-optimal plan with unlimited unique data, at the same compute. */
  unlimited: ComputeOptimal & { epochs: number };
  /** capped.loss − unlimited.loss (≥ 0). */
  lossGap: number;
  marginal: {
    /** d(L*)/dU at this budget (≤ 0): loss change per extra unique token. */
    lossPerUniqueToken: number;
    /** d(L*)/dC under the cap (≤ 0): loss change per extra FLOP. */
    lossPerFlop: number;
    /** FLOPs that buy the loss one more unique token buys (0 when the cap does not bind). */
    flopsPerUniqueToken: number;
  };
  extraData: {
    uniqueTokens: number;
    /** L*(C, U + ΔU). */
    loss: number;
    /** capped.loss − loss (≥ 0). */
    lossImprovement: number;
    /** Extra FLOPs (beyond C, keeping U) that reach the same loss; null when no compute does. */
    equivalentCompute: number | null;
  };
  warnings: string[];
}

/** Search half-width around the unlimited-data N, in ln units (a factor of 1e6 either way). */
const SEARCH_HALF_WIDTH = Math.log(1e6);
/** Doublings of C tried to bracket the equivalent compute (2^200 ≈ 1e60); then at most ROOT_STEPS Newton or
 * bisection steps in ln C, stopping when the step (or the bracket) is below ROOT_TOLERANCE (1e-12 relative in C). */
const MAX_DOUBLINGS = 200;
const ROOT_STEPS = 100;
const ROOT_TOLERANCE = 1e-12;

function base(law: DataConstrainedParams) {
  return { E: law.E, A: law.A, B: law.B, alpha: law.alpha, beta: law.beta };
}

/** Loss of a run of N params on D tokens when U unique tokens exist (it sees min(U, D) of them). */
function cappedLoss(law: DataConstrainedParams, n: number, d: number, u: number): number {
  return predictDataConstrained(law, { n, d, u: Math.min(u, d) });
}

interface Optimum {
  n: number;
  d: number;
  loss: number;
  binding: boolean;
  atEdge: boolean;
}

function optimumUnderCap(law: DataConstrainedParams, compute: number, u: number): Optimum {
  const free = computeOptimal(base(law), compute);
  if (free.d <= u) return { n: free.n, d: free.d, loss: free.loss, binding: false, atEdge: false };
  const lnFree = Math.log(free.n);
  const lo = lnFree - SEARCH_HALF_WIDTH;
  const hi = Math.min(lnFree + SEARCH_HALF_WIDTH, Math.log(compute / 6)); // D ≥ 1 token
  const best = minimizeOnGrid((lnN) => {
    const n = Math.exp(lnN);
    return cappedLoss(law, n, compute / (6 * n), u);
  }, lo, hi);
  const n = Math.exp(best.x);
  return { n, d: compute / (6 * n), loss: best.value, binding: true, atEdge: best.atEdge };
}

/** L*(C, U): the loss of the compute-optimal plan under the cap alone (no value-of-data search). Throws as planUnderDataCap. */
export function cappedOptimalLoss(law: DataConstrainedParams, compute: number, uniqueTokens: number): number {
  checkDataConstrainedLaw(law);
  checkCompute(compute);
  checkTokens(uniqueTokens, DATA_CAP_MESSAGES.badUniqueTokens);
  return optimumUnderCap(law, compute, uniqueTokens).loss;
}

/** ∂L/∂U and ∂L/∂D at (N, D, U) with D ≥ U (analytic; see the file comment of data-constrained.ts). */
function partials(law: DataConstrainedParams, n: number, d: number, u: number): { dU: number; dD: number } {
  const eff = effectiveScale(law, { n, d, u });
  const xD = Math.exp(-eff.rD / law.RDstar);
  const dDeffdU = 1 + law.RDstar * (1 - xD) - (xD * d) / u;
  const dDeffdD = xD;
  const clamped = n > eff.uN;
  const xN = Math.exp(-eff.rN / law.RNstar);
  // N′ = U_N·(1 + R_N*(1 − x_N)), R_N = N/U_N − 1, U_N ∝ U^(β/α) when clamped.
  const dNeffdU = clamped ? (1 + law.RNstar * (1 - xN) - (xN * n) / eff.uN) * ((law.beta / law.alpha) * eff.uN) / u : 0;
  const dLdNeff = -law.alpha * law.A * Math.pow(eff.n, -law.alpha - 1);
  const dLdDeff = -law.beta * law.B * Math.pow(eff.d, -law.beta - 1);
  return { dU: dLdNeff * dNeffdU + dLdDeff * dDeffdU, dD: dLdDeff * dDeffdD };
}

/** d(L*)/dC on the unlimited-data frontier: L* = E + K·(C/6)^(−γ) ⇒ d(L*)/dC = −γ·(L* − E)/C. */
function frontierSlope(law: DataConstrainedParams, compute: number, loss: number): number {
  const gamma = (law.alpha * law.beta) / (law.alpha + law.beta);
  return (-gamma * (loss - law.E)) / compute;
}

/** Loss as C → ∞ with U fixed: N′ → U_N·(1 + R_N*), D′ → U·(1 + R_D*). */
function lossFloor(law: DataConstrainedParams, u: number): number {
  const { uN } = effectiveScale(law, { n: Number.MAX_VALUE, d: u, u });
  return law.E + law.A / Math.pow(uN * (1 + law.RNstar), law.alpha) + law.B / Math.pow(u * (1 + law.RDstar), law.beta);
}

/** d(L*)/dU, d(L*)/dC and their ratio at the capped optimum (envelope theorem; see the file comment). */
function marginalAt(law: DataConstrainedParams, compute: number, u: number, opt: Optimum): DataCapPlan["marginal"] {
  if (!opt.binding) return { lossPerUniqueToken: 0, lossPerFlop: frontierSlope(law, compute, opt.loss), flopsPerUniqueToken: 0 };
  const p = partials(law, opt.n, opt.d, u);
  const lossPerFlop = p.dD / (6 * opt.n);
  return { lossPerUniqueToken: p.dU, lossPerFlop, flopsPerUniqueToken: p.dU / lossPerFlop };
}

/**
 * The budget C′ ≥ C at which the capped optimum reaches `target`, or null when none does: bracketed by
 * doubling C, then safeguarded Newton in ln C (the slope d(L*)/d ln C = C·d(L*)/dC is analytic; a step that
 * leaves the bracket bisects it instead).
 */
function computeForCappedLoss(law: DataConstrainedParams, compute: number, u: number, target: number): number | null {
  if (target <= lossFloor(law, u)) return null;
  const excess = (lnC: number) => optimumUnderCap(law, Math.exp(lnC), u).loss - target;
  let lo = Math.log(compute);
  if (excess(lo) <= 0) return compute;
  let hi = lo;
  let doublings = 0;
  do {
    lo = hi;
    hi += Math.LN2;
    if (++doublings > MAX_DOUBLINGS) return null;
  } while (excess(hi) > 0);
  let x = hi;
  for (let i = 0; i < ROOT_STEPS; i++) {
    const c = Math.exp(x);
    const opt = optimumUnderCap(law, c, u);
    const g = opt.loss - target;
    if (g === 0) return c;
    if (g > 0) lo = x;
    else hi = x;
    const newton = x - g / (c * marginalAt(law, c, u, opt).lossPerFlop);
    const next = newton > lo && newton < hi ? newton : (lo + hi) / 2;
    const step = Math.abs(next - x);
    x = next;
    if (step < ROOT_TOLERANCE) break;
  }
  return Math.exp(x);
}

/** Epochs are checked only when the cap binds: below one epoch nothing is repeated and R_D* plays no part. */
function rangeWarnings(range: FittedRange | undefined, plan: { compute: number; n: number; uniqueTokens: number; epochs: number; binding: boolean }): string[] {
  if (!range) return [];
  const checks: [string, number, readonly [number, number] | undefined][] = [
    ["compute budget (FLOPs)", plan.compute, range.compute],
    ["unique-token cap", plan.uniqueTokens, range.uniqueTokens],
    ["model size N", plan.n, range.n],
    ["epochs", plan.epochs, plan.binding ? range.epochs : undefined],
  ];
  return checks
    .filter(([, value, r]) => r !== undefined && (value < r[0] || value > r[1]))
    .map(([what, value, r]) => DATA_CAP_MESSAGES.outsideRange(what, value, r!));
}

/**
 * Compute-optimal N, D and epochs for budget C under a cap of U unique tokens, the loss against unlimited
 * data, and the value of more unique data (see the file comment).
 * Throws InputError for a non-positive budget, cap or ΔU, or a law with a non-positive parameter.
 */
export function planUnderDataCap(law: DataConstrainedParams, input: DataCapInput): DataCapPlan {
  checkDataConstrainedLaw(law);
  checkCompute(input.compute);
  checkTokens(input.uniqueTokens, DATA_CAP_MESSAGES.badUniqueTokens);
  const extra = input.extraUniqueTokens ?? DATA_CAP_DEFAULTS.extraUniqueTokens;
  checkTokens(extra, DATA_CAP_MESSAGES.badExtra);
  const { compute, uniqueTokens: u } = input;

  const free = computeOptimal(base(law), compute);
  const opt = optimumUnderCap(law, compute, u);
  const capped: DataCapAllocation = { n: opt.n, d: opt.d, epochs: opt.d / u, tokensPerParam: opt.d / opt.n, loss: opt.loss };

  const marginal = marginalAt(law, compute, u, opt);

  const more = optimumUnderCap(law, compute, u + extra);
  const reach = computeForCappedLoss(law, compute, u, more.loss);
  const warnings = rangeWarnings(input.fittedRange, { compute, n: capped.n, uniqueTokens: u, epochs: capped.epochs, binding: opt.binding });
  if (opt.atEdge) warnings.push(DATA_CAP_MESSAGES.flatInN(capped.n));

  return {
    compute,
    uniqueTokens: u,
    capBinding: opt.binding,
    capped,
    unlimited: { ...free, epochs: free.d / u },
    lossGap: capped.loss - free.loss,
    marginal,
    extraData: {
      uniqueTokens: extra,
      loss: more.loss,
      lossImprovement: capped.loss - more.loss,
      equivalentCompute: reach === null ? null : reach - compute,
    },
    warnings,
  };
}

/** The quantities of a plan that get bootstrap intervals. */
export const DATA_CAP_INTERVAL_FIELDS = ["n", "d", "epochs", "loss", "unlimitedLoss", "lossGap", "flopsPerUniqueToken", "lossImprovement", "equivalentCompute"] as const;
export type DataCapIntervalField = (typeof DATA_CAP_INTERVAL_FIELDS)[number];

function intervalValues(plan: DataCapPlan): Record<DataCapIntervalField, number> {
  return {
    n: plan.capped.n,
    d: plan.capped.d,
    epochs: plan.capped.epochs,
    loss: plan.capped.loss,
    unlimitedLoss: plan.unlimited.loss,
    lossGap: plan.lossGap,
    flopsPerUniqueToken: plan.marginal.flopsPerUniqueToken,
    lossImprovement: plan.extraData.lossImprovement,
    equivalentCompute: plan.extraData.equivalentCompute ?? Number.POSITIVE_INFINITY,
  };
}

/**
 * Percentile intervals of the plan's quantities over bootstrap draws of the law (the same input for every
 * draw; fieldIntervals). A draw whose equivalent compute is null counts as +∞ and is dropped like any
 * non-finite draw. R_D*, R_N* do not move the unlimited-data plan, so its loss interval collapses (flagged
 * COLLAPSED_PLAN_INTERVAL). Cost: one planUnderDataCap per draw.
 */
export function dataCapPlanIntervals(
  draws: readonly DataConstrainedParams[],
  input: Omit<DataCapInput, "fittedRange">,
  level: number,
): Partial<Record<DataCapIntervalField, Interval>> {
  return fieldIntervals(
    draws.map((d) => intervalValues(planUnderDataCap(d, input))),
    DATA_CAP_INTERVAL_FIELDS,
    level,
  );
}
