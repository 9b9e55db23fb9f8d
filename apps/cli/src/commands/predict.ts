/**
 * `scalecast predict FILE --model M --at S [--target Y]`: fit, then forecast at the given scales (x, or
 * compute 6·N·D for joint models), the scale needed for a target score, gains at the frontier, the
 * asymptote, a backtest and the recommendation. For isoflop, the compute-optimal scale at each budget.
 * `--model auto` uses model selection's rank 1, or says why not and which law it uses (auto-model.ts).
 */
import { backtest, degenerateFitReasons, describeChoice, fittedModel, forecast, getModel, MODEL_NAMES, recommend } from "@scalecast/core";
import type { Command } from "commander";
import { AUTO, chooseForTable, type AutoSelection } from "../auto-model";
import { fitFile, fitTable, type FittedFile } from "../fit-file";
import {
  addBootstrapOptions,
  addColumnOptions,
  collectNumbers,
  parseDirection,
  parseNumber,
  type CommonOptions,
} from "../options";
import { formatNumber, formatTable, printJson, printText } from "../output";
import { readTable } from "../read-table";

interface PredictOptions extends CommonOptions {
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
  addBootstrapOptions(cmd);
  cmd.action((file: string, o: PredictOptions) => {
    let selection: AutoSelection | undefined;
    let fitted: FittedFile;
    if (o.model === AUTO) {
      const table = readTable(file);
      selection = chooseForTable(table, o);
      fitted = fitTable(table, selection.choice.model, o);
    } else {
      fitted = fitFile(file, o.model, o);
    }
    const spec = getModel(fitted.model);
    if (spec.predicts === "optimum") {
      const at = (o.at ?? []).map((c) => ({ compute: c, optimum: spec.predict(fitted.fit.params, { c }) }));
      if (o.json) return printJson({ model: spec.name, params: fitted.fit.params, at });
      return printText(formatTable(["compute", "optimal scale"], at.map((r) => [formatNumber(r.compute), formatNumber(r.optimum)])));
    }
    const f = fittedModel(fitted.fit, fitted.rows, { draws: fitted.boot?.draws ?? [], failedDraws: fitted.boot?.failures, direction: o.direction });
    const fc = forecast(f, { at: o.at ?? [], ...(o.target === undefined ? {} : { target: o.target }), level: o.level });
    let bt: ReturnType<typeof backtest> | { error: string };
    try {
      bt = backtest(fitted.model, fitted.rows, { holdoutFraction: o.holdout ?? 0.2, fitOptions: { direction: o.direction } });
    } catch (e) {
      bt = { error: (e as Error).message };
    }
    const degenerate = degenerateFitReasons({ fit: fitted.fit, rows: fitted.rows, direction: o.direction, draws: fitted.boot?.draws ?? [] });
    const rec = recommend(f, { degenerate });
    const choice = selection ? { choice: { ...selection.choice, summary: describeChoice(selection.choice) } } : {};
    const backtestReport = "error" in bt ? bt : { trainSize: bt.trainSize, cutoff: bt.cutoff, heldOut: bt.heldOut, rmseLog: bt.rmseLog, meanAbsoluteRelativeError: bt.meanAbsoluteRelativeError };
    if (o.json) {
      return printJson({ ...fc, model: spec.name, params: fitted.fit.params, converged: fitted.fit.converged, degenerate, ...choice, backtest: backtestReport, recommendation: rec });
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
      ...(unreliable ? [`interval not reliable: ${unreliable}`] : []),
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
