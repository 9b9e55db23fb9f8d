/**
 * `scalecast export --sweep ID [--format csv|json] [--out FILE]`: a sweep's runs and its latest fit from a
 * server, for a notebook or a spreadsheet. JSON holds the sweep, every run (with its exclusion and tags), the
 * fit (parameters, intervals, curve, summary) and the fit's status. CSV holds one row per run: its key,
 * scales, metrics, seed, whether it is excluded and why, and the fit's prediction and log residual at it
 * (empty while no fit covers the run); text cells that a spreadsheet would run as a formula are escaped.
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import Papa from "papaparse";
import { printText } from "../output";
import { addServerOptions, addSweepOptions, connect, findSweep, type ServerOptions, type SweepInfo, type SweepOptions } from "../server";

const FORMATS = ["csv", "json"] as const;

interface ExportOptions extends ServerOptions, SweepOptions {
  format: string;
  out?: string;
}

interface ExportedRun {
  runKey: string;
  scales: Record<string, number>;
  metrics: Record<string, number>;
  seed: number | null;
  tags?: Record<string, string>;
  excluded: { at: string; by: string; reason: string } | null;
}

interface LatestFit {
  fit: { model: string; metric: string; residuals: { runKey: string; predicted: number | null; residualLog: number | null }[] | null } | null;
  fitStatus: { state: string; reason: string | null };
}

/** One CSV row per run, columns in a fixed order: the sweep's axes, then every metric any run has. */
function runsCsv(sweep: SweepInfo, runs: ExportedRun[], latest: LatestFit): string {
  const metrics = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))];
  const residuals = new Map((latest.fit?.residuals ?? []).map((r) => [r.runKey, r]));
  const predicted = latest.fit ? `predicted ${latest.fit.metric} (${latest.fit.model})` : "predicted";
  const fields = ["run_key", ...sweep.axes, ...metrics, "seed", "excluded", "excluded_reason", predicted, "log_residual"];
  const data = runs.map((run) => [
    run.runKey,
    ...sweep.axes.map((axis) => run.scales[axis] ?? ""),
    ...metrics.map((metric) => run.metrics[metric] ?? ""),
    run.seed ?? "",
    run.excluded ? "yes" : "no",
    run.excluded?.reason ?? "",
    residuals.get(run.runKey)?.predicted ?? "",
    residuals.get(run.runKey)?.residualLog ?? "",
  ]);
  return `${Papa.unparse({ fields, data }, { escapeFormulae: true, newline: "\n" })}\n`;
}

export function registerExport(program: Command): void {
  const cmd = program
    .command("export")
    .description("write a sweep's runs and its latest fit from a Scalecast server as CSV (one row per run) or JSON")
    .option("--format <format>", `${FORMATS.join(" or ")}`, "csv")
    .option("--out <file>", "write to this file (default: standard output)");
  addSweepOptions(cmd);
  addServerOptions(cmd);
  cmd.action(async (o: ExportOptions) => {
    if (!(FORMATS as readonly string[]).includes(o.format)) throw new Error(`--format must be one of ${FORMATS.join(", ")}, got "${o.format}"`);
    const server = connect(o);
    const sweep = await findSweep(server, o);
    const path = `/api/v1/sweeps/${encodeURIComponent(sweep.id)}`;
    const [runs, latest] = await Promise.all([server.request<ExportedRun[]>("GET", `${path}/runs`), server.request<LatestFit>("GET", `${path}/fit`)]);
    const text = o.format === "json" ? `${JSON.stringify({ sweep, runs, ...latest }, null, 2)}\n` : runsCsv(sweep, runs, latest);
    if (o.out === undefined) return void process.stdout.write(text);
    writeFileSync(o.out, text);
    printText(`wrote ${runs.length} run(s) of sweep "${sweep.name}" ${latest.fit ? `and its ${latest.fit.model} fit (${latest.fitStatus.state})` : `(no fit yet: ${latest.fitStatus.state})`} to ${o.out}`);
  });
}
