/**
 * Turns an uploaded file into runs for a sweep, each with the row number errors report:
 * - csv: a header row; a run key column (runKey, run_key, key or id), an optional seed column, one column
 *   per scale axis of the sweep, every other column a metric. Row numbers are the file's line numbers.
 * - json: an array of runs ({runKey, scales, metrics, seed?}) or {"runs": [...]}; row n is the n-th run.
 * - jsonl: one run object per line; row numbers are line numbers.
 * - wandb: a Weights & Biases runs-table CSV export. The run key is the ID column (else Name); config
 *   columns give the scale axes, summary columns the metrics; runs whose State is not "finished" are
 *   skipped and listed. Columns may carry "config."/"config/" and "summary."/"summary/" prefixes; without
 *   them every numeric column that is not an axis, a W&B column or "_"-prefixed is read as a metric.
 * `mapping` names the column of an axis, the metric or the run key when it differs ({"N": "n_params"}).
 * Cost O(cells). Never throws for bad content: problems come back as issues with their rows.
 */
import Papa from "papaparse";
import { z } from "zod";
import type { FieldIssue } from "../../errors";

export const IMPORT_FORMATS = ["csv", "json", "jsonl", "wandb"] as const;
export const ZImportFormat = z.enum(IMPORT_FORMATS, `format must be one of ${IMPORT_FORMATS.join(", ")}`);
export type TImportFormat = z.infer<typeof ZImportFormat>;

export const ZColumnMapping = z.record(z.string().min(1), z.string().min(1), "mapping must be an object of field → column name");

export interface ParsedRun {
  /** The row number errors name (line number for csv/jsonl/wandb, position for json). */
  row: number;
  run: unknown;
}

export interface ParsedFile {
  runs: ParsedRun[];
  /** Rows left out on purpose (W&B runs that did not finish), with why. */
  skipped: { row: number; reason: string }[];
  /** Problems that stop the import (the file's structure or a cell that is not a number). */
  issues: FieldIssue[];
}

interface SweepShape {
  axes: string[];
  metric: string;
}

const RUN_KEY_COLUMNS = ["runkey", "run_key", "key", "id", "run"];
const WANDB_COLUMNS = new Set(
  ["name", "id", "run id", "state", "notes", "user", "tags", "created", "runtime", "sweep", "group", "job type", "hostname", "commit", "github", "gpu", "gpu count", "command", "entity", "project", "url"].map((c) => c.toLowerCase()),
);

export function parseRunFile(format: TImportFormat, content: string, sweep: SweepShape, mapping: Record<string, string> = {}): ParsedFile {
  switch (format) {
    case "json":
      return parseJson(content);
    case "jsonl":
      return parseJsonLines(content);
    case "csv":
      return parseTable(content, sweep, mapping, false);
    case "wandb":
      return parseTable(content, sweep, mapping, true);
  }
}

function fileIssue(message: string): ParsedFile {
  return { runs: [], skipped: [], issues: [{ path: "content", message }] };
}

function parseJson(content: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    return fileIssue(`content is not valid JSON: ${(error as Error).message}`);
  }
  const runs = Array.isArray(value) ? value : value && typeof value === "object" && Array.isArray((value as { runs?: unknown }).runs) ? (value as { runs: unknown[] }).runs : null;
  if (!runs) return fileIssue('JSON content must be an array of runs or an object {"runs": [...]}');
  return { runs: runs.map((run, i) => ({ row: i + 1, run })), skipped: [], issues: [] };
}

function parseJsonLines(content: string): ParsedFile {
  const out: ParsedFile = { runs: [], skipped: [], issues: [] };
  content.split(/\r?\n/).forEach((line, index) => {
    const row = index + 1;
    if (line.trim() === "") return;
    try {
      out.runs.push({ row, run: JSON.parse(line) });
    } catch (error) {
      out.issues.push({ path: `line.${row}`, row, message: `not valid JSON: ${(error as Error).message}` });
    }
  });
  return out;
}

/** A cell as a number: undefined when empty, NaN when it is not a finite number. */
function numberCell(cell: string | undefined): number | undefined {
  const text = (cell ?? "").trim();
  if (text === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}

function stripPrefix(column: string): { kind: "config" | "summary" | null; name: string } {
  const match = /^(config|summary)[./:](.+)$/i.exec(column.trim());
  if (match) return { kind: match[1]!.toLowerCase() as "config" | "summary", name: match[2]! };
  return { kind: null, name: column.trim() };
}

function parseTable(content: string, sweep: SweepShape, mapping: Record<string, string>, wandb: boolean): ParsedFile {
  const parsed = Papa.parse<string[]>(content.replace(/^\uFEFF/, ""), { skipEmptyLines: false });
  const [header, ...body] = parsed.data;
  if (!header || header.every((h) => h.trim() === "")) return fileIssue("the file has no header row");
  const columns = header.map((h) => h.trim());
  const issues: FieldIssue[] = [];
  const lookup = (wanted: string, kind: "config" | "summary" | null): number => {
    const mapped = mapping[wanted];
    if (mapped !== undefined) return columns.indexOf(mapped);
    const candidates = columns.map((c, i) => ({ i, ...stripPrefix(c) })).filter((c) => kind === null || c.kind === null || c.kind === kind);
    const exact = candidates.find((c) => c.name === wanted);
    if (exact) return exact.i;
    return candidates.find((c) => c.name.toLowerCase() === wanted.toLowerCase())?.i ?? -1;
  };
  // The run key.
  let keyIndex = mapping.runKey !== undefined ? columns.indexOf(mapping.runKey) : -1;
  if (keyIndex < 0 && mapping.runKey === undefined) {
    const names = wandb ? ["id", "run id", "name"] : RUN_KEY_COLUMNS;
    for (const name of names) {
      keyIndex = columns.findIndex((c) => c.toLowerCase() === name);
      if (keyIndex >= 0) break;
    }
  }
  if (keyIndex < 0) {
    const expected = mapping.runKey !== undefined ? `"${mapping.runKey}" (from mapping.runKey)` : wandb ? "ID or Name" : "runKey, run_key, key, id or run";
    issues.push({ path: "content", message: `no run key column: expected ${expected}; columns are ${columns.join(", ")}` });
  }
  // The scale axes.
  const axisIndex = new Map<string, number>();
  for (const axis of sweep.axes) {
    const index = lookup(axis, "config");
    if (index < 0) {
      const from = mapping[axis] !== undefined ? `column "${mapping[axis]}" (from mapping.${axis}) does not exist` : `no column for axis "${axis}"`;
      issues.push({ path: "content", message: `${from}; columns are ${columns.join(", ")}; name it with mapping {"${axis}": "<column>"}` });
    } else axisIndex.set(axis, index);
  }
  if (issues.length > 0) return { runs: [], skipped: [], issues };
  const seedIndex = wandb ? -1 : columns.findIndex((c) => c.toLowerCase() === "seed");
  const stateIndex = wandb ? columns.findIndex((c) => c.toLowerCase() === "state") : -1;
  const used = new Set<number>([keyIndex, seedIndex, stateIndex, ...axisIndex.values()]);
  // The metrics: every other column (W&B: summary columns when the export marks them, else unmarked data columns).
  const prefixed = columns.some((c) => stripPrefix(c).kind === "summary");
  const metricIndex = new Map<string, number>();
  const mappedMetric = mapping[sweep.metric];
  if (mappedMetric !== undefined) {
    const index = columns.indexOf(mappedMetric);
    if (index < 0) return fileIssue(`column "${mappedMetric}" (from mapping.${sweep.metric}) does not exist; columns are ${columns.join(", ")}`);
    metricIndex.set(sweep.metric, index);
    used.add(index);
  }
  columns.forEach((column, index) => {
    if (used.has(index) || column === "") return;
    const { kind, name } = stripPrefix(column);
    if (wandb) {
      if (kind === "config" || (prefixed && kind !== "summary")) return;
      if (name.startsWith("_") || WANDB_COLUMNS.has(name.toLowerCase())) return;
    }
    if (!metricIndex.has(name)) metricIndex.set(name, index);
  });
  const out: ParsedFile = { runs: [], skipped: [], issues: [] };
  body.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => c.trim() === "")) return;
    if (stateIndex >= 0) {
      const state = (cells[stateIndex] ?? "").trim().toLowerCase();
      if (state !== "" && state !== "finished") {
        out.skipped.push({ row, reason: `W&B run state is "${state}", not finished` });
        return;
      }
    }
    const bad = (column: string, message: string) => out.issues.push({ path: `rows.${row}.${column}`, row, message: `column ${column}: ${message}` });
    const scales: Record<string, number> = {};
    for (const [axis, i] of axisIndex) {
      const value = numberCell(cells[i]);
      if (value === undefined) bad(columns[i]!, `empty (the sweep's axis ${axis} needs a value)`);
      else if (Number.isNaN(value)) bad(columns[i]!, `"${cells[i]}" is not a number`);
      else scales[axis] = value;
    }
    const metrics: Record<string, number> = {};
    for (const [metric, i] of metricIndex) {
      const value = numberCell(cells[i]);
      if (value === undefined) continue;
      if (Number.isNaN(value)) {
        // W&B summaries hold text columns too; only the sweep's own metric must be a number there.
        if (!wandb || metric === sweep.metric) bad(columns[i]!, `"${cells[i]}" is not a number`);
        continue;
      }
      metrics[metric] = value;
    }
    const run: Record<string, unknown> = { runKey: (cells[keyIndex] ?? "").trim(), scales, metrics };
    if (seedIndex >= 0) {
      const seed = numberCell(cells[seedIndex]);
      if (Number.isNaN(seed)) bad(columns[seedIndex]!, `"${cells[seedIndex]}" is not a number`);
      else if (seed !== undefined) run.seed = seed;
    }
    out.runs.push({ row, run });
  });
  return out;
}
