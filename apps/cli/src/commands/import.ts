/**
 * `scalecast import FILE --sweep ID` (or `--methodology NAME --sweep NAME`): CSV, JSON, JSONL, an MLflow runs
 * table or a W&B runs-table CSV export into a sweep on a server (the format recognised from the content unless
 * --format says). The whole file is parsed and checked first (every bad row listed, nothing sent), then sent in
 * batches, a few in flight at once (the server writes each batch in one transaction, so batches in flight
 * overlap its database work), with a progress bar. Each batch is all or nothing and run keys the sweep
 * already has count as duplicates, so an interrupted import is finished by running the same command again.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import pLimit from "p-limit";
import { parseInteger } from "../options";
import { printJson, printText } from "../output";
import { progressBar } from "../progress";
import type { TImportFormat } from "@scalecast/api/ingest";
import { loadServerSide } from "../server-side";
import { badData, CliError, exitCodeOf } from "../exit-codes";
import { addServerOptions, addSweepOptions, connect, findSweep, type ServerOptions, type SweepOptions } from "../server";

interface ImportOptions extends ServerOptions, SweepOptions {
  format: string;
  map?: Record<string, string>;
  batch: number;
  parallel: number;
  json?: boolean;
  progress: boolean;
}

function collectMapping(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const match = /^([^=]+)=(.+)$/.exec(value);
  if (!match) throw new InvalidArgumentError(`expected FIELD=COLUMN (e.g. N=n_params), got "${value}"`);
  return { ...(previous ?? {}), [match[1]!.trim()]: match[2]!.trim() };
}

export function registerImport(program: Command): void {
  const cmd = program
    .command("import")
    .description("import runs from a CSV, JSON, JSONL, MLflow runs table or W&B runs export into a sweep on a Scalecast server")
    .argument("<file>", "the file of runs")
    .option("--format <format>", "auto (recognised from the content: JSON, JSONL, an MLflow table with run_id and params./metrics. columns, a W&B export with State, else CSV), csv, json, jsonl, mlflow or wandb", "auto")
    .option("--map <field=column>", "the column of an axis, the metric or runKey, e.g. --map N=n_params (repeatable)", collectMapping)
    .option("--batch <n>", "runs per request", parseInteger, 1000)
    .option("--parallel <n>", "requests in flight at once", parseInteger, 4)
    .option("--no-progress", "no progress bar on stderr")
    .option("--json", "print the result as one JSON object");
  addSweepOptions(cmd);
  addServerOptions(cmd);
  cmd.action(async (file: string, o: ImportOptions) => {
    if (o.batch < 1 || o.batch > 5000) throw new Error(`--batch must be between 1 and 5000, got ${o.batch}`);
    if (o.parallel < 1 || o.parallel > 16) throw new Error(`--parallel must be between 1 and 16, got ${o.parallel}`);
    let content: string;
    try {
      content = readFileSync(file, "utf8");
    } catch (error) {
      throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
    }
    const { checkRuns, describeIssues, IMPORT_FORMATS, parseRunFile } = await loadServerSide(() => import("@scalecast/api/ingest"));
    if (!(IMPORT_FORMATS as readonly string[]).includes(o.format)) throw new Error(`--format must be one of ${IMPORT_FORMATS.join(", ")}, got "${o.format}"`);
    const server = connect(o);
    const sweep = await findSweep(server, o);
    const parsed = parseRunFile(o.format as TImportFormat, content, sweep, o.map ?? {});
    const format = parsed.format;
    const fileProblems = parsed.issues.filter((i) => i.row === undefined);
    if (fileProblems.length > 0) throw badData(`${file}: ${describeIssues(fileProblems)}`);
    const badRows = new Set(parsed.issues.map((i) => i.row));
    const candidates = parsed.runs.filter((r) => !badRows.has(r.row));
    const checked = checkRuns(sweep, candidates.map((r) => r.run), (i) => candidates[i]!.row);
    const issues = [...parsed.issues, ...checked.issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    if (issues.length > 0) {
      const rows = new Set(issues.map((i) => i.row)).size;
      const listed = issues.slice(0, 20).map((i) => `  row ${i.row}: ${i.message}`);
      const more = issues.length > 20 ? [`  ... and ${issues.length - 20} more`] : [];
      throw badData([`${file}: ${rows} bad row${rows === 1 ? "" : "s"}, nothing was sent:`, ...listed, ...more].join("\n"));
    }
    if (checked.runs.length === 0) throw badData(`${file} holds no runs`);
    const bar = progressBar(o.progress, `importing into ${sweep.name}`);
    const total = checked.runs.length;
    let inserted = 0;
    let duplicates = 0;
    const limit = pLimit(o.parallel);
    let failure: unknown;
    // After the first failure no further batch is sent; those in flight finish (each is all or nothing).
    const send = (runs: typeof checked.runs) =>
      limit(async () => {
        if (failure !== undefined) return;
        const result = await server.request<{ inserted: number; duplicates: number }>("POST", "/api/v1/runs", { sweepId: sweep.id, runs });
        inserted += result.inserted;
        duplicates += result.duplicates;
        bar.onProgress(inserted + duplicates, total);
      });
    const batches = Array.from({ length: Math.ceil(total / o.batch) }, (_, b) => checked.runs.slice(b * o.batch, (b + 1) * o.batch));
    try {
      await Promise.all(batches.map((runs) => send(runs).catch((error: unknown) => void (failure ??= error))));
    } finally {
      bar.stop();
    }
    if (failure !== undefined) {
      const sent = inserted + duplicates;
      throw new CliError(
        exitCodeOf(failure),
        `${(failure as Error).message}\n  ${sent} of ${total} runs were sent before this; run the same command again to send the rest (runs already sent count as duplicates)`,
      );
    }
    const report = { sweepId: sweep.id, sweep: sweep.name, format, rows: total, inserted, duplicates, skipped: parsed.skipped };
    if (o.json) return printJson(report);
    const skipped = parsed.skipped.length > 0 ? `; ${parsed.skipped.length} skipped (${parsed.skipped.slice(0, 3).map((s) => `row ${s.row}: ${s.reason}`).join("; ")})` : "";
    printText(`imported ${report.rows} run(s) from ${file} (${format}) into sweep "${sweep.name}" of ${sweep.team}: ${inserted} new, ${duplicates} duplicate(s)${skipped}`);
  });
}
