import { randomUUID } from "node:crypto";
import type { Database, SqlQueries } from "@scalecast/db";
import { z } from "zod";
import { AppError, type FieldIssue } from "../../errors";
import { describeBadInput, findUnstorableText, issuesFromZod } from "../../validation";
import type { Actor } from "../access/actor";
import { assertCanWrite } from "../access/assert-access";
import { findSweep, type SweepTarget, type TSweepRef } from "../sweep/find-sweep";
import { ZId } from "../team/team-schemas";
import { checkBounds, metricBounds } from "./metric-bounds";
import { isWellFormedRun, ZRunBatch, ZRunInput, type TIngestResult, type TRunInput } from "./run-schemas";

export const ZIngestRunsInput = z.object({ sweepId: ZId, runs: ZRunBatch });
export type TIngestRunsInput = z.infer<typeof ZIngestRunsInput>;

/**
 * Checks runs against their sweep: the schema of each run, text the database cannot store (NUL, lone
 * surrogates), the sweep's axes (every one, no other; unique tokens U at most the tokens D), its metric and the metric's bounds (metricBounds), and
 * run keys repeated inside the batch. Returns every problem, each with its row (`rowNumber(i)`, 1-based;
 * imports pass file rows).
 */
export function checkRuns(
  sweep: Pick<SweepTarget, "name" | "axes" | "metric" | "direction" | "metricBounded">,
  runs: unknown[], rowNumber: (index: number) => number = (i) => i + 1) {
  const issues: FieldIssue[] = [];
  const valid: TRunInput[] = [];
  const firstRowOfKey = new Map<string, number>();
  const axes = sweep.axes.join(", ");
  const bounds = metricBounds(sweep);
  const uniqueAxis = sweep.axes.find((a) => a.toUpperCase() === "U");
  const tokensAxis = sweep.axes.find((a) => a.toUpperCase() === "D");
  runs.forEach((raw, index) => {
    const row = rowNumber(index);
    const problem = (path: string, message: string) => issues.push({ path: `runs.${index}.${path}`, row, message: `${path}: ${message}` });
    const badText = findUnstorableText(raw, ["runs", index]);
    if (badText.length > 0) {
      for (const issue of badText) issues.push({ ...issue, row });
      return;
    }
    let run: TRunInput;
    if (isWellFormedRun(raw)) run = raw;
    else {
      const parsed = ZRunInput.safeParse(raw);
      if (!parsed.success) {
        for (const issue of issuesFromZod(parsed.error, ["runs", index])) issues.push({ ...issue, row });
        return;
      }
      run = parsed.data;
    }
    for (const axis of sweep.axes) {
      if (run.scales[axis] === undefined) problem(`scales.${axis}`, `missing (sweep "${sweep.name}" has axes ${axes})`);
    }
    for (const axis of Object.keys(run.scales)) {
      if (!sweep.axes.includes(axis)) problem(`scales.${axis}`, `unknown axis (sweep "${sweep.name}" has axes ${axes})`);
    }
    if (uniqueAxis && tokensAxis) {
      const u = run.scales[uniqueAxis];
      const d = run.scales[tokensAxis];
      if (u !== undefined && d !== undefined && u > d) {
        problem(`scales.${uniqueAxis}`, `unique tokens ${uniqueAxis} = ${u} exceed the tokens trained on ${tokensAxis} = ${d} (each unique token is seen at least once)`);
      }
    }
    const value = run.metrics[sweep.metric];
    if (value === undefined) problem(`metrics.${sweep.metric}`, `missing (the sweep's metric)`);
    else {
      const outside = checkBounds(sweep.metric, value, bounds);
      if (outside) issues.push({ path: `runs.${index}.metrics.${sweep.metric}`, row, message: outside });
    }
    const earlier = firstRowOfKey.get(run.runKey);
    if (earlier !== undefined) problem("runKey", `"${run.runKey}" repeats row ${earlier} of this batch`);
    else firstRowOfKey.set(run.runKey, row);
    valid.push(run);
  });
  return { issues, runs: valid };
}

/** Throws the BAD_REQUEST every entry point reports for bad rows: "N bad row(s), nothing was written: row 3: …". */
export function rejectRows(issues: FieldIssue[]): never {
  throw new AppError("BAD_REQUEST", describeBadInput(issues), issues);
}

let idCounter = 0;
/**
 * `count` new Run ids that sort in creation order ("r" + time + process-local counter + random), so a
 * batch appends to the primary-key index instead of touching random pages of it (a random UUID per row
 * made inserts measurably slower). Unique: the random part differs between processes and replicas.
 */
function orderedIds(count: number): string[] {
  const time = Date.now().toString(36).padStart(9, "0");
  const random = randomUUID().replace(/-/g, "").slice(0, 12);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(`r${time}${(idCounter++ % 36 ** 6).toString(36).padStart(6, "0")}${random}`);
  return ids;
}

/**
 * `runs` sorted by run key (UTF-16 code units). Every write of runs takes its row locks in this one order,
 * so two concurrent batches that share keys, listed in different orders, wait for each other instead of
 * deadlocking (PostgreSQL aborted one of them).
 */
export function inRunKeyOrder<T extends { runKey: string }>(runs: readonly T[]): T[] {
  return [...runs].sort((a, b) => (a.runKey < b.runKey ? -1 : a.runKey > b.runKey ? 1 : 0));
}

/**
 * Writes already checked runs in one INSERT (all or nothing), in run-key order (see inRunKeyOrder). A run key the sweep already has is left
 * untouched and reported as a duplicate, so a retried batch never doubles data.
 * One statement with the batch as a single JSON parameter: ~1,000 runs in a few milliseconds, and
 * numbers keep every digit (JSON.stringify's shortest round-trip form goes into jsonb unchanged).
 */
export async function insertRuns(sql: SqlQueries, sweepId: string, runs: TRunInput[]): Promise<TIngestResult> {
  // Timestamps are stored without zone in UTC (Prisma's convention); the server's TimeZone must not matter.
  const now = new Date().toISOString();
  const sorted = inRunKeyOrder(runs);
  const ids = orderedIds(sorted.length);
  const rows = sorted.map((run, i) => ({ id: ids[i], runKey: run.runKey, scales: run.scales, metrics: run.metrics, seed: run.seed ?? null, tags: run.tags ?? null }));
  // Ids ascend with run keys, so ORDER BY "id" inserts (and takes the unique index's locks) in run-key order.
  const created = await sql.query<{ runKey: string }>(
    `INSERT INTO "Run" ("id", "sweepId", "runKey", "scales", "metrics", "seed", "tags", "createdAt", "updatedAt")
     SELECT r."id", $1, r."runKey", r."scales", r."metrics", r."seed", r."tags", $3::timestamp, $3::timestamp
     FROM jsonb_to_recordset($2::jsonb) AS r("id" text, "runKey" text, "scales" jsonb, "metrics" jsonb, "seed" integer, "tags" jsonb)
     ORDER BY r."id"
     ON CONFLICT ("sweepId", "runKey") DO NOTHING
     RETURNING "runKey"`,
    [sweepId, JSON.stringify(rows), now],
  );
  const inserted = new Set(created.map((r) => r.runKey));
  const insertedRunKeys: string[] = [];
  const duplicateRunKeys: string[] = [];
  for (const run of runs) (inserted.has(run.runKey) ? insertedRunKeys : duplicateRunKeys).push(run.runKey);
  return { sweepId, inserted: insertedRunKeys.length, duplicates: duplicateRunKeys.length, insertedRunKeys, duplicateRunKeys };
}

/**
 * run.ingest and POST /api/v1/runs: a batch of runs into a sweep the caller may write to.
 * All or nothing: any bad row rejects the batch (400, every bad row named); duplicates are skipped.
 */
export async function ingestRuns(db: Database, actor: Actor, input: TIngestRunsInput): Promise<TIngestResult> {
  return ingestInto(db, actor, { sweepId: input.sweepId }, input.runs);
}

/** Finds the sweep, checks the caller may write to it, checks every row, then writes (see ingestRuns). */
export async function ingestInto(db: Database, actor: Actor, ref: TSweepRef, rows: unknown[]): Promise<TIngestResult> {
  const sweep = await findSweep(db, actor, ref);
  await assertCanWrite({ db, actor }, sweep.teamId);
  const { issues, runs } = checkRuns(sweep, rows);
  if (issues.length > 0) rejectRows(issues);
  return insertRuns(db.sql, sweep.id, runs);
}
