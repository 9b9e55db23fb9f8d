/**
 * `scalecast import FILE --sweep ID`: CSV, JSON, JSONL or a W&B runs-table CSV export into a sweep on a
 * server. The whole file is parsed and checked first (every bad row listed, nothing sent), then sent in
 * batches with a progress bar; run keys the sweep already has count as duplicates, so an interrupted
 * import is finished by running the same command again.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { parseInteger } from "../options";
import { printJson, printText } from "../output";
import { progressBar } from "../progress";
import { addServerOptions, connect, type ServerOptions, type SweepInfo } from "../server";

const FORMATS = ["csv", "json", "jsonl", "wandb"] as const;
type Format = (typeof FORMATS)[number];

interface ImportOptions extends ServerOptions {
  sweep: string;
  format?: string;
  map?: Record<string, string>;
  batch: number;
  json?: boolean;
  progress: boolean;
}

function collectMapping(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const match = /^([^=]+)=(.+)$/.exec(value);
  if (!match) throw new InvalidArgumentError(`expected FIELD=COLUMN (e.g. N=n_params), got "${value}"`);
  return { ...(previous ?? {}), [match[1]!.trim()]: match[2]!.trim() };
}

/** The format from --format, else the file's extension; a .csv with W&B's Name and State columns is a W&B export. */
export function detectFormat(file: string, content: string, format?: string): Format {
  if (format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(format)) throw new Error(`--format must be one of ${FORMATS.join(", ")}, got "${format}"`);
    return format as Format;
  }
  const ext = extname(file).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") {
    const header = (content.split(/\r?\n/, 1)[0] ?? "").replace(/^\uFEFF/, "").split(",").map((c) => c.trim().replace(/^"|"$/g, "").toLowerCase());
    return header.includes("name") && header.includes("state") ? "wandb" : "csv";
  }
  throw new Error(`cannot tell the format of ${file} from its extension; pass --format ${FORMATS.join("|")}`);
}

export function registerImport(program: Command): void {
  const cmd = program
    .command("import")
    .description("import runs from a CSV, JSON, JSONL or W&B CSV export file into a sweep on a Scalecast server")
    .argument("<file>", "the file of runs")
    .requiredOption("--sweep <id>", "the sweep's id (shown on its page)")
    .option("--format <format>", `${FORMATS.join(", ")} (default: from the extension; a CSV with Name and State columns is read as W&B)`)
    .option("--map <field=column>", "the column of an axis, the metric or runKey, e.g. --map N=n_params (repeatable)", collectMapping)
    .option("--batch <n>", "runs per request", parseInteger, 1000)
    .option("--no-progress", "no progress bar on stderr")
    .option("--json", "print the result as one JSON object");
  addServerOptions(cmd);
  cmd.action(async (file: string, o: ImportOptions) => {
    if (o.batch < 1 || o.batch > 5000) throw new Error(`--batch must be between 1 and 5000, got ${o.batch}`);
    let content: string;
    try {
      content = readFileSync(file, "utf8");
    } catch (error) {
      throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
    }
    const format = detectFormat(file, content, o.format);
    const server = connect(o);
    const { checkRuns, describeIssues, parseRunFile } = await import("@scalecast/api/ingest");
    const sweep = await server.request<SweepInfo>("GET", `/api/v1/sweeps?sweepId=${encodeURIComponent(o.sweep)}`);
    const parsed = parseRunFile(format, content, sweep, o.map ?? {});
    const fileProblems = parsed.issues.filter((i) => i.row === undefined);
    if (fileProblems.length > 0) throw new Error(`${file}: ${describeIssues(fileProblems)}`);
    const badRows = new Set(parsed.issues.map((i) => i.row));
    const candidates = parsed.runs.filter((r) => !badRows.has(r.row));
    const checked = checkRuns(sweep, candidates.map((r) => r.run), (i) => candidates[i]!.row);
    const issues = [...parsed.issues, ...checked.issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    if (issues.length > 0) {
      const rows = new Set(issues.map((i) => i.row)).size;
      const listed = issues.slice(0, 20).map((i) => `  row ${i.row}: ${i.message}`);
      const more = issues.length > 20 ? [`  ... and ${issues.length - 20} more`] : [];
      throw new Error([`${file}: ${rows} bad row${rows === 1 ? "" : "s"}, nothing was sent:`, ...listed, ...more].join("\n"));
    }
    if (checked.runs.length === 0) throw new Error(`${file} holds no runs`);
    const bar = progressBar(o.progress, `importing into ${sweep.name}`);
    let inserted = 0;
    let duplicates = 0;
    try {
      for (let start = 0; start < checked.runs.length; start += o.batch) {
        const result = await server.request<{ inserted: number; duplicates: number }>("POST", "/api/v1/runs", {
          sweepId: sweep.id,
          runs: checked.runs.slice(start, start + o.batch),
        });
        inserted += result.inserted;
        duplicates += result.duplicates;
        bar.onProgress(Math.min(start + o.batch, checked.runs.length), checked.runs.length);
      }
    } finally {
      bar.stop();
    }
    const report = { sweepId: sweep.id, sweep: sweep.name, format, rows: checked.runs.length, inserted, duplicates, skipped: parsed.skipped };
    if (o.json) return printJson(report);
    const skipped = parsed.skipped.length > 0 ? `; ${parsed.skipped.length} skipped (${parsed.skipped.slice(0, 3).map((s) => `row ${s.row}: ${s.reason}`).join("; ")})` : "";
    printText(`imported ${report.rows} run(s) from ${file} (${format}) into sweep "${sweep.name}" of ${sweep.team}: ${inserted} new, ${duplicates} duplicate(s)${skipped}`);
  });
}
