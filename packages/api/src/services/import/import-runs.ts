import type { Database } from "@scalecast/db";
import { z } from "zod";
import type { Actor } from "../access/actor";
import { assertCanWrite } from "../access/assert-access";
import { checkRuns, inRunKeyOrder, insertRuns, rejectRows } from "../run/ingest-runs";
import { ZIngestResult, type TIngestResult } from "../run/run-schemas";
import { findSweep } from "../sweep/find-sweep";
import { ZId } from "../team/team-schemas";
import { parseRunFile, ZColumnMapping, ZImportFormat } from "./parse-run-file";

/** Largest file one import call takes (characters); bigger files go through the CLI in batches. */
export const MAX_IMPORT_CHARS = 50_000_000;
/** Runs written per statement inside an import's transaction. */
export const IMPORT_CHUNK = 1_000;

export const ZImportRunsInput = z.object({
  sweepId: ZId,
  format: ZImportFormat,
  content: z.string("content must be the file's text").max(MAX_IMPORT_CHARS, `content must be at most ${MAX_IMPORT_CHARS} characters; import a larger file with scalecast import, which sends it in batches`),
  mapping: ZColumnMapping.optional(),
});
export type TImportRunsInput = z.infer<typeof ZImportRunsInput>;

export const ZImportRunsOutput = ZIngestResult.extend({
  rows: z.number().int(),
  skipped: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});
export type TImportRunsOutput = z.infer<typeof ZImportRunsOutput>;

/**
 * run.import: a CSV, JSON, JSONL or W&B CSV file into a sweep, all or nothing: every bad row is
 * reported with its row number and nothing is written; run keys the sweep already has are duplicates.
 */
export async function importRuns(db: Database, actor: Actor, input: TImportRunsInput): Promise<TImportRunsOutput> {
  const sweep = await findSweep(db, actor, { sweepId: input.sweepId });
  await assertCanWrite({ db, actor }, sweep.teamId);
  const parsed = parseRunFile(input.format, input.content, sweep, input.mapping);
  const fileIssues = parsed.issues.filter((i) => i.row === undefined);
  if (fileIssues.length > 0) rejectRows(fileIssues);
  if (parsed.runs.length === 0 && parsed.issues.length === 0) rejectRows([{ path: "content", message: "the file holds no runs" }]);
  // Rows whose cells did not parse are reported as they are; the others are checked like any batch.
  const badRows = new Set(parsed.issues.map((i) => i.row));
  const candidates = parsed.runs.filter((r) => !badRows.has(r.row));
  const { issues, runs } = checkRuns(
    sweep,
    candidates.map((r) => r.run),
    (i) => candidates[i]!.row,
  );
  const allIssues = [...parsed.issues, ...issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  if (allIssues.length > 0) rejectRows(allIssues);
  // Chunks in run-key order too, so concurrent imports of overlapping files lock rows in one order.
  const ordered = inRunKeyOrder(runs);
  const inserted = await db.sql.transaction(async (tx) => {
    const keys = new Set<string>();
    for (let start = 0; start < ordered.length; start += IMPORT_CHUNK) {
      for (const key of (await insertRuns(tx, sweep.id, ordered.slice(start, start + IMPORT_CHUNK))).insertedRunKeys) keys.add(key);
    }
    return keys;
  });
  // Reported in file order.
  const insertedRunKeys = runs.filter((r) => inserted.has(r.runKey)).map((r) => r.runKey);
  const duplicateRunKeys = runs.filter((r) => !inserted.has(r.runKey)).map((r) => r.runKey);
  const result: TIngestResult = { sweepId: sweep.id, inserted: insertedRunKeys.length, duplicates: duplicateRunKeys.length, insertedRunKeys, duplicateRunKeys };
  return { ...result, rows: parsed.runs.length, skipped: parsed.skipped };
}
