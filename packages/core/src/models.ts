/**
 * The model registry: for every name in MODEL_NAMES, the parameter names, the minimum number of points, the
 * scale axes the model reads, and its `fit`, `predict` and (where the form inverts) `inverse`.
 * `fitModel(name, rows, options)` checks the rows against the model's needs, with one exact message per
 * problem (listed in MODEL_ERRORS), then dispatches to the model's own fitter.
 *
 * Axes: "x" (one scale axis), "n+d" (parameters N and tokens D; data-constrained also reads unique
 * tokens U), "c+x" (isoFLOP: compute budget C and the swept N or D).
 */
import { InputError } from "./input-error";
import { bootstrap, parameterIntervals, type BootstrapResult, type ParameterInterval } from "./bootstrap";
import { bnslMinPoints, fitBnsl, inverseBnsl, predictBnsl, type BnslOptions, type BnslParams } from "./bnsl";
import {
  fitDataConstrained,
  predictDataConstrained,
  type DataConstrainedOptions,
  type DataConstrainedParams,
} from "./data-constrained";
import { fitIsoFlop, inverseIsoFlop, ISOFLOP_MIN_POINTS, predictIsoFlop } from "./isoflop";
import { fitKaplan, predictKaplan, type KaplanOptions, type KaplanParams } from "./kaplan";
import { fitChinchilla, predictChinchilla, type ChinchillaOptions, type ChinchillaParams } from "./chinchilla";
import { fitLogLinear, inverseLogLinear, LOG_LINEAR_MIN_POINTS, predictLogLinear, type LogLinearOptions, type LogLinearParams } from "./log-linear";
import { fitPowerLaw, inversePowerLaw, POWER_LAW_MIN_POINTS, predictPowerLaw, type PowerLawOptions, type PowerLawParams } from "./power-law";
import {
  fitSaturatingPowerLaw,
  inverseSaturatingPowerLaw,
  predictSaturatingPowerLaw,
  SATURATING_POWER_LAW_MIN_POINTS,
  type SaturatingPowerLawOptions,
  type SaturatingPowerLawParams,
} from "./saturating-power-law";
import type { Direction, FitResult, JointPoint, ModelName, Point } from "./types";
import { MODEL_NAMES } from "./types";

/** One row of a sweep as the registry reads it; a model uses only the fields of its axes. */
export interface Observation {
  x?: number;
  n?: number;
  d?: number;
  c?: number;
  /** Unique tokens (data-constrained law); D when absent. */
  u?: number;
  y: number;
  weight?: number;
}

/** Where to evaluate a model: the fields of its axes (x; n and d (and u); c). */
export type Scale = Omit<Observation, "y" | "weight">;

export type Axes = "x" | "n+d" | "c+x";
export type Field = "x" | "n" | "d" | "c" | "u" | "y";

/** Options understood by every fitter; each model ignores the ones it does not use. */
export interface FitModelOptions {
  /** Number of breaks of the broken power law (BNSL). */
  breaks?: number;
  /** Whether a higher score is better (saturating law becomes y = S − A·x^(−α)). */
  direction?: "lower" | "higher";
  /** Anything else is passed through to the model's fitter unchanged. */
  [option: string]: unknown;
}

export interface ModelSpec {
  name: ModelName;
  /** One-line description with the formula. */
  formula: string;
  /** Parameter names, in order. For bnsl with the default single break. */
  params: readonly string[];
  /** Fewest rows the fitter accepts. */
  minPoints: number;
  axes: Axes;
  /** Fields that must be strictly positive (log axes). */
  positive: readonly Field[];
  /** Fields that need at least two distinct values. */
  distinct: readonly Field[];
  /** What `predict` returns: the score y, or (isoflop) the compute-optimal x at budget c. */
  predicts: "y" | "optimum";
  fit(rows: Observation[], options: FitModelOptions): FitResult;
  /** Prediction at a scale; `direction` matters only for the saturating law (E + … or E − …). */
  predict(params: Record<string, number>, at: Scale, direction?: Direction): number;
  /** Scale (x, or for isoflop c) at which the prediction equals y; absent when the form has no inverse. */
  inverse?(params: Record<string, number>, y: number, direction?: Direction): number;
  /** Value approached as the scale grows without bound, when the form has one. */
  asymptote?(params: Record<string, number>): number | undefined;
  /** Options that start a refit from known parameters (bootstrap refits), when the fitter supports it. */
  warmStart?(params: Record<string, number>): FitModelOptions;
  /** Parameters these fit options hold at given values instead of fitting (their bootstrap draws do not vary). */
  heldFixed?(options: FitModelOptions): readonly string[];
}

const at = (v: number | undefined) => v ?? Number.NaN;
/** Options without `direction`, for fitters that do not take one. */
function plain(options: FitModelOptions): Record<string, unknown> {
  const { direction: _direction, ...rest } = options;
  return rest;
}

/** What a single-axis entry states itself; singleAxisModel adds the rest. */
type SingleAxisEntry = Omit<ModelSpec, "axes" | "distinct" | "predicts" | "fit" | "predict"> & {
  fit(points: Point[], options: FitModelOptions): FitResult;
  predict(params: Record<string, number>, x: number, direction?: Direction): number;
};

/** A law of one scale x: rows become points (x, y, weight), it needs two distinct x and predicts y at x. */
function singleAxisModel(entry: SingleAxisEntry): ModelSpec {
  const { fit, predict, ...rest } = entry;
  return {
    ...rest,
    axes: "x",
    distinct: ["x"],
    predicts: "y",
    fit: (rows, options) => fit(toPoints(rows), options),
    predict: (p, s, direction) => predict(p, at(s.x), direction),
  };
}

/** What a joint entry states itself; jointModel adds the rest. */
type JointEntry = Omit<ModelSpec, "axes" | "distinct" | "predicts" | "fit" | "predict"> & {
  fit(points: JointPoint[], options: Record<string, unknown>): FitResult;
  predict(params: Record<string, number>, at: { n: number; d: number; u?: number }): number;
};

/**
 * A joint law of parameters N and tokens D (and unique tokens U when a row has them): rows become joint
 * points, it needs two distinct N and two distinct D, predicts y, takes no `direction`, and refits warm
 * from `{ start: params }` unless the entry says otherwise.
 */
function jointModel(entry: JointEntry): ModelSpec {
  const { fit, predict, ...rest } = entry;
  return {
    warmStart: (p) => ({ start: p }),
    ...rest,
    axes: "n+d",
    distinct: ["n", "d"],
    predicts: "y",
    fit: (rows, options) => fit(toJointPoints(rows), plain(options)),
    predict: (p, s) => predict(p, s.u === undefined ? { n: at(s.n), d: at(s.d) } : { n: at(s.n), d: at(s.d), u: s.u }),
  };
}

/** The registry, keyed by model name. */
const ENTRIES = {
  "log-linear": singleAxisModel({
    name: "log-linear",
    formula: "y = a + b·log10(x)",
    params: ["a", "b"],
    minPoints: LOG_LINEAR_MIN_POINTS,
    positive: ["x"],
    fit: (points, options) => fitLogLinear(points, plain(options) as Partial<LogLinearOptions>),
    predict: (p, x) => predictLogLinear(p as LogLinearParams, x),
    inverse: (p, y) => inverseLogLinear(p as LogLinearParams, y),
  }),
  "power-law": singleAxisModel({
    name: "power-law",
    formula: "y = K·x^a",
    params: ["K", "a"],
    minPoints: POWER_LAW_MIN_POINTS,
    positive: ["x", "y"],
    fit: (points, options) => fitPowerLaw(points, plain(options) as Partial<PowerLawOptions>),
    predict: (p, x) => predictPowerLaw(p as PowerLawParams, x),
    inverse: (p, y) => inversePowerLaw(p as PowerLawParams, y),
    asymptote: (p) => (p.a! < 0 ? 0 : undefined),
  }),
  "saturating-power-law": singleAxisModel({
    name: "saturating-power-law",
    formula: "y = E + A·x^(−alpha) (lower is better) or y = E − A·x^(−alpha) (higher is better)",
    params: ["E", "A", "alpha"],
    minPoints: SATURATING_POWER_LAW_MIN_POINTS,
    positive: ["x", "y"],
    fit: (points, options) => fitSaturatingPowerLaw(points, options as Partial<SaturatingPowerLawOptions>),
    predict: (p, x, direction) => predictSaturatingPowerLaw(p as SaturatingPowerLawParams, x, direction),
    inverse: (p, y, direction) => inverseSaturatingPowerLaw(p as SaturatingPowerLawParams, y, direction),
    asymptote: (p) => (p.alpha! > 0 && p.A! > 0 ? p.E : undefined),
  }),
  bnsl: singleAxisModel({
    name: "bnsl",
    formula: "y = a + b·x^(−c0)·Π_i (1 + (x/d_i)^(1/f_i))^(−c_i·f_i) (one break; breaks: 2 adds c2 d2 f2)",
    params: ["a", "b", "c0", "c1", "d1", "f1"],
    minPoints: bnslMinPoints(1),
    positive: ["x"],
    fit: (points, options) => fitBnsl(points, plain(options) as Partial<BnslOptions>),
    predict: (p, x) => predictBnsl(p as BnslParams, x),
    inverse: (p, y) => inverseBnsl(p as BnslParams, y),
    asymptote: (p) => (p.b! > 0 && p.c0! + p.c1! + (p.c2 ?? 0) > 0 ? p.a : undefined),
  }),
  chinchilla: jointModel({
    name: "chinchilla",
    formula: "L(N, D) = E + A/N^alpha + B/D^beta",
    params: ["E", "A", "B", "alpha", "beta"],
    minPoints: 6,
    positive: ["n", "d", "y"],
    fit: (points, options) => fitChinchilla(points, options as Partial<ChinchillaOptions>),
    predict: (p, s) => predictChinchilla(p as ChinchillaParams, s),
    asymptote: (p) => p.E,
  }),
  kaplan: jointModel({
    name: "kaplan",
    formula: "L(N, D) = [(Nc/N)^(alphaN/alphaD) + Dc/D]^alphaD",
    params: ["alphaN", "alphaD", "Nc", "Dc"],
    minPoints: 5,
    positive: ["n", "d", "y"],
    fit: (points, options) => fitKaplan(points, options as Partial<KaplanOptions>),
    predict: (p, s) => predictKaplan(p as KaplanParams, s),
    asymptote: () => 0,
  }),
  "data-constrained": jointModel({
    name: "data-constrained",
    formula: "L = E + A/N'^alpha + B/D'^beta with effective N', D' under repetition of U unique tokens (RDstar, RNstar)",
    params: ["E", "A", "B", "alpha", "beta", "RDstar", "RNstar"],
    minPoints: 3,
    positive: ["n", "d", "u", "y"],
    fit: (points, options) => fitDataConstrained(points, options as Partial<DataConstrainedOptions>),
    predict: (p, s) => predictDataConstrained(p as DataConstrainedParams, s),
    asymptote: (p) => p.E,
    warmStart: (p) => ({ start: { RDstar: p.RDstar, RNstar: p.RNstar } }),
    heldFixed: (options) => ((options as Partial<DataConstrainedOptions>).fitBase ? [] : ["E", "A", "B", "alpha", "beta"]),
  }),
  isoflop: {
    name: "isoflop",
    formula: "per budget C a parabola of y in ln x; optimum x* = K·C^a",
    params: ["K", "a"],
    minPoints: ISOFLOP_MIN_POINTS,
    axes: "c+x",
    positive: ["c", "x"],
    distinct: ["c", "x"],
    predicts: "optimum",
    fit: (rows) => fitIsoFlop(rows.map((r) => ({ c: at(r.c), x: at(r.x), y: r.y }))),
    predict: (p, s) => predictIsoFlop(p as Record<"K" | "a", number>, at(s.c)),
    inverse: (p, x) => inverseIsoFlop(p as Record<"K" | "a", number>, x),
  },
} satisfies Record<ModelName, ModelSpec>;
export const MODELS: Readonly<Record<ModelName, ModelSpec>> = Object.freeze(ENTRIES);

/** The exact error messages of `fitModel`, as functions of their inputs (each asserted by a test). */
export const MODEL_ERRORS = {
  unknownModel: (name: string) => `unknown model "${name}"; valid models: ${MODEL_NAMES.join(", ")}`,
  missingValue: (model: string, row: number, field: Field) =>
    `${model} fit needs ${field} on every row: row ${row} has no ${field}`,
  notFinite: (model: string, row: number, field: Field, value: number) =>
    `${model} fit needs finite numbers: row ${row} has ${field} = ${value}`,
  tooFewPoints: (model: string, min: number, got: number) =>
    `${model} fit needs at least ${min} points, got ${got}`,
  notPositive: (model: string, row: number, field: Field, value: number) =>
    `${model} needs positive ${field} on a log axis: row ${row} has ${field} = ${value}`,
  oneDistinct: (model: string, field: Field, value: number) =>
    `${model} fit needs at least 2 distinct values of ${field}, got only ${field} = ${value}`,
  noInverse: (model: string) => `${model} has no inverse: it cannot solve for the scale that reaches a target`,
  unrepresentable: (name: string, value: number) =>
    `${name} = ${value} at the best point found: the data do not determine it, so the fit is marked not converged`,
  overflows: (row: number, value: number) =>
    `the fitted law predicts ${value} at row ${row}: beyond floating point there, so the fit is marked not converged`,
} as const;

/** Regular expressions matching every message above (for callers that classify errors). */
export const MODEL_ERROR_PATTERNS: readonly RegExp[] = [
  /^\S+ fit needs non-negative weights: row \d+ has weight = /,
  /^\S+ fit needs at least one positive weight, got all weights = 0$/,
  /^unknown model "/,
  /^\S+ fit needs \S+ on every row: row \d+ has no /,
  /^\S+ fit needs finite numbers: row \d+ has /,
  /^\S+ fit needs at least \d+ points, got \d+$/,
  /^\S+ needs positive \S+ on a log axis: row \d+ has /,
  /^\S+ fit needs at least 2 distinct values of /,
  // the fitters' own documented failures on data that passes the checks above
  /^bnsl needs y > -1 to fit log\(y \+ 1\): row \d+ has y = /,
  /^chinchilla fit found no starting point with a finite objective/,
  /^data-constrained fit found no starting point with a finite objective/,
  /^kaplan fit found no starting point with a positive α_D/,
  /^saturating-power-law fit found no start with finite residuals: row \d+ has y = /,
  /^isoflop budget C = \S+ needs at least 3 distinct x for a parabola, got \d+$/,
  /^isoflop fit needs at least 2 budgets whose parabola has a minimum, got \d+/,
];

export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

/** The spec of a model, or the documented error listing the valid names. */
export function getModel(name: string): ModelSpec {
  if (!isModelName(name)) throw new InputError("unknown-name", MODEL_ERRORS.unknownModel(name));
  return MODELS[name];
}

/** The fields a model reads from each row (besides y). */
export function axisFields(spec: ModelSpec): Field[] {
  if (spec.axes === "x") return ["x"];
  if (spec.axes === "c+x") return ["c", "x"];
  return spec.name === "data-constrained" ? ["n", "d", "u"] : ["n", "d"];
}

/**
 * Checks rows against a model's needs and throws the first problem found, in this order: a missing or
 * non-finite value, too few points, a non-positive value on a log axis, a single distinct scale.
 * Rows are numbered from 1. `u` may be absent (it defaults to d).
 */
export function validateRows(spec: ModelSpec, rows: readonly Observation[]): void {
  const fields: Field[] = [...axisFields(spec), "y"];
  rows.forEach((row, i) => {
    for (const field of fields) {
      const value = row[field];
      if (value === undefined) {
        if (field === "u") continue;
        throw new InputError("missing-value", MODEL_ERRORS.missingValue(spec.name, i + 1, field));
      }
      if (!Number.isFinite(value)) throw new InputError("non-finite", MODEL_ERRORS.notFinite(spec.name, i + 1, field, value));
    }
  });
  if (rows.length < spec.minPoints) throw new InputError("too-few-points", MODEL_ERRORS.tooFewPoints(spec.name, spec.minPoints, rows.length));
  rows.forEach((row, i) => {
    for (const field of spec.positive) {
      const value = row[field];
      if (value !== undefined && value <= 0) throw new InputError("not-positive", MODEL_ERRORS.notPositive(spec.name, i + 1, field, value));
    }
  });
  for (const field of spec.distinct) {
    const first = rows[0]?.[field];
    if (first !== undefined && rows.every((r) => r[field] === first)) {
      throw new InputError("too-few-distinct", MODEL_ERRORS.oneDistinct(spec.name, field, first));
    }
  }
}

/**
 * Fits model `name` to `rows`. Throws only the messages in MODEL_ERRORS (unknown model, missing or
 * non-finite value, too few points, non-positive value on a log axis, one distinct scale); a fit that
 * does not converge comes back with `converged: false`. Cost: that of the model's fitter.
 */
export function fitModel(name: string, rows: readonly Observation[], options: FitModelOptions = {}): FitResult {
  const spec = getModel(name);
  validateRows(spec, rows);
  return withOverflowFlagged(spec, rows, withUnrepresentableFlagged(spec.fit([...rows], options)));
}

/**
 * A converged fit of a law that predicts y must predict a finite y at every row it was fitted to: with
 * data at the limits of floating point (x = 5e-324, y = 1e307) a fitter can stop at parameters whose
 * predictions overflow there, and its log-space goodness of fit would silently be NaN. Such a fit keeps its
 * best point but is marked not converged, naming the first such row (1-based). O(rows).
 */
function withOverflowFlagged(spec: ModelSpec, rows: readonly Observation[], fit: FitResult): FitResult {
  if (!fit.converged || spec.predicts !== "y") return fit;
  for (let i = 0; i < rows.length; i++) {
    const value = spec.predict(fit.params, rows[i]!);
    if (!Number.isFinite(value)) return { ...fit, converged: false, message: `${fit.message}; ${MODEL_ERRORS.overflows(i + 1, value)}` };
  }
  return fit;
}

/**
 * The registry's promise: a fit marked converged has finite parameters and objective. A fitter can still
 * run a parameter off to ±Infinity when the data do not determine it (e.g. Kaplan's D_c on a sweep whose
 * D barely matters); such a result keeps its best point but is marked not converged, saying which value.
 */
export function withUnrepresentableFlagged(fit: FitResult): FitResult {
  if (!fit.converged) return fit;
  const bad = Object.entries(fit.params).find(([, v]) => !Number.isFinite(v));
  if (bad) return { ...fit, converged: false, message: `${fit.message}; ${MODEL_ERRORS.unrepresentable(bad[0], bad[1])}` };
  if (!Number.isFinite(fit.objective)) {
    return { ...fit, converged: false, message: `${fit.message}; ${MODEL_ERRORS.unrepresentable("objective", fit.objective)}` };
  }
  return fit;
}

/** Prediction of model `name` at a scale (see ModelSpec.predict). */
export function predictModel(name: string, params: Record<string, number>, at: Scale, direction?: Direction): number {
  return getModel(name).predict(params, at, direction);
}

/** Rows as single-axis points (x, y, weight). */
export function toPoints(rows: readonly Observation[]): Point[] {
  return rows.map((r) => (r.weight === undefined ? { x: r.x ?? Number.NaN, y: r.y } : { x: r.x ?? Number.NaN, y: r.y, weight: r.weight }));
}

/** Rows as joint points (n, d, y and u when present). */
export function toJointPoints(rows: readonly Observation[]): JointPoint[] {
  return rows.map((r) => {
    const p: JointPoint = { n: r.n ?? Number.NaN, d: r.d ?? Number.NaN, y: r.y };
    if (r.u !== undefined) p.u = r.u;
    return p;
  });
}

export interface ModelBootstrap extends BootstrapResult {
  /** The full-data fit. */
  fit: FitResult;
  /** Median, percentile interval and standard error of every parameter across the draws. */
  intervals?: Record<string, ParameterInterval>;
  level: number;
}

/** Defaults of the registry's bootstrap, in one place. */
export const MODEL_BOOTSTRAP_DEFAULTS = Object.freeze({ resamples: 1000, seed: 42, level: 0.95 });

/**
 * Fits `name` to all rows, then refits `resamples` resamples (warm-started from the full fit when the model
 * supports it). A refit that throws or does not converge counts as a failure. Throws what fitModel throws
 * for the full data. Cost: (resamples + 1) fits.
 */
export function bootstrapModel(
  name: string,
  rows: readonly Observation[],
  options: {
    resamples?: number;
    seed?: number;
    level?: number;
    fitOptions?: FitModelOptions;
    onProgress?: (done: number, total: number) => void;
  } = {},
): ModelBootstrap {
  const spec = getModel(name);
  const fitOptions = options.fitOptions ?? {};
  const fit = fitModel(name, rows, fitOptions);
  const refitOptions = { ...fitOptions, ...spec.warmStart?.(fit.params) };
  const level = options.level ?? MODEL_BOOTSTRAP_DEFAULTS.level;
  const result = bootstrap<Observation>(
    rows,
    (sample) => {
      const r = fitModel(name, sample, refitOptions);
      return r.converged ? r.params : null;
    },
    {
      resamples: options.resamples ?? MODEL_BOOTSTRAP_DEFAULTS.resamples,
      seed: options.seed ?? MODEL_BOOTSTRAP_DEFAULTS.seed,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    },
  );
  const out: ModelBootstrap = { ...result, fit, level };
  if (result.draws.length > 0) out.intervals = parameterIntervals(result.draws, level);
  return out;
}
