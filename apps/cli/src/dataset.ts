/**
 * Turns a table into the rows a model reads, using the column options (--x, --n, --d, --c, --u, --m, --y).
 * A column left at its default name may match case-insensitively (N for n); a named one must match exactly.
 */
import { axisFields, getModel, snapBudgets, type Observation } from "@scalecast/core";
import { numericColumn, requireColumn, type Table } from "./read-table";

export interface ColumnOptions {
  x?: string;
  n?: string;
  d?: string;
  c?: string;
  u?: string;
  /** FLOPs per token M: isoflop on budgets C = M·D instead of a C column. */
  m?: string;
  y?: string;
}

/** Default column names, in one place. */
export const DEFAULT_COLUMNS = Object.freeze({ x: "x", n: "n", d: "d", c: "c", u: "u", m: "m", y: "y" });

type Field = keyof typeof DEFAULT_COLUMNS;

function resolveColumn(table: Table, field: Field, given: string | undefined): string {
  if (given !== undefined) {
    requireColumn(table, given);
    return given;
  }
  const name = DEFAULT_COLUMNS[field];
  if (table.columns.includes(name)) return name;
  const loose = table.columns.filter((c) => c.toLowerCase() === name.toLowerCase());
  if (loose.length === 1) return loose[0]!;
  throw new Error(
    `no column for ${field} in ${table.file}: pass --${field} COLUMN; available columns: ${table.columns.join(", ")}`,
  );
}

/** The exact messages of --m (each asserted by a CLI test). */
export const M_COLUMN_ERRORS = {
  notIsoflop: (model: string) => `--m applies to --model isoflop (budget C = M·D), not ${model}`,
  withC: () => "give --c or --m, not both: with --m the budget is C = M·D",
} as const;

/**
 * IsoFLOP rows in FLOPs per token: x = M, the budget c = M·D, derived budgets snapped to the ones the
 * runs were planned at (core's snapBudgets: D is rounded to whole steps, so M·D misses them a little).
 */
function isoFlopRowsInM(table: Table, columns: ColumnOptions): Observation[] {
  if (columns.c !== undefined) throw new Error(M_COLUMN_ERRORS.withC());
  const m = numericColumn(table, resolveColumn(table, "m", columns.m));
  const d = numericColumn(table, resolveColumn(table, "d", columns.d));
  const y = numericColumn(table, resolveColumn(table, "y", columns.y));
  return snapBudgets(table.rows.map((_, i) => ({ c: m[i]! * d[i]!, x: m[i]!, y: y[i]! })));
}

/** Reads the columns model `model` needs; u (unique tokens) is optional for data-constrained; --m gives isoflop C = M·D. */
export function observationsFor(model: string, table: Table, columns: ColumnOptions): Observation[] {
  const spec = getModel(model);
  if (columns.m !== undefined) {
    if (spec.axes !== "c+x") throw new Error(M_COLUMN_ERRORS.notIsoflop(model));
    return isoFlopRowsInM(table, columns);
  }
  const fields = [...axisFields(spec), "y"] as (Field & keyof Observation)[];
  const values: Partial<Record<Field, number[]>> = {};
  for (const field of fields) {
    if (field === "u" && columns.u === undefined && !table.columns.some((c) => c.toLowerCase() === "u")) continue;
    values[field] = numericColumn(table, resolveColumn(table, field, columns[field]));
  }
  return table.rows.map((_, i) => {
    const row: Observation = { y: values.y![i]! };
    for (const field of fields) {
      const v = values[field]?.[i];
      if (v !== undefined && field !== "y") row[field] = v;
    }
    return row;
  });
}

/**
 * Every axis the table has (by the column options or default names) and y: the rows automatic model
 * selection chooses among, so a model whose axes are missing is simply not a candidate.
 */
export function observationsWithAllAxes(table: Table, columns: ColumnOptions): Observation[] {
  if (columns.m !== undefined) throw new Error(M_COLUMN_ERRORS.notIsoflop("auto"));
  const axes = (["x", "n", "d", "u"] as const).filter(
    (field) => columns[field] !== undefined || table.columns.some((c) => c.toLowerCase() === DEFAULT_COLUMNS[field]),
  );
  const values = Object.fromEntries([...axes, "y" as const].map((field) => [field, numericColumn(table, resolveColumn(table, field, columns[field]))]));
  return table.rows.map((_, i) => Object.fromEntries(Object.entries(values).map(([field, column]) => [field, column[i]!])) as unknown as Observation);
}
