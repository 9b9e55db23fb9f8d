/**
 * Forecasts from a fitted model: the score at a target scale with an interval from bootstrap draws, the
 * scale needed to reach a target score, the gain per doubling and per 10× at the frontier (the largest
 * observed scale), the asymptote and the distance to it; and the backtest (fit on the smaller scales,
 * predict the held-out largest ones).
 *
 * Scale means x for single-axis models and compute C = 6·N·D for joint models (see scale-curve.ts).
 * Gains are improvements: positive when the score gets better in the model's direction.
 * Cost: one curve evaluation per draw per requested scale; inverses use a log-grid root search.
 */
import { InputError } from "./input-error";
import { drawInterval, type Interval } from "./draw-interval";
import { fitModel, getModel, type FitModelOptions, type Observation } from "./models";
import { improvement, scaleForValue, scaleOf, valueAt, type FittedModel } from "./scale-curve";
import { bootstrapDrawsProblem, scoreIntervalProblem } from "./score-interval-check";
import type { FitResult } from "./types";

/** Defaults of every forecast option, in one place. */
export const FORECAST_DEFAULTS = Object.freeze({
  /** Central probability of the bootstrap intervals. */
  level: 0.95,
  /** Share of the rows (largest scales) held out by the backtest. */
  holdoutFraction: 0.2,
});

export interface Prediction {
  scale: number;
  value: number;
  /** Percentile interval over the bootstrap draws; absent without draws; flagged `unreliable` when it says nothing. */
  interval?: Interval;
}

export interface TargetForecast {
  target: number;
  /** Scale needed to reach the target, or null when no scale reaches it. */
  scale: number | null;
  /** Percentile interval of the scale over the draws that reach the target. */
  interval?: Interval;
  /** Share of the draws that reach the target at some scale. */
  reachableShare?: number;
}

export interface Forecast {
  model: string;
  /** Largest observed scale and the score predicted there. */
  frontier: Prediction;
  at: Prediction[];
  target?: TargetForecast;
  /** Improvement from the frontier to 2× and 10× the frontier scale. */
  gainPerDoubling: number;
  gainPer10x: number;
  /** Flagged `unreliable` when the score interval at the frontier or at 10× the frontier is. */
  gainPer10xInterval?: Interval;
  /** Score approached as the scale grows without bound (undefined when the form is unbounded). */
  asymptote?: number;
  /** |score at the frontier − asymptote|. */
  distanceToAsymptote?: number;
}

export const FORECAST_ERRORS = {
  level: (level: number) => `interval level must be between 0 and 1, got ${level}`,
  scale: (scale: number) => `forecast scale must be a positive number, got ${scale}`,
  holdout: (fraction: number) => `backtest holdout fraction must be between 0 and 1, got ${fraction}`,
  tooFewToHoldOut: (model: string, train: number, min: number) =>
    `backtest of ${model} leaves ${train} points to fit after holding out the largest scales; it needs at least ${min}`,
} as const;

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new InputError("out-of-range", FORECAST_ERRORS.level(level));
}

/**
 * Score at scale s with a percentile interval over the draws, flagged when it is not reliable (too many
 * failed refits, bootstrapDrawsProblem; or bounds that say nothing, scoreIntervalProblem).
 */
export function predictAt(f: FittedModel, s: number, level: number = FORECAST_DEFAULTS.level): Prediction {
  if (!(s > 0) || !Number.isFinite(s)) throw new InputError("not-positive", FORECAST_ERRORS.scale(s));
  checkLevel(level);
  const out: Prediction = { scale: s, value: valueAt(f, s) };
  if (f.draws.length > 0) {
    const interval = drawInterval(f.draws.map((p) => valueAt(f, s, p)), level);
    if (interval) {
      const problem = bootstrapDrawsProblem(f.failedDraws ?? 0, f.draws.length) ?? scoreIntervalProblem(f.model, interval, out.value);
      out.interval = problem === undefined ? interval : { ...interval, unreliable: problem };
    }
  }
  return out;
}

/** Scale needed to reach `target`, with an interval over the draws that reach it. */
export function forecastTarget(f: FittedModel, target: number, level: number = FORECAST_DEFAULTS.level): TargetForecast {
  checkLevel(level);
  const out: TargetForecast = { target, scale: scaleForValue(f, target) };
  if (f.draws.length > 0) {
    const scales = f.draws.map((p) => scaleForValue(f, target, p)).filter((s): s is number => s !== null);
    out.reachableShare = scales.length / f.draws.length;
    const interval = drawInterval(scales, level);
    if (interval) out.interval = interval;
  }
  return out;
}

/** Improvement from the frontier s0 to k·s0 (k = 2 per doubling, 10 per decade). */
export function gainAtFrontier(f: FittedModel, factor: number, params: Record<string, number> = f.params): number {
  return improvement(f.direction, valueAt(f, f.frontier, params), valueAt(f, f.frontier * factor, params));
}

/** The asymptote of the fitted form, when it has one. */
export function asymptoteOf(f: FittedModel): number | undefined {
  return getModel(f.model).asymptote?.(f.params);
}

/** Everything at once: frontier, requested scales, optional target, gains, asymptote. */
export function forecast(
  f: FittedModel,
  options: { at?: readonly number[]; target?: number; level?: number } = {},
): Forecast {
  const level = options.level ?? FORECAST_DEFAULTS.level;
  const frontier = predictAt(f, f.frontier, level);
  const out: Forecast = {
    model: f.model,
    frontier,
    at: (options.at ?? []).map((s) => predictAt(f, s, level)),
    gainPerDoubling: gainAtFrontier(f, 2),
    gainPer10x: gainAtFrontier(f, 10),
  };
  if (f.draws.length > 0) {
    const interval = drawInterval(f.draws.map((p) => gainAtFrontier(f, 10, p)), level);
    const unreliable = frontier.interval?.unreliable ?? predictAt(f, f.frontier * 10, level).interval?.unreliable;
    if (interval) out.gainPer10xInterval = unreliable === undefined ? interval : { ...interval, unreliable };
  }
  if (options.target !== undefined) out.target = forecastTarget(f, options.target, level);
  const asymptote = asymptoteOf(f);
  if (asymptote !== undefined && Number.isFinite(asymptote)) {
    out.asymptote = asymptote;
    out.distanceToAsymptote = Math.abs(frontier.value - asymptote);
  }
  return out;
}

export interface BacktestRow {
  scale: number;
  actual: number;
  predicted: number;
  /** predicted − actual. */
  error: number;
  /** ln(predicted / actual), NaN when either is not positive. */
  logError: number;
}

export interface Backtest {
  model: string;
  /** The fit on the smaller scales. */
  fit: FitResult;
  trainSize: number;
  /** Scale at and above which rows were held out. */
  cutoff: number;
  heldOut: BacktestRow[];
  /** Root mean square of the log errors (NaN when some score is not positive). */
  rmseLog: number;
  /** Mean of |error| / |actual|. */
  meanAbsoluteRelativeError: number;
}

/**
 * Splits rows by scale: the largest `fraction` of the distinct scales (at least one) are held out, so that
 * repeats of one scale never straddle the split. Returns the two sets and the cutoff scale.
 */
export function splitByScale(
  model: string,
  rows: readonly Observation[],
  fraction: number,
): { train: Observation[]; test: Observation[]; cutoff: number } {
  if (!(fraction > 0 && fraction < 1)) throw new InputError("out-of-range", FORECAST_ERRORS.holdout(fraction));
  const spec = getModel(model);
  const scales = [...new Set(rows.map((r) => scaleOf(spec, r)))].sort((a, b) => a - b);
  const held = Math.max(1, Math.round(scales.length * fraction));
  const cutoff = scales[Math.max(0, scales.length - held)] ?? Number.POSITIVE_INFINITY;
  const train = rows.filter((r) => scaleOf(spec, r) < cutoff);
  const test = rows.filter((r) => scaleOf(spec, r) >= cutoff);
  return { train, test, cutoff };
}

/**
 * Backtest: fit `model` on the rows below the held-out scales and compare its predictions with the held-out
 * rows. Joint models are evaluated at each held-out row's own (N, D), not on the compute-optimal path.
 * Throws the model's fit errors, and a specific error when too few rows remain to fit.
 */
export function backtest(
  model: string,
  rows: readonly Observation[],
  options: { holdoutFraction?: number; fitOptions?: FitModelOptions } = {},
): Backtest {
  const spec = getModel(model);
  const { train, test, cutoff } = splitByScale(model, rows, options.holdoutFraction ?? FORECAST_DEFAULTS.holdoutFraction);
  if (train.length < spec.minPoints) throw new InputError("too-few-points", FORECAST_ERRORS.tooFewToHoldOut(model, train.length, spec.minPoints));
  const fit = fitModel(model, train, options.fitOptions);
  const heldOut = test.map((r): BacktestRow => {
    const predicted = spec.predict(fit.params, r, options.fitOptions?.direction);
    const error = predicted - r.y;
    const logError = predicted > 0 && r.y > 0 ? Math.log(predicted / r.y) : Number.NaN;
    return { scale: scaleOf(spec, r), actual: r.y, predicted, error, logError };
  });
  const rmseLog = Math.sqrt(heldOut.reduce((s, r) => s + r.logError * r.logError, 0) / heldOut.length);
  const mare = heldOut.reduce((s, r) => s + Math.abs(r.error) / Math.abs(r.actual), 0) / heldOut.length;
  return { model: spec.name, fit, trainSize: train.length, cutoff, heldOut, rmseLog, meanAbsoluteRelativeError: mare };
}

