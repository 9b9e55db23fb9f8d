/**
 * Reads a CSV (header row) or JSONL (one JSON object per line) file into a table of raw cells.
 * The format is chosen by extension: .jsonl/.ndjson/.json are JSON, anything else is CSV.
 */
import { existsSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import Papa from "papaparse";
import { badData } from "./exit-codes";

export interface Table {
  file: string;
  columns: string[];
  /** Raw cells by column; row i of the table is data row i + 1 in messages. */
  rows: Record<string, unknown>[];
}

export function readTable(file: string): Table {
  if (!existsSync(file)) throw new Error(`file not found: ${file}`);
  const text = readFileSync(file, "utf8");
  const ext = extname(file).toLowerCase();
  return ext === ".jsonl" || ext === ".ndjson" || ext === ".json" ? parseJsonl(file, text) : parseCsv(file, text);
}

function parseCsv(file: string, text: string): Table {
  const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true, skipEmptyLines: true });
  // A short row just leaves its last cells empty; those are reported by column if a model needs them.
  const first = parsed.errors.find((e) => e.code !== "TooFewFields");
  if (first) {
    const where = first.row === undefined ? "" : ` (row ${first.row + 1})`;
    throw badData(`${file}: cannot read CSV${where}: ${first.message}`);
  }
  const columns = (parsed.meta.fields ?? []).filter((f) => f !== "");
  if (parsed.data.length === 0) throw badData(`${file} has no data rows`);
  return { file, columns, rows: parsed.data };
}

function parseJsonl(file: string, text: string): Table {
  const trimmed = text.trim();
  let rows: Record<string, unknown>[];
  if (trimmed.startsWith("[")) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      throw badData(`${file}: not valid JSON: ${(e as Error).message}`);
    }
    rows = (value as unknown[]).map((v, i) => asObject(file, v, i + 1));
  } else {
    rows = [];
    const lines = trimmed.split(/\r?\n/);
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw badData(`${file} line ${i + 1} is not valid JSON`);
      }
      rows.push(asObject(file, value, i + 1));
    });
  }
  if (rows.length === 0) throw badData(`${file} has no data rows`);
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return { file, columns, rows };
}

function asObject(file: string, value: unknown, line: number): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw badData(`${file} line ${line} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Checks that a column exists, or throws listing the available ones. */
export function requireColumn(table: Table, name: string): void {
  if (!table.columns.includes(name)) {
    throw new Error(`unknown column "${name}" in ${table.file}; available columns: ${table.columns.join(", ")}`);
  }
}

/**
 * The values of one column as finite numbers. Throws naming the first row (1-based data row) whose cell is
 * empty, not a number, NaN or infinite.
 */
export function numericColumn(table: Table, name: string): number[] {
  requireColumn(table, name);
  return table.rows.map((row, i) => {
    const cell = row[name];
    const where = `${table.file} row ${i + 1}, column "${name}"`;
    if (cell === undefined || cell === null || (typeof cell === "string" && cell.trim() === "")) {
      throw badData(`${where} is empty`);
    }
    const value = typeof cell === "number" ? cell : typeof cell === "string" ? Number(cell.trim()) : Number.NaN;
    if (Number.isNaN(value)) {
      throw badData(`${where} is not a number: ${JSON.stringify(cell)}`);
    }
    if (!Number.isFinite(value)) throw badData(`${where} is infinite: ${JSON.stringify(cell)}`);
    return value;
  });
}
