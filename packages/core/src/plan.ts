/**
 * Compute planning from a Chinchilla-form law L(N, D) = E + A/N^α + B/D^β with C ≈ 6·N·D.
 *
 * Closed forms (PRODUCT.md): G = (αA/(βB))^(1/(α+β)), N_opt = G·(C/6)^(β/(α+β)),
 * D_opt = (C/6)^(α/(α+β))/G. Along that frontier the loss is
 * L*(C) = E + K·(C/6)^(−αβ/(α+β)) with K = A·G^(−α) + B·G^β, which inverts in closed form to the compute
 * needed for a target loss. Everything here is O(1) and exact; no iteration.
 */
import { InputError } from "./input-error";

/** Parameters of the Chinchilla form, as every fit and preset names them. */
export interface ChinchillaLaw {
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
}

/** A power law y = k·C^a over compute C (hyper-parameter and allocation laws). */
export interface ComputePowerLaw {
  k: number;
  a: number;
}

export interface PublishedLaw {
  /** Human-readable citation. */
  source: string;
  params: ChinchillaLaw;
}

/**
 * Published Chinchilla-form laws usable as planning presets (facts from the papers; MassiveText loss).
 * - hoffmann-2022: Hoffmann et al. 2022, Approach 3, rounded values as printed.
 * - epoch-2024: Besiroglu et al. 2024 (Epoch AI replication), maximum-likelihood fit.
 */
export const PUBLISHED_LAWS = {
  "hoffmann-2022": {
    source: "Hoffmann et al. 2022 (Chinchilla), Approach 3",
    params: { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 },
  },
  "epoch-2024": {
    source: "Besiroglu et al. 2024 (Epoch AI replication of Chinchilla)",
    params: { E: 1.8169, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3659 },
  },
} as const satisfies Record<string, PublishedLaw>;

export type PublishedLawName = keyof typeof PUBLISHED_LAWS;
export const PUBLISHED_LAW_NAMES = Object.keys(PUBLISHED_LAWS) as PublishedLawName[];

/**
 * Published hyper-parameter laws y_opt = K·C^a (same parameter names as a fitted power law, so they go
 * straight into `suggestHyperParameters`): DeepSeek LLM 2024, η_opt = 0.3118·C^−0.125 and
 * B_opt = 0.2920·C^0.3271 (tokens).
 */
export const PUBLISHED_HYPERPARAMETER_LAWS = {
  "deepseek-2024": {
    source: "DeepSeek LLM 2024",
    laws: {
      learningRate: { K: 0.3118, a: -0.125 },
      batchSize: { K: 0.292, a: 0.3271 },
    },
  },
} as const satisfies Record<string, { source: string; laws: Record<string, { K: number; a: number }> }>;

/** Returns the preset, or throws listing the valid names. */
export function publishedLaw(name: string): PublishedLaw {
  const law = (PUBLISHED_LAWS as Record<string, PublishedLaw>)[name];
  if (!law) {
    throw new InputError(`unknown published law "${name}"; valid presets: ${PUBLISHED_LAW_NAMES.join(", ")}`);
  }
  return law;
}

function checkLaw(law: ChinchillaLaw): void {
  for (const key of ["E", "A", "B", "alpha", "beta"] as const) {
    const v = law[key];
    if (!Number.isFinite(v)) throw new InputError(`chinchilla parameter ${key} must be a finite number, got ${v}`);
  }
  if (law.A <= 0 || law.B <= 0) {
    throw new InputError(`compute-optimal allocation needs A > 0 and B > 0, got A = ${law.A}, B = ${law.B}`);
  }
  if (law.alpha <= 0 || law.beta <= 0) {
    throw new InputError(
      `compute-optimal allocation needs alpha > 0 and beta > 0, got alpha = ${law.alpha}, beta = ${law.beta}`,
    );
  }
}

/** Throws an InputError unless the budget is a positive finite number of FLOPs. */
export function checkCompute(compute: number): void {
  if (!Number.isFinite(compute) || compute <= 0) {
    throw new InputError(`compute budget must be a positive number of FLOPs, got ${compute}`);
  }
}

/** G = (αA/(βB))^(1/(α+β)). */
export function allocationConstant(law: ChinchillaLaw): number {
  checkLaw(law);
  return Math.pow((law.alpha * law.A) / (law.beta * law.B), 1 / (law.alpha + law.beta));
}

/** Exponents of N_opt ∝ C^a and D_opt ∝ C^b: a = β/(α+β), b = α/(α+β). */
export function allocationExponents(law: ChinchillaLaw): { a: number; b: number } {
  checkLaw(law);
  const s = law.alpha + law.beta;
  return { a: law.beta / s, b: law.alpha / s };
}

export interface ComputeOptimal {
  compute: number;
  /** Parameters N_opt. */
  n: number;
  /** Training tokens D_opt. */
  d: number;
  /** D_opt / N_opt. */
  tokensPerParam: number;
  /** Predicted loss at (N_opt, D_opt). */
  loss: number;
}

function chinchillaLoss(law: ChinchillaLaw, n: number, d: number): number {
  return law.E + law.A / Math.pow(n, law.alpha) + law.B / Math.pow(d, law.beta);
}

/**
 * Compute-optimal N and D for a budget of `compute` FLOPs (C = 6·N·D).
 * Throws for a non-positive budget or a law with non-positive A, B, α or β.
 */
export function computeOptimal(law: ChinchillaLaw, compute: number): ComputeOptimal {
  checkCompute(compute);
  const g = allocationConstant(law);
  const { a, b } = allocationExponents(law);
  const c6 = compute / 6;
  const n = g * Math.pow(c6, a);
  const d = Math.pow(c6, b) / g;
  return { compute, n, d, tokensPerParam: d / n, loss: chinchillaLoss(law, n, d) };
}

/** Loss on the compute-optimal frontier: L*(C) = E + K·(C/6)^(−αβ/(α+β)). */
export function optimalLoss(law: ChinchillaLaw, compute: number): number {
  return computeOptimal(law, compute).loss;
}

/**
 * Compute (and the compute-optimal N, D) needed to reach `targetLoss`.
 * Throws when the target is at or below the irreducible loss E (no finite budget reaches it).
 */
export function computeForLoss(law: ChinchillaLaw, targetLoss: number): ComputeOptimal {
  const g = allocationConstant(law);
  if (!Number.isFinite(targetLoss)) throw new InputError(`target loss must be a finite number, got ${targetLoss}`);
  if (targetLoss <= law.E) {
    throw new InputError(
      `target loss ${targetLoss} is not reachable: it must be above the irreducible loss E = ${law.E}`,
    );
  }
  const k = law.A * Math.pow(g, -law.alpha) + law.B * Math.pow(g, law.beta);
  const gamma = (law.alpha * law.beta) / (law.alpha + law.beta);
  const compute = 6 * Math.pow((targetLoss - law.E) / k, -1 / gamma);
  return computeOptimal(law, compute);
}

/** y = k·C^a. Throws for a non-positive budget. */
export function evaluateComputeLaw(law: ComputePowerLaw, compute: number): number {
  checkCompute(compute);
  return law.k * Math.pow(compute, law.a);
}
