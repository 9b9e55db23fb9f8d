/**
 * Prediction intervals for extrapolation that also carry the error of the law itself, not only the noise
 * of its parameters. The bootstrap (bootstrap.ts) resamples the runs and refits: it sees parameter noise,
 * but a law that is slightly wrong is wrong the same way in every resample, so its band stays narrow while
 * the forecast drifts away one or two doublings out.
 *
 * Method (rolling-origin backtests inside the sweep, split-conformal calibration):
 * 1. Sort the distinct scales s_1 < … < s_K. For each cut-off k (at least `minTrainScales` scales and the
 *    model's minimum number of rows below it, at most the last `maxCutoffs` such cut-offs), fit the law on
 *    the rows at scales ≤ s_k and predict every later row (joint laws at the row's own N, D).
 * 2. Each prediction gives a score |ln(ŷ/y)| / (d + d0), where d = log10(scale / s_k) is how many decades
 *    beyond that fit's frontier the prediction lies and d0 = `nearDecades` keeps scores near the frontier
 *    finite: the error allowed per decade of extrapolation.
 * 3. q = the ⌈(m+1)·level⌉-th smallest of the m scores (the split-conformal quantile; the largest score
 *    when m is too small for that rank). At a scale d decades beyond the full data's frontier the allowance
 *    is w(d) = q·(max(d, 0) + d0) in ln units.
 * 4. The interval widens the bootstrap band by the allowance in log space:
 *    [min(lo, ŷ)·e^(−w), max(hi, ŷ)·e^(w)]. The backtest errors already hold some parameter noise, so this
 *    errs on the wide side, which is the side a decision should err on.
 * When fewer than `minCutoffs` cut-offs give a usable fit, or fewer than `minScores` scores come out, or a
 * score is not positive (log errors need positive scores), the bootstrap band is returned alone with
 * method "parameter-only" and the reason.
 *
 * Cost: one fit per cut-off (at most `maxCutoffs`) plus the bootstrap's resamples + 1 fits when the draws
 * are not given; O(rows²) predictions. The multi-start laws (saturating, bnsl) dominate: see the core bench.
 * Failure modes: the allowance grows linearly with the decades; beyond the farthest distance the backtests
 * reached (reported as `calibratedDecades`) that growth is an assumption, not a measurement. Cut-offs whose
 * fit throws or does not converge are skipped (counted in `skippedCutoffs`). Scores of the backtests are
 * correlated (one fit predicts several scales), so the coverage guarantee of split conformal is
 * approximate; the calibration table in calibration.test.ts measures it.
 */
import { drawInterval } from "./draw-interval";
import { FORECAST_ERRORS } from "./forecast";
import { InputError } from "./input-error";
import { bootstrapModel, fitModel, getModel, type FitModelOptions, type Observation } from "./models";
import { fittedModel, scaleOf, valueAt, type FittedModel } from "./scale-curve";
import { bootstrapDrawsProblem, scoreIntervalProblem } from "./score-interval-check";
import type { Direction } from "./types";

export interface CalibrationOptions {
  level: number;
  seed: number;
  resamples: number;
  maxCutoffs: number;
  minCutoffs: number;
  minScores: number;
  minTrainScales: number;
  nearDecades: number;
}

/** Defaults of every calibration option, in one place. */
export const CALIBRATION_DEFAULTS: Readonly<CalibrationOptions> = Object.freeze({
  /** Central probability of the interval. */
  level: 0.9,
  /** Seed of the bootstrap resamples. */
  seed: 42,
  /** Bootstrap resamples (refits) for the parameter band when no draws are given. */
  resamples: 200,
  /** Most backtest cut-offs refitted (the latest ones, nearest the full data). */
  maxCutoffs: 6,
  /** Fewest usable cut-offs for a calibrated interval. */
  minCutoffs: 2,
  /** Fewest backtest errors for a calibrated interval. */
  minScores: 4,
  /** Fewest distinct scales a backtest fit is made on. */
  minTrainScales: 3,
  /** Distance floor d0, in decades, added to every distance (keeps the allowance at the frontier positive). */
  nearDecades: 0.1,
});

export type IntervalMethod = "calibrated" | "parameter-only";

/** What a view prints for each method. */
export const INTERVAL_METHOD_LABELS: Readonly<Record<IntervalMethod, string>> = Object.freeze({
  calibrated: "calibrated on backtests",
  "parameter-only": "parameter uncertainty only",
});

/** The exact reasons and errors of this module (each asserted by a test). */
export const CALIBRATION_MESSAGES = {
  fewCutoffs: (usable: number, scales: number, min: number) =>
    `only ${usable} backtest cut-off${usable === 1 ? "" : "s"} possible with ${scales} distinct scales; calibration needs at least ${min}`,
  fewConverged: (usable: number, tried: number, min: number) =>
    `only ${usable} of ${tried} backtest fits converged; calibration needs at least ${min}`,
  fewScores: (scores: number, min: number) => `only ${scores} backtest errors; calibration needs at least ${min}`,
  notPositive: () => "log-space calibration needs positive scores, and some score or prediction is not positive",
  noDraws: () => "no bootstrap draws: the interval is the point estimate alone",
  option: (name: string, value: number) => `calibration option ${name} must be a positive whole number, got ${value}`,
} as const;

/** One backtest prediction: how far beyond its fit's frontier it was and how wrong, in ln units. */
export interface ExtrapolationError {
  /** Largest scale of the backtest fit. */
  cutoff: number;
  scale: number;
  /** log10(scale / cutoff). */
  decades: number;
  /** ln(ŷ / y). */
  logError: number;
}

/**
 * What the rolling-origin backtests found, before a level is chosen: store it with a fit and calibrate at
 * any level later (calibrationAt) without refitting. Plain JSON.
 */
export interface ExtrapolationBacktests {
  errors: ExtrapolationError[];
  /** Cut-offs whose fit was used. */
  cutoffs: number;
  /** Cut-offs whose fit threw or did not converge. */
  skippedCutoffs: number;
  distinctScales: number;
  /** False when some score or backtest prediction was not positive (no log error). */
  positive: boolean;
}

export type Calibration =
  | {
      method: "calibrated";
      level: number;
      /** Allowed |ln error| per decade of extrapolation (the conformal quantile of the scores). */
      perDecade: number;
      nearDecades: number;
      cutoffs: number;
      /** Backtest errors the quantile was taken over. */
      scores: number;
      /** Farthest distance, in decades, a backtest prediction reached. */
      calibratedDecades: number;
    }
  | { method: "parameter-only"; level: number; reason: string; cutoffs: number; scores: number };

export interface CalibratedPrediction {
  scale: number;
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  method: IntervalMethod;
  /** Why the interval is parameter uncertainty only (or what else limits it). */
  reason?: string;
  /** Decades beyond the fitted frontier (negative inside the data). */
  decadesBeyond: number;
  /** Why the bootstrap band under this interval says nothing (see score-interval-check.ts), when it does not. */
  unreliable?: string;
  /** The bootstrap band alone, for comparison; absent without draws. */
  bootstrap?: { lower: number; upper: number; unreliable?: string };
}

function resolve(options: Partial<CalibrationOptions>): CalibrationOptions {
  const o = { ...CALIBRATION_DEFAULTS, ...options };
  if (!(o.level > 0 && o.level < 1)) throw new InputError("out-of-range", FORECAST_ERRORS.level(o.level));
  for (const name of ["resamples", "maxCutoffs", "minCutoffs", "minScores", "minTrainScales"] as const) {
    if (!Number.isInteger(o[name]) || o[name] < 1) throw new Error(CALIBRATION_MESSAGES.option(name, o[name]));
  }
  if (!(o.nearDecades > 0)) throw new Error(`calibration option nearDecades must be positive, got ${o.nearDecades}`);
  return o;
}

/**
 * Rolling-origin backtests of `model` on `rows`: the log error of every prediction beyond each cut-off.
 * Cost: at most `maxCutoffs` fits. Throws only on invalid options and unknown models.
 */
export function extrapolationBacktests(
  model: string,
  rows: readonly Observation[],
  options: Partial<CalibrationOptions> & { fitOptions?: FitModelOptions } = {},
): ExtrapolationBacktests {
  const o = resolve(options);
  const spec = getModel(model);
  const scaleOfRow = rows.map((r) => scaleOf(spec, r));
  const scales = [...new Set(scaleOfRow)].sort((a, b) => a - b);
  const candidates: number[] = [];
  for (let k = o.minTrainScales - 1; k < scales.length - 1; k++) {
    const cutoff = scales[k]!;
    if (scaleOfRow.filter((s) => s <= cutoff).length >= spec.minPoints) candidates.push(cutoff);
  }
  const out: ExtrapolationBacktests = { errors: [], cutoffs: 0, skippedCutoffs: 0, distinctScales: scales.length, positive: true };
  for (const cutoff of candidates.slice(-o.maxCutoffs)) {
    const train = rows.filter((_, i) => scaleOfRow[i]! <= cutoff);
    let params: Record<string, number>;
    try {
      const fit = fitModel(model, train, options.fitOptions);
      if (!fit.converged) throw new Error(fit.message);
      params = fit.params;
    } catch {
      out.skippedCutoffs++;
      continue;
    }
    out.cutoffs++;
    rows.forEach((r, i) => {
      const s = scaleOfRow[i]!;
      if (s <= cutoff) return;
      const predicted = spec.predict(params, r, options.fitOptions?.direction);
      if (!(predicted > 0 && r.y > 0) || !Number.isFinite(predicted)) {
        out.positive = false;
        return;
      }
      out.errors.push({ cutoff, scale: s, decades: Math.log10(s / cutoff), logError: Math.log(predicted / r.y) });
    });
  }
  return out;
}

/** The conformal allowance per decade at `level` from stored backtests, or why there is none. O(m log m). */
export function calibrationAt(backtests: ExtrapolationBacktests, level: number, options: Partial<CalibrationOptions> = {}): Calibration {
  const o = resolve({ ...options, level });
  const { errors, cutoffs } = backtests;
  const base = { level: o.level, cutoffs, scores: errors.length };
  if (cutoffs < o.minCutoffs) {
    const reason =
      backtests.skippedCutoffs > 0
        ? CALIBRATION_MESSAGES.fewConverged(cutoffs, cutoffs + backtests.skippedCutoffs, o.minCutoffs)
        : CALIBRATION_MESSAGES.fewCutoffs(cutoffs, backtests.distinctScales, o.minCutoffs);
    return { ...base, method: "parameter-only", reason };
  }
  if (!backtests.positive) return { ...base, method: "parameter-only", reason: CALIBRATION_MESSAGES.notPositive() };
  if (errors.length < o.minScores) return { ...base, method: "parameter-only", reason: CALIBRATION_MESSAGES.fewScores(errors.length, o.minScores) };
  const scores = errors.map((e) => Math.abs(e.logError) / (e.decades + o.nearDecades)).sort((a, b) => a - b);
  const rank = Math.min(scores.length, Math.ceil((scores.length + 1) * o.level));
  return {
    ...base,
    method: "calibrated",
    perDecade: scores[rank - 1]!,
    nearDecades: o.nearDecades,
    calibratedDecades: Math.max(...errors.map((e) => e.decades)),
  };
}

/** extrapolationBacktests then calibrationAt at `options.level` (default 0.9). */
export function calibrateExtrapolation(
  model: string,
  rows: readonly Observation[],
  options: Partial<CalibrationOptions> & { fitOptions?: FitModelOptions } = {},
): Calibration {
  const { fitOptions: _fitOptions, ...rest } = options;
  return calibrationAt(extrapolationBacktests(model, rows, options), options.level ?? CALIBRATION_DEFAULTS.level, rest);
}

/**
 * The interval at scale s: the bootstrap band of `f` widened by the calibration's allowance, or the
 * bootstrap band alone (method "parameter-only") when the calibration could not be made. O(draws).
 */
export function calibratedPrediction(f: FittedModel, calibration: Calibration, s: number): CalibratedPrediction {
  if (!(s > 0) || !Number.isFinite(s)) throw new InputError("not-positive", FORECAST_ERRORS.scale(s));
  const level = calibration.level;
  const estimate = valueAt(f, s);
  const decadesBeyond = Math.log10(s / f.frontier);
  const band = drawInterval(f.draws.map((p) => valueAt(f, s, p)), level);
  const out: CalibratedPrediction = { scale: s, estimate, lower: estimate, upper: estimate, level, method: calibration.method, decadesBeyond };
  if (band) {
    const unreliable = bootstrapDrawsProblem(f.failedDraws ?? 0, f.draws.length) ?? scoreIntervalProblem(f.model, band, estimate);
    out.bootstrap = unreliable === undefined ? { lower: band.lower, upper: band.upper } : { lower: band.lower, upper: band.upper, unreliable };
    if (unreliable !== undefined) out.unreliable = unreliable;
    out.lower = band.lower;
    out.upper = band.upper;
  }
  if (calibration.method === "parameter-only") {
    out.reason = band ? calibration.reason : `${calibration.reason}; ${CALIBRATION_MESSAGES.noDraws()}`;
    return out;
  }
  if (!(estimate > 0)) {
    return { ...out, method: "parameter-only", reason: CALIBRATION_MESSAGES.notPositive() };
  }
  const allowance = calibration.perDecade * (Math.max(decadesBeyond, 0) + calibration.nearDecades);
  const lo = band && band.lower > 0 ? Math.min(band.lower, estimate) : estimate;
  const hi = band ? Math.max(band.upper, estimate) : estimate;
  out.lower = lo * Math.exp(-allowance);
  out.upper = hi * Math.exp(allowance);
  return out;
}

export interface CalibratedForecast {
  model: string;
  level: number;
  method: IntervalMethod;
  reason?: string;
  calibration: Calibration;
  backtests: ExtrapolationBacktests;
  /** Bootstrap refits that failed, of `resamples`. */
  failedDraws: number;
  predictions: CalibratedPrediction[];
}

/**
 * Everything at once: fits `model` to `rows`, bootstraps it (`resamples` refits, `seed`), calibrates the
 * extrapolation error on rolling-origin backtests, and returns the calibrated interval at each scale of `at`
 * (x, or compute 6·N·D for joint models). Deterministic for given rows and options.
 * Cost: resamples + 1 + maxCutoffs fits. Throws what fitModel throws for the full data.
 */
export function calibratedForecast(
  model: string,
  rows: readonly Observation[],
  at: readonly number[],
  options: Partial<CalibrationOptions> & { direction?: Direction; fitOptions?: FitModelOptions } = {},
): CalibratedForecast {
  const o = resolve(options);
  const fitOptions: FitModelOptions = { ...options.fitOptions, ...(options.direction ? { direction: options.direction } : {}) };
  const boot = bootstrapModel(model, rows, { resamples: o.resamples, seed: o.seed, level: o.level, fitOptions });
  const f = fittedModel(boot.fit, rows, { draws: boot.draws, failedDraws: boot.failures, direction: options.direction ?? "lower" });
  const backtests = extrapolationBacktests(model, rows, { ...o, fitOptions });
  const calibration = calibrationAt(backtests, o.level, o);
  const out: CalibratedForecast = {
    model: f.model,
    level: o.level,
    method: calibration.method,
    calibration,
    backtests,
    failedDraws: boot.failures,
    predictions: at.map((s) => calibratedPrediction(f, calibration, s)),
  };
  if (calibration.method === "parameter-only") out.reason = calibration.reason;
  return out;
}
