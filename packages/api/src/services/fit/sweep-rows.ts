import { createHash } from "node:crypto";
import { getModel, isModelName, MODEL_NAMES, snapBudgets, type Direction, type Field, type Observation } from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import { SWEEP_FIELDS_SELECT, type SweepFields } from "../sweep/sweep-summary";

/** What fitting needs to know about a sweep. */
export interface SweepForFit extends SweepFields {
  direction: Direction;
  runsVersion: number;
  teamId: string;
}

export async function loadSweepForFit(db: Database, sweepId: string): Promise<SweepForFit> {
  const sweep = await db.prisma.sweep.findUnique({
    where: { id: sweepId },
    select: {
      ...SWEEP_FIELDS_SELECT,
      runsVersion: true,
      methodology: { select: { teamId: true } },
    },
  });
  if (!sweep) throw new AppError("NOT_FOUND", `sweep ${sweepId} does not exist`);
  const { methodology, ...rest } = sweep;
  return { ...rest, teamId: methodology.teamId };
}

/** The model name, checked: the documented list in the message when it is unknown. */
export function checkModel(model: string): void {
  if (!isModelName(model)) throw new AppError("BAD_REQUEST", `model: unknown model "${model}"; valid models: ${MODEL_NAMES.join(", ")}`);
}

/** Where a field of the model's observations comes from: one run axis, or the product of two (C = M·D). */
export type AxisSource = string | readonly [string, string];
export type AxisMapping = Partial<Record<Field, AxisSource>>;

/**
 * Which run scale axis feeds each field of the model's observations: a single-axis model reads the
 * sweep's only axis; joint models read the axes named N and D (and U, unique tokens, when present);
 * isoflop reads C and the one other axis, or, on a sweep of FLOPs per token M and tokens D, the budget
 * C = M·D and the swept M (DeepSeek's M_opt(C)). Axis names match case-insensitively.
 */
export function axisMapping(sweep: Pick<SweepForFit, "name" | "axes">, model: string): AxisMapping {
  const spec = getModel(model);
  const find = (name: string) => sweep.axes.find((a) => a.toLowerCase() === name.toLowerCase());
  const axesText = sweep.axes.join(", ");
  if (spec.axes === "x") {
    if (sweep.axes.length !== 1) {
      throw new AppError(
        "BAD_REQUEST",
        `model: ${model} fits one scale axis but sweep "${sweep.name}" has axes ${axesText}; use a joint model (chinchilla, kaplan, data-constrained)`,
      );
    }
    return { x: sweep.axes[0]! };
  }
  if (spec.axes === "n+d") {
    const n = find("N");
    const d = find("D");
    if (!n || !d) {
      const hint = find("M") && d ? " (a sweep of M and D fits isoflop on C = M·D)" : "";
      throw new AppError("BAD_REQUEST", `model: ${model} needs scale axes N and D; sweep "${sweep.name}" has axes ${axesText}${hint}`);
    }
    const u = find("U");
    return u ? { n, d, u } : { n, d };
  }
  const c = find("C");
  const others = sweep.axes.filter((a) => a !== c);
  if (c && others.length === 1) return { c, x: others[0]! };
  const m = find("M");
  const d = find("D");
  if (!c && m && d) return { c: [m, d], x: m };
  throw new AppError(
    "BAD_REQUEST",
    `model: ${model} needs a compute axis C and one swept axis, or axes M and D (C = M·D); sweep "${sweep.name}" has axes ${axesText}`,
  );
}

/** A run's value of a field: its axis, or the product of two axes; undefined when one is missing. */
function scaleOf(scales: Record<string, unknown>, source: AxisSource): number | undefined {
  const names = typeof source === "string" ? [source] : source;
  let value = 1;
  for (const name of names) {
    const v = scales[name];
    if (typeof v !== "number") return undefined;
    value *= v;
  }
  return value;
}

export interface SweepRows {
  rows: Observation[];
  runKeys: string[];
  /** Runs without the metric or one of the model's axes (not fitted). */
  skipped: number;
  /** Hash of the runs used (run keys, scales, metric values) and of the model and its options. */
  fingerprint: string;
}

/**
 * The sweep's included runs (excluded ones are left out, so the fingerprint changes with them) as the model's observations, in run-key order (so a seeded bootstrap resamples the
 * same rows every time), with the data fingerprint. Reads only the run columns it needs.
 */
export async function loadSweepRows(
  db: Database,
  sweep: SweepForFit,
  model: string,
  metric: string,
  options: Record<string, unknown> = {},
): Promise<SweepRows> {
  const mapping = axisMapping(sweep, model);
  const runs = await db.prisma.run.findMany({
    where: { sweepId: sweep.id, excludedAt: null },
    select: { runKey: true, scales: true, metrics: true },
    orderBy: { runKey: "asc" },
  });
  const rows: Observation[] = [];
  const runKeys: string[] = [];
  let skipped = 0;
  const known = new Set<string>();
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ model, metric, direction: sweep.direction, mapping, options }));
  for (const run of runs) {
    const scales = (run.scales ?? {}) as Record<string, unknown>;
    const metrics = (run.metrics ?? {}) as Record<string, unknown>;
    for (const name of Object.keys(metrics)) known.add(name);
    const y = metrics[metric];
    if (typeof y !== "number") {
      skipped++;
      continue;
    }
    const row: Observation = { y };
    let complete = true;
    for (const [field, source] of Object.entries(mapping) as [Field, AxisSource][]) {
      const v = scaleOf(scales, source);
      if (v !== undefined) row[field] = v;
      else if (field !== "u") complete = false;
    }
    if (!complete) {
      skipped++;
      continue;
    }
    rows.push(row);
    runKeys.push(run.runKey);
    hash.update(`\n${JSON.stringify([run.runKey, row.x, row.n, row.d, row.c, row.u, y])}`);
  }
  if (runs.length > 0 && rows.length === 0 && !known.has(metric)) {
    throw new AppError(
      "BAD_REQUEST",
      `metric: no run of sweep "${sweep.name}" records "${metric}"; its runs record ${[...known].map((m) => `"${m}"`).join(", ") || "no metrics"}`,
    );
  }
  return { rows: Array.isArray(mapping.c) ? snapBudgets(rows) : rows, runKeys, skipped, fingerprint: hash.digest("hex") };
}

/** Core's row-numbered messages ("row 3 has x = 0") name the run key too. */
export function withRunKeys(message: string, runKeys: readonly string[]): string {
  return message.replace(/\brow (\d+)\b/g, (text, n: string) => {
    const key = runKeys[Number(n) - 1];
    return key === undefined ? text : `${text} (run "${key}")`;
  });
}
