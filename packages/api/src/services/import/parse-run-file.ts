/**
 * Turns an uploaded file into runs for a sweep, each with the row number errors report:
 * - csv: a header row; a run key column (runKey, run_key, key or id), an optional seed column, one column
 *   per scale axis of the sweep, every other column a metric. Row numbers are the file's line numbers.
 * - json: an array of runs ({runKey, scales, metrics, seed?}) or {"runs": [...]}; row n is the n-th run.
 * - jsonl: one run object per line; row numbers are line numbers.
 * - wandb: a Weights & Biases runs-table CSV export. The run key is the ID column (else Name); config
 *   columns give the scale axes, summary columns the metrics; runs whose State is not "finished" are
 *   skipped and listed. Columns may carry "config."/"config/" and "summary."/"summary/" prefixes; without
 *   them every numeric column that is not an axis, a W&B column, "_"-prefixed, or an id or time is read
 *   as a metric.
 * - mlflow: an MLflow runs table (`mlflow.search_runs(...).to_csv()`, the columns run_id, status,
 *   params.*, metrics.*, tags.*): params.<axis> give the scale axes, metrics.* the metrics, params.seed the
 *   seed; runs whose status is not FINISHED are skipped and listed; tags.* and the other params are kept
 *   as the run's tags (under their column names without and with the "params." prefix).
 * - auto: whichever of these the content is (detectRunFileFormat).
 * `mapping` names the column of an axis, the metric or the run key when it differs ({"N": "n_params"}).
 * Cost O(cells). Never throws for bad content: problems come back as issues with their rows.
 */
import Papa from "papaparse";
import { z } from "zod";
import type { FieldIssue } from "../../errors";

export const RUN_FILE_FORMATS = ["csv", "json", "jsonl", "mlflow", "wandb"] as const;
export type RunFileFormat = (typeof RUN_FILE_FORMATS)[number];
export const IMPORT_FORMATS = ["auto", ...RUN_FILE_FORMATS] as const;
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
  /** The format read (auto: the one detected). */
  format: RunFileFormat;
  /** Rows left out on purpose (W&B and MLflow runs that did not finish), with why. */
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
/** Columns that identify or time a run (experiment_id, start_time, _timestamp, ...): never a metric of a W&B export. */
const ID_OR_TIME = /(^|[ _.\-/])(id|timestamp|time|runtime|created|updated)$/i;

export function parseRunFile(format: TImportFormat, content: string, sweep: SweepShape, mapping: Record<string, string> = {}): ParsedFile {
  const resolved = format === "auto" ? detectRunFileFormat(content) : format;
  switch (resolved) {
    case "json":
      return parseJson(content);
    case "jsonl":
      return parseJsonLines(content);
    case "csv":
      return parseTable(content, sweep, mapping, false);
    case "wandb":
      return parseTable(content, sweep, mapping, true);
    case "mlflow":
      return parseMlflow(content, sweep, mapping);
  }
}

/**
 * The format of a file from its content: JSON when it parses as JSON, JSONL when its first line is an object,
 * else a table: MLflow's runs table when its header has run_id and params./metrics. columns, a W&B export
 * when it has State with Name or ID (or config./summary. columns), else a plain CSV.
 */
export function detectRunFileFormat(content: string): RunFileFormat {
  const text = content.replace(/^\uFEFF/, "").trimStart();
  if (text.startsWith("[") || text.startsWith("{")) {
    try {
      JSON.parse(text);
      return "json";
    } catch {
      return text.startsWith("{") ? "jsonl" : "json";
    }
  }
  const header = (Papa.parse<string[]>(text, { preview: 1 }).data[0] ?? []).map((c) => c.trim().toLowerCase());
  if (header.includes("run_id") && header.some((c) => c.startsWith("params.") || c.startsWith("metrics."))) return "mlflow";
  const wandbState = header.includes("state") && (header.includes("name") || header.includes("id"));
  if (wandbState || header.some((c) => /^(config|summary)[./]/.test(c))) return "wandb";
  return "csv";
}

function fileIssue(format: RunFileFormat, message: string): ParsedFile {
  return { format, runs: [], skipped: [], issues: [{ path: "content", message }] };
}

function parseJson(content: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    return fileIssue("json", `content is not valid JSON: ${(error as Error).message}`);
  }
  const runs = Array.isArray(value) ? value : value && typeof value === "object" && Array.isArray((value as { runs?: unknown }).runs) ? (value as { runs: unknown[] }).runs : null;
  if (!runs) return fileIssue("json", 'JSON content must be an array of runs or an object {"runs": [...]}');
  return { format: "json", runs: runs.map((run, i) => ({ row: i + 1, run })), skipped: [], issues: [] };
}

function parseJsonLines(content: string): ParsedFile {
  const out: ParsedFile = { format: "jsonl", runs: [], skipped: [], issues: [] };
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

interface Table {
  columns: string[];
  /** Data rows with their line numbers (the header is line 1). */
  rows: { row: number; cells: string[] }[];
}

function readTable(content: string): Table | null {
  const [header, ...body] = Papa.parse<string[]>(content.replace(/^\uFEFF/, ""), { skipEmptyLines: false }).data;
  if (!header || header.every((h) => h.trim() === "")) return null;
  const rows = body.map((cells, index) => ({ row: index + 2, cells })).filter((r) => !r.cells.every((c) => c.trim() === ""));
  return { columns: header.map((h) => h.trim()), rows };
}

/** Which column holds what, for reading a table's rows into runs (readRows). */
interface RowPlan {
  format: "csv" | "wandb" | "mlflow";
  keyIndex: number;
  axisIndex: Map<string, number>;
  metricIndex: Map<string, number>;
  seedIndex: number;
  tagIndex: Map<string, number>;
  /** The column that says whether the run finished, the value meaning it did, and the words of the skip reason. */
  state?: { index: number; finished: string; says: string };
  /** Exports hold text columns among their metrics: only the sweep's own metric must then be a number. */
  textMetricsAllowed: boolean;
}

function readRows(table: Table, plan: RowPlan, sweep: SweepShape): ParsedFile {
  const { columns } = table;
  const out: ParsedFile = { format: plan.format, runs: [], skipped: [], issues: [] };
  for (const { row, cells } of table.rows) {
    if (plan.state) {
      const state = (cells[plan.state.index] ?? "").trim();
      if (state !== "" && state.toLowerCase() !== plan.state.finished.toLowerCase()) {
        out.skipped.push({ row, reason: `${plan.state.says} "${state}", not ${plan.state.finished}` });
        continue;
      }
    }
    const bad = (column: string, message: string) => out.issues.push({ path: `rows.${row}.${column}`, row, message: `column ${column}: ${message}` });
    const scales: Record<string, number> = {};
    for (const [axis, i] of plan.axisIndex) {
      const value = numberCell(cells[i]);
      if (value === undefined) bad(columns[i]!, `empty (the sweep's axis ${axis} needs a value)`);
      else if (Number.isNaN(value)) bad(columns[i]!, `"${cells[i]}" is not a number`);
      else scales[axis] = value;
    }
    const metrics: Record<string, number> = {};
    for (const [metric, i] of plan.metricIndex) {
      const value = numberCell(cells[i]);
      if (value === undefined) continue;
      if (Number.isNaN(value)) {
        if (!plan.textMetricsAllowed || metric === sweep.metric) bad(columns[i]!, `"${cells[i]}" is not a number`);
        continue;
      }
      metrics[metric] = value;
    }
    const run: Record<string, unknown> = { runKey: (cells[plan.keyIndex] ?? "").trim(), scales, metrics };
    if (plan.seedIndex >= 0) {
      const seed = numberCell(cells[plan.seedIndex]);
      if (Number.isNaN(seed)) bad(columns[plan.seedIndex]!, `"${cells[plan.seedIndex]}" is not a number`);
      else if (seed !== undefined) run.seed = seed;
    }
    const tags: Record<string, string> = {};
    for (const [tag, i] of plan.tagIndex) {
      const value = (cells[i] ?? "").trim();
      if (value !== "") tags[tag] = value;
    }
    if (Object.keys(tags).length > 0) run.tags = tags;
    out.runs.push({ row, run });
  }
  return out;
}

/** The message for an axis column that is missing (`expected`: the column looked for, when it is not the axis's own name). */
function missingAxis(axis: string, mapping: Record<string, string>, columns: string[], expected?: string): FieldIssue {
  const from = mapping[axis] !== undefined ? `column "${mapping[axis]}" (from mapping.${axis}) does not exist` : `no column ${expected ? `"${expected}" ` : ""}for axis "${axis}"`;
  return { path: "content", message: `${from}; columns are ${columns.join(", ")}; name it with mapping {"${axis}": "<column>"}` };
}

function parseTable(content: string, sweep: SweepShape, mapping: Record<string, string>, wandb: boolean): ParsedFile {
  const format = wandb ? "wandb" : "csv";
  const table = readTable(content);
  if (!table) return fileIssue(format, "the file has no header row");
  const { columns } = table;
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
    if (index < 0) issues.push(missingAxis(axis, mapping, columns));
    else axisIndex.set(axis, index);
  }
  if (issues.length > 0) return { format, runs: [], skipped: [], issues };
  const seedIndex = wandb ? -1 : columns.findIndex((c) => c.toLowerCase() === "seed");
  const stateIndex = wandb ? columns.findIndex((c) => c.toLowerCase() === "state") : -1;
  const used = new Set<number>([keyIndex, seedIndex, stateIndex, ...axisIndex.values()]);
  // The metrics: every other column (W&B: summary columns when the export marks them, else unmarked data columns).
  const prefixed = columns.some((c) => stripPrefix(c).kind === "summary");
  const metricIndex = new Map<string, number>();
  const mappedMetric = mapping[sweep.metric];
  if (mappedMetric !== undefined) {
    const index = columns.indexOf(mappedMetric);
    if (index < 0) return fileIssue(format, `column "${mappedMetric}" (from mapping.${sweep.metric}) does not exist; columns are ${columns.join(", ")}`);
    metricIndex.set(sweep.metric, index);
    used.add(index);
  }
  columns.forEach((column, index) => {
    if (used.has(index) || column === "") return;
    const { kind, name } = stripPrefix(column);
    if (wandb) {
      if (kind === "config" || (prefixed && kind !== "summary")) return;
      if (name.startsWith("_") || WANDB_COLUMNS.has(name.toLowerCase()) || ID_OR_TIME.test(name)) return;
    }
    if (!metricIndex.has(name)) metricIndex.set(name, index);
  });
  const state = stateIndex >= 0 ? { index: stateIndex, finished: "finished", says: "W&B run state is" } : undefined;
  return readRows(table, { format, keyIndex, axisIndex, metricIndex, seedIndex, tagIndex: new Map(), state, textMetricsAllowed: wandb }, sweep);
}

function parseMlflow(content: string, sweep: SweepShape, mapping: Record<string, string>): ParsedFile {
  const table = readTable(content);
  if (!table) return fileIssue("mlflow", "the file has no header row");
  const { columns } = table;
  const issues: FieldIssue[] = [];
  const prefixed = (prefix: string) =>
    columns.flatMap((column, index) => (column.toLowerCase().startsWith(prefix) && column.length > prefix.length ? [{ name: column.slice(prefix.length), index }] : []));
  const keyIndex = columns.indexOf(mapping.runKey ?? "run_id");
  if (keyIndex < 0) issues.push({ path: "content", message: `no run key column: expected ${mapping.runKey !== undefined ? `"${mapping.runKey}" (from mapping.runKey)` : "run_id"}; columns are ${columns.join(", ")}` });
  const params = prefixed("params.");
  const axisIndex = new Map<string, number>();
  for (const axis of sweep.axes) {
    const index = mapping[axis] !== undefined ? columns.indexOf(mapping[axis]) : (params.find((p) => p.name === axis) ?? params.find((p) => p.name.toLowerCase() === axis.toLowerCase()))?.index;
    if (index === undefined || index < 0) issues.push(missingAxis(axis, mapping, columns, `params.${axis}`));
    else axisIndex.set(axis, index);
  }
  if (issues.length > 0) return { format: "mlflow", runs: [], skipped: [], issues };
  const seedIndex = params.find((p) => p.name.toLowerCase() === "seed")?.index ?? -1;
  const metricIndex = new Map(prefixed("metrics.").map((m) => [m.name, m.index]));
  if (mapping[sweep.metric] !== undefined) {
    const index = columns.indexOf(mapping[sweep.metric]!);
    if (index < 0) return fileIssue("mlflow", `column "${mapping[sweep.metric]}" (from mapping.${sweep.metric}) does not exist; columns are ${columns.join(", ")}`);
    metricIndex.set(sweep.metric, index);
  }
  const used = new Set([keyIndex, seedIndex, ...axisIndex.values()]);
  const tagIndex = new Map([...prefixed("tags.").map((t) => [t.name, t.index] as const), ...params.filter((p) => !used.has(p.index)).map((p) => [`params.${p.name}`, p.index] as const)]);
  const statusIndex = columns.findIndex((c) => c.toLowerCase() === "status");
  const state = statusIndex >= 0 ? { index: statusIndex, finished: "FINISHED", says: "MLflow run status is" } : undefined;
  return readRows(table, { format: "mlflow", keyIndex, axisIndex, metricIndex, seedIndex, tagIndex, state, textMetricsAllowed: true }, sweep);
}
