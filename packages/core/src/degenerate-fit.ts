/**
 * Whether a fit is degenerate: a law that matches the points but cannot stand for a scaling law, so its
 * forecast and intervals must not be shown as confident, and model selection must not make it the default.
 *
 * A fit is flagged, with one plain reason per problem (DEGENERATE_FIT_REASONS, each asserted by a test), when
 * - it did not converge;
 * - an exponent (α, β, a, α_N, α_D, c0) is beyond `maxExponent` in absolute value (no data or model scaling
 *   law bends that fast), or sits at its bound 0 in a law whose form needs it positive;
 * - a coefficient (K, A, B, Nc, Dc) is beyond `maxCoefficient` in absolute value (the optimiser ran to a
 *   numeric extreme, e.g. A = 2.56e63);
 * - the asymptote lies outside what the metric can take: below 0 for a positive score (a loss), or a ceiling
 *   above the metric's upper bound (given, e.g. 1 for an accuracy) or, without a bound, more than
 *   `maxCeilingRatio` times the largest observed score;
 * - (single-axis laws) more than `maxFirstStepShare` of the fitted change between the smallest and the largest
 *   observed scale happens between the first two distinct scales: the curve is a step, not a law;
 * - bootstrap draws are given and every draw of some parameter is the same number (zero-width intervals).
 * Cost: O(n + draws·params). Never throws for a known model; throws MODEL_ERRORS.unknownModel otherwise.
 */
import { getModel, type Observation } from "./models";
import type { Direction, FitResult } from "./types";

/** Defaults of every threshold, in one place. */
export const DEGENERATE_FIT_DEFAULTS = Object.freeze({
  /** Largest believable |exponent| of a data or model scaling law. */
  maxExponent: 5,
  /** An exponent at most this far above 0 counts as at its bound 0. */
  exponentFloor: 1e-6,
  /** Largest believable |coefficient|. */
  maxCoefficient: 1e30,
  /** Without a metric bound, a ceiling above this multiple of the largest observed score is out of range. */
  maxCeilingRatio: 10,
  /** Share of the fitted change inside the first scale step above which the curve is a step. */
  maxFirstStepShare: 0.95,
  /** Draws whose spread is at most this relative to the value count as one value. */
  collapsedSpread: 1e-12,
});

export type DegenerateFitThresholds = typeof DEGENERATE_FIT_DEFAULTS;

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(Number(v.toPrecision(4))));

/** How the collapsed-draws reason starts (a reader that holds some parameters fixed by design tells it by this). */
export const COLLAPSED_DRAWS_PREFIX = "the bootstrap draws collapsed: ";

/** The exact reasons (each asserted by a test). */
export const DEGENERATE_FIT_REASONS = {
  notConverged: (message: string) => `the fit did not converge: ${message}`,
  absurdExponent: (name: string, value: number, max: number) =>
    `exponent ${name} = ${fmt(value)} is beyond ±${max}: no data or model scaling law bends that fast`,
  exponentAtBound: (name: string, value: number) => `exponent ${name} = ${fmt(value)} sits at its bound 0: the fit found no improvement with scale`,
  extremeCoefficient: (name: string, value: number, max: number) =>
    `coefficient ${name} = ${fmt(value)} is at a numeric extreme (beyond ${fmt(max)})`,
  negativeAsymptote: (value: number) => `the asymptote ${fmt(value)} is below 0, which a positive score cannot reach`,
  ceilingAboveBound: (value: number, bound: number) => `the ceiling ${fmt(value)} is above ${fmt(bound)}, the most the metric can take`,
  ceilingFarAboveData: (value: number, ratio: number, largest: number) =>
    `the ceiling ${fmt(value)} is more than ${ratio}× the largest observed score ${fmt(largest)}`,
  stepShaped: (share: number, from: number, to: number) =>
    `${(100 * share).toFixed(1)} % of the fitted change happens between the first two scales (${fmt(from)} to ${fmt(to)}): the curve is a step, not a law`,
  collapsedDraws: (names: readonly string[]) =>
    `${COLLAPSED_DRAWS_PREFIX}${names.join(", ")} ${names.length === 1 ? "has" : "have"} a zero-width interval (every resample refitted to the same value)`,
} as const;

/** How a withheld interval of a degenerate fit says why (readers tell it from an unstable bootstrap by this start). */
export const DEGENERATE_INTERVAL_PREFIX = "the fit is degenerate: ";
export const degenerateIntervalReason = (reasons: readonly string[]) => `${DEGENERATE_INTERVAL_PREFIX}${reasons.join("; ")}`;

/** Exponents per model, and whether the law's form needs them positive. */
const EXPONENTS: Partial<Record<string, { names: readonly string[]; positive: boolean }>> = {
  "power-law": { names: ["a"], positive: false },
  "saturating-power-law": { names: ["alpha"], positive: true },
  bnsl: { names: ["c0"], positive: false },
  chinchilla: { names: ["alpha", "beta"], positive: true },
  kaplan: { names: ["alphaN", "alphaD"], positive: true },
  "data-constrained": { names: ["alpha", "beta"], positive: true },
};
const COEFFICIENTS: Partial<Record<string, readonly string[]>> = {
  "power-law": ["K"],
  "saturating-power-law": ["A"],
  bnsl: ["b"],
  chinchilla: ["A", "B"],
  kaplan: ["Nc", "Dc"],
  "data-constrained": ["A", "B"],
};

export interface DegenerateFitInput {
  fit: Pick<FitResult, "model" | "params" | "converged" | "message">;
  /** The rows the fit was made on. */
  rows: readonly Observation[];
  direction?: Direction;
  /** Bootstrap parameter draws, when computed. */
  draws?: readonly Record<string, number>[];
  /** What the metric can take (e.g. { lower: 0, upper: 1 } for an accuracy). */
  bounds?: { lower?: number; upper?: number };
  thresholds?: Partial<DegenerateFitThresholds>;
}

/** The reasons the fit is degenerate (see the file comment); empty when it is not. */
export function degenerateFitReasons(input: DegenerateFitInput): string[] {
  const t = { ...DEGENERATE_FIT_DEFAULTS, ...input.thresholds };
  const { fit, rows } = input;
  const direction = input.direction ?? "lower";
  const spec = getModel(fit.model);
  const reasons: string[] = [];
  if (!fit.converged) reasons.push(DEGENERATE_FIT_REASONS.notConverged(fit.message));

  const exponents = EXPONENTS[spec.name];
  for (const name of exponents?.names ?? []) {
    const v = fit.params[name];
    if (v === undefined) continue;
    if (Math.abs(v) > t.maxExponent) reasons.push(DEGENERATE_FIT_REASONS.absurdExponent(name, v, t.maxExponent));
    else if (exponents!.positive && v <= t.exponentFloor) reasons.push(DEGENERATE_FIT_REASONS.exponentAtBound(name, v));
  }
  for (const name of COEFFICIENTS[spec.name] ?? []) {
    const v = fit.params[name];
    if (v !== undefined && Math.abs(v) > t.maxCoefficient) reasons.push(DEGENERATE_FIT_REASONS.extremeCoefficient(name, v, t.maxCoefficient));
  }

  const asymptote = spec.asymptote?.(fit.params);
  const ys = rows.map((r) => r.y);
  if (asymptote !== undefined && rows.length > 0) {
    const saturatingCeiling = spec.name === "saturating-power-law" && direction === "higher";
    if (saturatingCeiling) {
      const largest = Math.max(...ys);
      if (input.bounds?.upper !== undefined) {
        if (asymptote > input.bounds.upper) reasons.push(DEGENERATE_FIT_REASONS.ceilingAboveBound(asymptote, input.bounds.upper));
      } else if (largest > 0 && asymptote > t.maxCeilingRatio * largest) {
        reasons.push(DEGENERATE_FIT_REASONS.ceilingFarAboveData(asymptote, t.maxCeilingRatio, largest));
      }
    } else if (asymptote < (input.bounds?.lower ?? 0) && ys.every((y) => y > 0)) {
      reasons.push(DEGENERATE_FIT_REASONS.negativeAsymptote(asymptote));
    }
  }

  if (spec.axes === "x") {
    const scales = [...new Set(rows.map((r) => r.x).filter((x): x is number => x !== undefined))].sort((a, b) => a - b);
    if (scales.length >= 3) {
      const at = (x: number) => spec.predict(fit.params, { x }, direction);
      const first = at(scales[0]!);
      const total = Math.abs(at(scales[scales.length - 1]!) - first);
      const step = Math.abs(at(scales[1]!) - first);
      if (Number.isFinite(total) && total > 0 && step / total > t.maxFirstStepShare) {
        reasons.push(DEGENERATE_FIT_REASONS.stepShaped(step / total, scales[0]!, scales[1]!));
      }
    }
  }

  const draws = input.draws ?? [];
  if (draws.length >= 2) {
    const collapsed = Object.keys(fit.params).filter((name) => {
      const values = draws.map((d) => d[name]).filter((v): v is number => v !== undefined && Number.isFinite(v));
      if (values.length < 2) return false;
      const spread = Math.max(...values) - Math.min(...values);
      return spread <= t.collapsedSpread * Math.max(1, Math.abs(values[0]!));
    });
    if (collapsed.length > 0) reasons.push(DEGENERATE_FIT_REASONS.collapsedDraws(collapsed));
  }
  return reasons;
}
