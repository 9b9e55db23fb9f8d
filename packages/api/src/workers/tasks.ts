/**
 * The CPU-heavy work of the API, as pure functions of plain data (structured-clone safe), so that the
 * worker pool can run them off the request thread and the in-process fallback runs the very same code:
 * - fit: fit a model (with an optional seeded bootstrap) and compute what the dashboard draws (the curve
 *   and its 5/50/95 % band on a log grid, residuals, goodness of fit, parameter intervals) and the summary
 *   the overview reads (forecast at the target scale, gain per 10×, recommendation);
 * - backtest, selectModel: core's backtest and model selection on a sweep's rows;
 * - forecast, compare, recommend: core over stored fits (bootstrap draws make these O(draws · grid)).
 * Problems with the input throw core's InputError (too few points, no inverse, ...); any other Error is a bug.
 */
import {
  InputError,
  backtest,
  bootstrapModel,
  calibratedPrediction,
  calibrationAt,
  chooseModel,
  crossover,
  degenerateFitReasons,
  degenerateIntervalReason,
  drawsProblemAt,
  extrapolationBacktests,
  effectiveDataMultiplier,
  fitModel,
  forecast,
  getModel,
  probabilityBetter,
  quantile,
  rankAt,
  recommend,
  scaleOf,
  bootstrapDrawsProblem,
  scoreIntervalProblem,
  selectModel,
  valueAt,
  type Calibration,
  type Direction,
  type ExtrapolationBacktests,
  type FitModelOptions,
  type FittedModel,
  type ModelName,
  type Observation,
} from "@scalecast/core";
import { CURVE_BAND_QUANTILES } from "../curve-band";

/** Defaults of the stored fit's extras, in one place. */
export const FIT_TASK_DEFAULTS = Object.freeze({
  /** Points of the drawn curve and band, log-spaced. */
  curvePoints: 60,
  /** Band percentiles. */
  band: CURVE_BAND_QUANTILES,
  /** Interval level of parameter intervals and forecasts (forecast intervals are calibrated, see core calibrated-interval.ts). */
  level: 0.9,
  /** Extrapolation drawn past the frontier when the sweep has no target scale (×frontier). */
  extrapolationFactor: 10,
});

export interface FitTaskInput {
  model: string;
  rows: Observation[];
  /** Run key of each row (same order), for residuals and error messages. */
  runKeys: string[];
  direction: Direction;
  fitOptions: FitModelOptions;
  bootstrap: number;
  seed: number;
  targetScale: number | null;
}

export interface CurvePoint {
  scale: number;
  value: number | null;
  lower?: number | null;
  median?: number | null;
  upper?: number | null;
}

export interface Residual {
  runKey: string;
  scale: number;
  actual: number;
  predicted: number | null;
  residualLog: number | null;
}

/**
 * The summary the overview and the Sweep view read. An interval that is not reliable (an unstable bootstrap,
 * see core's scoreIntervalProblem) is left out and `unreliable` says why, so no reader prints its numbers.
 */
export interface FitSummary {
  targetScale: number;
  /**
   * The forecast at the target scale with its interval at `level`: `method` "calibrated" (the bootstrap band
   * widened by the backtests' extrapolation error) or "parameter-only" with the `reason`.
   */
  atTarget: {
    value: number | null;
    lower?: number | null;
    upper?: number | null;
    unreliable?: string;
    level: number;
    method: "calibrated" | "parameter-only";
    reason?: string;
  };
  frontierValue: number | null;
  gainPer10x: number | null;
  gainPer10xInterval?: [number | null, number | null];
  gainPer10xUnreliable?: string;
  asymptote?: number | null;
  recommendation?: { action: string; confidence: string; reasons: string[] };
  /** Why the fit is degenerate (core's degenerateFitReasons); its intervals are then left out as not reliable. */
  degenerate?: string[];
}

export interface FitTaskOutput {
  params: Record<string, number>;
  converged: boolean;
  message: string;
  metrics: Record<string, number | null>;
  intervals: Record<string, { median: number; lo: number; hi: number; se: number }> | null;
  draws: Record<string, number>[] | null;
  failures: number;
  smallest: number;
  frontier: number;
  uniqueTokens: number | null;
  curve: CurvePoint[] | null;
  residuals: Residual[];
  summary: FitSummary | null;
  /** Rolling-origin backtests for calibrated forecast intervals; null for laws without a score curve. */
  calibration: ExtrapolationBacktests | null;
}

/** JSON has no NaN or Infinity: stored numbers that are not finite become null. */
export function finiteOrNull(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

/** Log-spaced scales from lo to hi (inclusive). */
export function logGrid(lo: number, hi: number, points: number): number[] {
  if (!(hi > lo)) return [lo];
  const a = Math.log(lo);
  const b = Math.log(hi);
  return Array.from({ length: points }, (_, i) => Math.exp(a + ((b - a) * i) / (points - 1)));
}

export function fitTask(input: FitTaskInput): FitTaskOutput {
  const spec = getModel(input.model);
  const fitOptions: FitModelOptions = { direction: input.direction, ...input.fitOptions };
  let fit;
  let draws: Record<string, number>[] | null = null;
  let intervals: FitTaskOutput["intervals"] = null;
  let failures = 0;
  if (input.bootstrap > 0) {
    const b = bootstrapModel(input.model, input.rows, {
      resamples: input.bootstrap,
      seed: input.seed,
      level: FIT_TASK_DEFAULTS.level,
      fitOptions,
    });
    fit = b.fit;
    draws = b.draws;
    failures = b.failures;
    intervals = b.intervals ?? null;
  } else {
    fit = fitModel(input.model, input.rows, fitOptions);
  }
  const scales = input.rows.map((r) => scaleOf(spec, r));
  const smallest = Math.min(...scales);
  const frontier = Math.max(...scales);
  const uniqueTokens = spec.name === "data-constrained" ? Math.max(...input.rows.map((r) => r.u ?? r.d ?? 0)) : null;
  const residuals = input.rows.map((r, i): Residual => {
    let predicted: number | null = null;
    try {
      predicted = finiteOrNull(spec.predict(fit.params, r, input.direction));
    } catch {
      predicted = null;
    }
    return {
      runKey: input.runKeys[i] ?? String(i + 1),
      scale: scales[i]!,
      actual: r.y,
      predicted,
      residualLog: predicted !== null && predicted > 0 && r.y > 0 ? Math.log(r.y / predicted) : null,
    };
  });
  const metrics: FitTaskOutput["metrics"] = {
    rmseLog: finiteOrNull(fit.gof.rmseLog),
    r2Log: finiteOrNull(fit.gof.r2Log),
    objective: finiteOrNull(fit.objective),
    iterations: fit.iterations,
    n: fit.n,
    bootstrapFailures: failures,
  };
  const out: FitTaskOutput = {
    params: fit.params,
    converged: fit.converged,
    message: fit.message,
    metrics,
    intervals,
    draws,
    failures,
    smallest,
    frontier,
    uniqueTokens,
    curve: null,
    residuals,
    summary: null,
    calibration: null,
  };
  if (spec.predicts !== "y") return out; // isoflop: an optimum law, not a score curve
  const fitted: FittedModel = {
    model: spec.name,
    params: fit.params,
    draws: draws ?? [],
    ...(failures > 0 ? { failedDraws: failures } : {}),
    frontier,
    smallest,
    direction: input.direction,
    ...(uniqueTokens !== null ? { uniqueTokens } : {}),
  };
  const target = input.targetScale && input.targetScale > 0 ? input.targetScale : frontier * FIT_TASK_DEFAULTS.extrapolationFactor;
  const degenerate = degenerateFitReasons({ fit, rows: input.rows, direction: input.direction, draws: draws ?? [], options: fitOptions });
  out.curve = curveOf(fitted, smallest, Math.max(frontier, target), degenerate.length === 0);
  out.calibration = extrapolationBacktests(input.model, input.rows, { fitOptions });
  out.summary = summaryOf(fitted, target, out.calibration, degenerate);
  return out;
}

/**
 * The fitted curve with the bootstrap band (5/50/95 %) at log-spaced scales from lo to hi. The band is left
 * out where it is not reliable: everywhere when too many refits failed (bootstrapDrawsProblem), else at the
 * scales where its bounds say nothing (scoreIntervalProblem), so the chart does not draw a wild tail; and
 * everywhere when `withBand` is false (a degenerate fit).
 */
export function curveOf(f: FittedModel, lo: number, hi: number, withBand = true): CurvePoint[] {
  const [qLo, qMid, qHi] = FIT_TASK_DEFAULTS.band;
  const drawsUsable = withBand && f.draws.length > 0 && bootstrapDrawsProblem(f.failedDraws ?? 0, f.draws.length) === undefined;
  return logGrid(lo, hi, FIT_TASK_DEFAULTS.curvePoints).map((scale) => {
    const point: CurvePoint = { scale, value: finiteOrNull(valueAt(f, scale)) };
    if (drawsUsable && point.value !== null) {
      const values = f.draws.map((p) => valueAt(f, scale, p)).filter(Number.isFinite);
      const band = values.length > 0 ? { lower: quantile(values, qLo), upper: quantile(values, qHi) } : null;
      if (band && scoreIntervalProblem(f.model, band, point.value) === undefined) {
        point.lower = band.lower;
        point.median = quantile(values, qMid);
        point.upper = band.upper;
      }
    }
    return point;
  });
}

/** Why a fit stored before fits kept their backtests has a bootstrap band only. */
export const STORED_WITHOUT_BACKTESTS = "this fit was stored without backtests; refit the sweep to calibrate its intervals";

/**
 * The calibration of a stored fit at `level`; a fit stored before fits kept their backtests has none, and
 * its intervals are the bootstrap band alone.
 */
export function calibrationOf(backtests: ExtrapolationBacktests | null, level: number): Calibration {
  return backtests
    ? calibrationAt(backtests, level)
    : { method: "parameter-only", level, reason: STORED_WITHOUT_BACKTESTS, cutoffs: 0, scores: 0 };
}

/**
 * Forecast at the target scale (calibrated interval), gain per 10× at the frontier, asymptote and
 * recommendation. A degenerate fit (`degenerate` lists why) keeps its point values but no interval, and its
 * recommendation has low confidence.
 */
export function summaryOf(f: FittedModel, targetScale: number, backtests: ExtrapolationBacktests | null, degenerate: readonly string[] = []): FitSummary {
  const level = FIT_TASK_DEFAULTS.level;
  const fc = forecast(f, { at: [targetScale], level });
  const at = calibratedPrediction(f, calibrationOf(backtests, level), targetScale);
  const summary: FitSummary = {
    targetScale,
    atTarget: { value: finiteOrNull(at.estimate), level, method: at.method, ...(at.reason === undefined ? {} : { reason: at.reason }) },
    frontierValue: finiteOrNull(fc.frontier.value),
    gainPer10x: finiteOrNull(fc.gainPer10x),
  };
  const degenerateReason = degenerate.length > 0 ? degenerateIntervalReason(degenerate) : undefined;
  const hasInterval = at.bootstrap !== undefined || at.method === "calibrated";
  if (degenerateReason) summary.degenerate = [...degenerate];
  if (degenerateReason && hasInterval) summary.atTarget.unreliable = degenerateReason;
  else if (at.unreliable) summary.atTarget.unreliable = at.unreliable;
  else if (hasInterval) {
    summary.atTarget.lower = finiteOrNull(at.lower);
    summary.atTarget.upper = finiteOrNull(at.upper);
  }
  if (degenerateReason && fc.gainPer10xInterval) summary.gainPer10xUnreliable = degenerateReason;
  else if (fc.gainPer10xInterval?.unreliable) summary.gainPer10xUnreliable = fc.gainPer10xInterval.unreliable;
  else if (fc.gainPer10xInterval) summary.gainPer10xInterval = [finiteOrNull(fc.gainPer10xInterval.lower), finiteOrNull(fc.gainPer10xInterval.upper)];
  if (fc.asymptote !== undefined) summary.asymptote = finiteOrNull(fc.asymptote);
  if (Number.isFinite(fc.frontier.value)) {
    const r = recommend(f, { target: targetScale, degenerate });
    summary.recommendation = { action: r.action, confidence: r.confidence, reasons: r.reasons };
  }
  return summary;
}

export interface BacktestTaskInput {
  model: string;
  rows: Observation[];
  direction: Direction;
  holdoutFraction: number;
}

export function backtestTask(input: BacktestTaskInput) {
  const b = backtest(input.model, input.rows, { holdoutFraction: input.holdoutFraction, fitOptions: { direction: input.direction } });
  return {
    trainSize: b.trainSize,
    cutoff: b.cutoff,
    params: b.fit.params,
    heldOut: b.heldOut.map((r) => ({
      scale: r.scale,
      actual: r.actual,
      predicted: finiteOrNull(r.predicted),
      error: finiteOrNull(r.error),
      logError: finiteOrNull(r.logError),
    })),
    rmseLog: finiteOrNull(b.rmseLog),
    meanAbsoluteRelativeError: finiteOrNull(b.meanAbsoluteRelativeError),
  };
}

export interface SelectTaskInput {
  rows: Observation[];
  direction: Direction;
  candidates?: string[];
  /** Options by law (e.g. the saturating law's ceiling of a bounded metric). */
  fitOptions?: Partial<Record<ModelName, FitModelOptions>>;
}

/** The ranking (each law with why its fit is degenerate, if it is) and the law chooseModel makes the default. */
export function selectModelTask(input: SelectTaskInput) {
  const scores = selectModel(input.rows, {
    direction: input.direction,
    ...(input.candidates ? { candidates: input.candidates } : {}),
    ...(input.fitOptions ? { fitOptions: input.fitOptions } : {}),
  });
  const { model, rank, skipped, degenerate } = chooseModel(scores);
  const ranking = scores.map((s) => ({
    rank: s.rank,
    model: s.model,
    heldOutError: finiteOrNull(s.heldOutError),
    errorSpace: s.errorSpace,
    aic: finiteOrNull(s.aic),
    bic: finiteOrNull(s.bic),
    k: s.k,
    n: s.n,
    params: s.fit?.params ?? null,
    converged: s.fit?.converged ?? null,
    error: s.error ?? null,
    degenerate: s.degenerate,
  }));
  return { ranking, choice: { model, rank, skipped, degenerate: degenerate ?? null } };
}

export interface ForecastTaskInput {
  fitted: FittedModel;
  /** The stored fit's backtests (null for fits stored before they were kept). */
  backtests: ExtrapolationBacktests | null;
  at: number[];
  target?: number;
  level: number;
}

/** An interval as answers carry it: finite bounds or null, and no bounds but the reason when it is not reliable. */
export function boundsOf(i: { lower: number; upper: number; unreliable?: string } | undefined): { lower: number | null; upper: number | null; unreliable?: string } | null {
  if (!i) return null;
  return i.unreliable ? { lower: null, upper: null, unreliable: i.unreliable } : { lower: finiteOrNull(i.lower), upper: finiteOrNull(i.upper) };
}

/**
 * A forecast point as the API sends it: `interval` is the calibrated interval at the requested level (its
 * method named; "parameter-only" with the reason when the sweep could not be calibrated; null when there is
 * neither a bootstrap band nor a calibration), `bootstrapInterval` the bootstrap band it widens.
 */
function calibratedPoint(f: FittedModel, calibration: Calibration, p: { scale: number; value: number; interval?: { lower: number; upper: number; unreliable?: string } }) {
  const c = calibratedPrediction(f, calibration, p.scale);
  const named = { level: c.level, method: c.method, ...(c.reason === undefined ? {} : { reason: c.reason }) };
  const interval = c.unreliable
    ? { lower: null, upper: null, unreliable: c.unreliable, ...named }
    : c.bootstrap || c.method === "calibrated"
      ? { lower: finiteOrNull(c.lower), upper: finiteOrNull(c.upper), ...named }
      : null;
  return { scale: p.scale, value: finiteOrNull(p.value), interval, bootstrapInterval: boundsOf(p.interval) };
}

export function forecastTask(input: ForecastTaskInput) {
  const fc = forecast(input.fitted, { at: input.at, level: input.level, ...(input.target !== undefined ? { target: input.target } : {}) });
  const calibration = calibrationOf(input.backtests, input.level);
  const prediction = (p: (typeof fc.at)[number]) => calibratedPoint(input.fitted, calibration, p);
  return {
    method: calibration.method,
    ...(calibration.method === "parameter-only" ? { reason: calibration.reason } : {}),
    model: fc.model,
    level: input.level,
    frontier: prediction(fc.frontier),
    at: fc.at.map(prediction),
    target: fc.target
      ? {
          target: fc.target.target,
          scale: finiteOrNull(fc.target.scale ?? undefined),
          interval: boundsOf(fc.target.interval),
          reachableShare: finiteOrNull(fc.target.reachableShare),
        }
      : null,
    gainPerDoubling: finiteOrNull(fc.gainPerDoubling),
    gainPer10x: finiteOrNull(fc.gainPer10x),
    gainPer10xInterval: boundsOf(fc.gainPer10xInterval),
    asymptote: finiteOrNull(fc.asymptote),
    distanceToAsymptote: finiteOrNull(fc.distanceToAsymptote),
  };
}

export interface CompareTaskInput {
  entries: { fitId: string; label: string; fitted: FittedModel }[];
  at: number;
  level: number;
}

/** The interval flagged with `why` when its draws are not reliable (boundsOf then drops its bounds). */
function flagged<I extends { unreliable?: string }>(i: I | undefined, why: string | undefined): I | undefined {
  return i && why !== undefined ? { ...i, unreliable: why } : i;
}

/**
 * Ranking of every fit at `at`, and each fit against the first: crossover, data multiplier, P(better).
 * Quantities drawn from a bootstrap that is not reliable at `at` (drawsProblemAt) carry no number but the
 * reason: P(best) for every fit when any fit's draws fail, and a pair's intervals and P(better) when either
 * side's do. The reason names the fit by its label.
 */
export function compareTask(input: CompareTaskInput) {
  const [first, ...rest] = input.entries;
  if (!first) throw new InputError("incomparable", "compare needs at least two fits");
  const problemOf = (e: (typeof input.entries)[number]) => {
    const problem = drawsProblemAt(e.fitted, input.at, input.level);
    return problem === undefined ? undefined : `the bootstrap of ${e.label} is not reliable: ${problem}`;
  };
  const problems = new Map(input.entries.map((e) => [e.fitId, problemOf(e)]));
  const anyProblem = [...problems.values()].find((p) => p !== undefined);
  const ranking = rankAt(
    input.entries.map((e) => ({ label: e.fitId, fitted: e.fitted })),
    input.at,
    { level: input.level },
  ).map((r) => ({
    fitId: r.label,
    rank: r.rank,
    value: finiteOrNull(r.value),
    interval: boundsOf(r.interval),
    probabilityBest: anyProblem === undefined ? finiteOrNull(r.probabilityBest) : null,
    probabilityBestUnreliable: r.probabilityBest === undefined ? null : (anyProblem ?? null),
  }));
  const pairs = rest.map((b) => {
    const cross = crossover(first.fitted, b.fitted, { level: input.level });
    const mult = effectiveDataMultiplier(first.fitted, b.fitted, input.at, { level: input.level });
    const withDraws = first.fitted.draws.length > 0 && b.fitted.draws.length > 0;
    const unreliable = problems.get(first.fitId) ?? problems.get(b.fitId);
    return {
      a: first.fitId,
      b: b.fitId,
      crossover: {
        scale: finiteOrNull(cross.scale ?? undefined),
        leaderAfter: cross.leaderAfter ?? null,
        interval: boundsOf(flagged(cross.interval, unreliable)),
        crossingShare: finiteOrNull(cross.crossingShare),
      },
      dataMultiplier: {
        scaleB: finiteOrNull(mult.scaleB ?? undefined),
        multiplier: finiteOrNull(mult.multiplier ?? undefined),
        interval: boundsOf(flagged(mult.interval, unreliable)),
      },
      probabilityABetter: withDraws && unreliable === undefined ? finiteOrNull(probabilityBetter(first.fitted, b.fitted, input.at)) : null,
      unreliable: withDraws ? (unreliable ?? null) : null,
    };
  });
  return { at: input.at, level: input.level, ranking, pairs };
}

export interface RecommendTaskInput {
  fitted: FittedModel;
  /** Why the fit is degenerate (stored with it); any reason makes the confidence low. */
  degenerate?: string[];
  target?: number;
  alternative?: { label: string; fitted: FittedModel };
}

export function recommendTask(input: RecommendTaskInput) {
  const r = recommend(input.fitted, {
    ...(input.target !== undefined ? { target: input.target } : {}),
    ...(input.alternative ? { alternative: input.alternative } : {}),
    ...(input.degenerate ? { degenerate: input.degenerate } : {}),
  });
  const numbers: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(r.numbers)) if (typeof v === "number") numbers[k] = finiteOrNull(v);
  return { action: r.action, confidence: r.confidence, reasons: r.reasons, numbers, thresholds: { ...r.thresholds } };
}

/** Every task the pool runs, by name. */
export const TASKS = {
  fit: fitTask,
  backtest: backtestTask,
  selectModel: selectModelTask,
  forecast: forecastTask,
  compare: compareTask,
  recommend: recommendTask,
} as const;

export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = ReturnType<(typeof TASKS)[N]>;

export function runTask<N extends TaskName>(name: N, input: TaskInput<N>): TaskOutput<N> {
  const task = TASKS[name] as (input: TaskInput<N>) => TaskOutput<N>;
  return task(input);
}
