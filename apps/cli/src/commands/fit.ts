/**
 * `scalecast fit FILE --model M`: fit one model, print its parameters (and bootstrap intervals).
 * `--model auto` first ranks every model the file's columns allow (core's selectModel: held-out error on
 * the largest scales, then AIC/BIC) and fits rank 1, or says why rank 1 cannot be used and which law it
 * fits instead (auto-model.ts).
 */
import { MODEL_NAMES, degenerateFitReasons, getModel } from "@scalecast/core";
import type { Command } from "commander";
import { AUTO, fitNamedOrChosen, selectionReport, selectionText } from "../auto-model";
import type { FittedFile } from "../fit-file";
import { addBootstrapOptions, addColumnOptions, parseBreaks, parseDirection, type CommonOptions } from "../options";
import { formatNumber, formatTable, printJson, printText } from "../output";

/** The JSON object `fit --json` prints; `degenerate` lists why the fit cannot stand for a law (empty when it can). */
export function fitReport(f: FittedFile, direction: CommonOptions["direction"]): Record<string, unknown> {
  const { fit } = f;
  const out: Record<string, unknown> = {
    model: fit.model,
    params: fit.params,
    objective: fit.objective,
    n: fit.n,
    converged: fit.converged,
    iterations: fit.iterations,
    message: fit.message,
    gof: fit.gof,
    degenerate: degenerateFitReasons({ fit, rows: f.rows, direction, draws: f.boot?.draws ?? [] }),
  };
  for (const [key, value] of Object.entries(fit)) if (!(key in out)) out[key] = value;
  if (f.boot) {
    out.intervals = f.boot.intervals ?? {};
    out.bootstrap = {
      resamples: f.boot.resamples,
      seed: f.boot.seed,
      level: f.boot.level,
      failures: f.boot.failures,
      ...(f.boot.firstFailure ? { firstFailure: f.boot.firstFailure } : {}),
    };
  }
  return out;
}

export function registerFit(program: Command): void {
  const cmd = program
    .command("fit")
    .description("fit a scaling law to a CSV or JSONL file and print its parameters")
    .argument("<file>", "CSV (header row) or JSONL file of runs")
    .requiredOption("--model <model>", `one of: ${MODEL_NAMES.join(", ")}, or ${AUTO} (rank the models the columns allow, fit the best)`)
    .option("--direction <direction>", "whether lower or higher scores are better", parseDirection, "lower")
    .option("--breaks <breaks>", "breaks of the broken power law (bnsl): 1 or 2", parseBreaks)
    .option("--json", "print one JSON object");
  addColumnOptions(cmd);
  addBootstrapOptions(cmd);
  cmd.action((file: string, o: CommonOptions & { model: string }) => {
    if (o.breaks !== undefined && o.model !== "bnsl" && o.model !== AUTO) throw new Error(`--breaks applies to --model bnsl (or ${AUTO}), not ${o.model}`);
    const { fitted, selection } = fitNamedOrChosen(file, o.model, o);
    const model = fitted.model;
    const report = fitReport(fitted, o.direction);
    if (o.json) return printJson(selection ? { ...report, selection: selectionReport(selection.ranking), choice: selection.choice } : report);
    const spec = getModel(model);
    const lines = selection ? [selectionText(selection), ""] : [];
    lines.push(...(report.degenerate as string[]).map((r) => `degenerate fit: ${r}`));
    lines.push(`${spec.name}: ${spec.formula}`, `${fitted.fit.n} points, objective ${formatNumber(fitted.fit.objective)}, ${fitted.fit.converged ? "converged" : "NOT converged"}: ${fitted.fit.message}`);
    const intervals = fitted.boot?.intervals;
    const header = intervals ? ["param", "value", `${fitted.boot!.level * 100}% low`, "high", "se"] : ["param", "value"];
    const rows = Object.entries(fitted.fit.params).map(([k, v]) => {
      const iv = intervals?.[k];
      return iv ? [k, formatNumber(v), formatNumber(iv.lo), formatNumber(iv.hi), formatNumber(iv.se)] : [k, formatNumber(v)];
    });
    lines.push("", formatTable(header, rows));
    lines.push("", `goodness of fit (log space): rmse ${formatNumber(fitted.fit.gof.rmseLog)}, R² ${formatNumber(fitted.fit.gof.r2Log)}`);
    if (fitted.boot) lines.push(`bootstrap: ${fitted.boot.resamples} resamples, seed ${fitted.boot.seed}, ${fitted.boot.failures} failed`);
    printText(lines.join("\n"));
  });
}
