/**
 * `scalecast predict FILE --model M --at S [--target Y] [--level L] [--at-n N --at-d D]`: fit, then forecast
 * at the given scales (x, or compute 6·N·D for joint models) with a calibrated interval at level L (default
 * 0.9: the bootstrap band widened by the extrapolation error measured on rolling-origin backtests, or the
 * bootstrap band alone, marked "parameter uncertainty only", when the sweep has too few scales; see core
 * calibrated-interval.ts), a joint law at planned runs (N, D) (see predict-pairs.ts), the scale needed for a
 * target score, gains at the frontier, the asymptote, a backtest and the recommendation. For isoflop, the
 * compute-optimal scale at each budget. `--model auto` uses model selection's rank 1, or says why not and
 * which law it uses (auto-model.ts).
 */
import {
  backtest,
  calibratedPrediction,
  calibrateExtrapolation,
  CALIBRATION_DEFAULTS,
  degenerateFitReasons,
  describeChoice,
  fittedModel,
  forecast,
  getModel,
  INTERVAL_METHOD_LABELS,
  MODEL_NAMES,
  recommend,
  type Calibration,
  type FittedModel,
  type Prediction,
} from "@scalecast/core";
import type { Command } from "commander";
import { AUTO, fitNamedOrChosen } from "../auto-model";
import {
  addBootstrapOptions,
  addColumnOptions,
  collectNumbers,
  parseDirection,
  parseNumber,
  type CommonOptions,
} from "../options";
import { formatNumber, formatTable, printJson, printText } from "../output";
import { addPairOptions, pairLines, pairsOf, predictPairs, type PairOptions } from "./predict-pairs";

interface PredictOptions extends CommonOptions, PairOptions {
  model: string;
  at?: number[];
  target?: number;
  holdout?: number;
}

export function registerPredict(program: Command): void {
  const cmd = program
    .command("predict")
    .description("fit, then forecast: value at a scale with an interval, scale for a target, gains, asymptote")
    .argument("<file>", "CSV (header row) or JSONL file of runs")
    .requiredOption("--model <model>", `one of: ${MODEL_NAMES.join(", ")}, or ${AUTO} (model selection's rank 1)`)
    .option("--at <scale>", "scale to forecast at (x; compute in FLOPs for joint models; budget for isoflop), repeatable", collectNumbers)
    .option("--target <score>", "score to reach: print the scale needed", parseNumber)
    .option("--holdout <fraction>", "backtest: share of the largest distinct scales held out", parseNumber, 0.2)
    .option("--direction <direction>", "whether lower or higher scores are better", parseDirection, "lower")
    .option("--json", "print one JSON object");
  addColumnOptions(cmd);
  addBootstrapOptions(cmd, { level: CALIBRATION_DEFAULTS.level, resamples: CALIBRATION_DEFAULTS.resamples });
  addPairOptions(cmd);
  cmd.action((file: string, options: PredictOptions) => {
    const o = { ...options, bootstrap: options.bootstrap ?? CALIBRATION_DEFAULTS.resamples };
    // Planned runs are checked before fitting (a mistyped flag fails fast); with auto, once the law is known.
    const pairs = o.model === AUTO ? undefined : pairsOf(o, o.model);
    const { fitted, selection } = fitNamedOrChosen(file, o.model, o);
    const spec = getModel(fitted.model);
    if (spec.predicts === "optimum") {
      const at = (o.at ?? []).map((c) => ({ compute: c, optimum: spec.predict(fitted.fit.params, { c }) }));
      if (o.json) return printJson({ model: spec.name, params: fitted.fit.params, at });
      return printText(formatTable(["compute", "optimal scale"], at.map((r) => [formatNumber(r.compute), formatNumber(r.optimum)])));
    }
    const f = fittedModel(fitted.fit, fitted.rows, { draws: fitted.boot?.draws ?? [], failedDraws: fitted.boot?.failures, direction: o.direction });
    const bootstrapForecast = forecast(f, { at: o.at ?? [], ...(o.target === undefined ? {} : { target: o.target }), level: o.level });
    const calibration = calibrateExtrapolation(fitted.model, fitted.rows, { level: o.level, fitOptions: { direction: o.direction } });
    const fc = {
      ...bootstrapForecast,
      frontier: withCalibratedInterval(f, calibration, bootstrapForecast.frontier),
      at: bootstrapForecast.at.map((p) => withCalibratedInterval(f, calibration, p)),
    };
    let bt: ReturnType<typeof backtest> | { error: string };
    try {
      bt = backtest(fitted.model, fitted.rows, { holdoutFraction: o.holdout ?? 0.2, fitOptions: { direction: o.direction } });
    } catch (e) {
      bt = { error: (e as Error).message };
    }
    const plannedRuns = o.model === AUTO ? pairsOf(o, fitted.model) : pairs;
    const atPairs = plannedRuns && predictPairs(f, plannedRuns, o.level);
    const degenerate = degenerateFitReasons({ fit: fitted.fit, rows: fitted.rows, direction: o.direction, draws: fitted.boot?.draws ?? [] });
    const rec = recommend(f, { degenerate });
    const choice = selection ? { choice: { ...selection.choice, summary: describeChoice(selection.choice) } } : {};
    const backtestReport = "error" in bt ? bt : { trainSize: bt.trainSize, cutoff: bt.cutoff, heldOut: bt.heldOut, rmseLog: bt.rmseLog, meanAbsoluteRelativeError: bt.meanAbsoluteRelativeError };
    if (o.json) {
      return printJson({
        ...fc,
        model: spec.name,
        params: fitted.fit.params,
        converged: fitted.fit.converged,
        degenerate,
        ...choice,
        backtest: backtestReport,
        recommendation: rec,
        ...(atPairs ? { atPairs } : {}),
      });
    }
    const scaleName = spec.axes === "x" ? "x" : "compute";
    const row = (label: string, p: { scale: number; value: number; interval?: { lower: number; upper: number; unreliable?: string } }) => [
      label,
      formatNumber(p.scale),
      formatNumber(p.value),
      !p.interval ? "-" : p.interval.unreliable || degenerate.length > 0 ? "not reliable" : `[${formatNumber(p.interval.lower)}, ${formatNumber(p.interval.upper)}]`,
    ];
    const unreliable = [fc.frontier, ...fc.at].find((p) => p.interval?.unreliable)?.interval?.unreliable;
    const lines = [
      ...(selection ? [describeChoice(selection.choice)] : []),
      ...degenerate.map((r) => `degenerate fit: ${r}`),
      `${spec.name} fitted to ${fitted.fit.n} points (${fitted.fit.converged ? "converged" : "NOT converged"})`,
      "",
      formatTable(["", scaleName, "forecast", `${o.level * 100}% interval`], [row("frontier", fc.frontier), ...fc.at.map((p) => row("at", p))]),
      calibration.method === "calibrated"
        ? `intervals: ${o.level * 100}%, ${INTERVAL_METHOD_LABELS.calibrated} (${calibration.cutoffs} cut-offs; extrapolation error allowed: ${formatNumber(calibration.perDecade)} in ln per decade beyond the frontier)`
        : `intervals: ${o.level * 100}%, ${INTERVAL_METHOD_LABELS["parameter-only"]}: ${calibration.reason}`,
      ...(unreliable ? [`interval not reliable: ${unreliable}`] : []),
      ...(atPairs ? ["", ...pairLines(atPairs, o.level)] : []),
      "",
      `gain per doubling at the frontier: ${formatNumber(fc.gainPerDoubling)}; per 10×: ${formatNumber(fc.gainPer10x)}`,
      fc.asymptote === undefined ? "asymptote: none (unbounded form)" : `asymptote: ${formatNumber(fc.asymptote)}; distance from the frontier: ${formatNumber(fc.distanceToAsymptote)}`,
    ];
    if (fc.target) {
      const t = fc.target;
      lines.push(
        t.scale === null
          ? `target ${formatNumber(t.target)}: not reached at any scale`
          : `target ${formatNumber(t.target)}: reached at ${scaleName} = ${formatNumber(t.scale)}${t.interval ? ` [${formatNumber(t.interval.lower)}, ${formatNumber(t.interval.upper)}]` : ""}`,
      );
    }
    if ("error" in bt) lines.push(`backtest: ${bt.error}`);
    else {
      lines.push("", `backtest (fit on ${bt.trainSize} points below ${scaleName} = ${formatNumber(bt.cutoff)}):`);
      lines.push(formatTable([scaleName, "actual", "predicted", "error"], bt.heldOut.map((r) => [formatNumber(r.scale), formatNumber(r.actual), formatNumber(r.predicted), formatNumber(r.error)])));
    }
    lines.push("", `recommendation: ${rec.action} (confidence ${rec.confidence})`, ...rec.reasons.map((r) => `  - ${r}`));
    printText(lines.join("\n"));
  });
}

/**
 * A forecast point with the calibrated interval as `interval` (level and method named) and the bootstrap
 * band it widens as `bootstrapInterval`.
 */
function withCalibratedInterval(f: FittedModel, calibration: Calibration, p: Prediction) {
  const c = calibratedPrediction(f, calibration, p.scale);
  const interval = {
    lower: c.lower,
    upper: c.upper,
    level: c.level,
    method: c.method,
    ...(c.reason === undefined ? {} : { reason: c.reason }),
    ...(c.unreliable === undefined ? {} : { unreliable: c.unreliable }),
  };
  const { interval: bootstrapInterval, ...rest } = p;
  return { ...rest, decadesBeyond: c.decadesBeyond, interval, ...(bootstrapInterval ? { bootstrapInterval } : {}) };
}
