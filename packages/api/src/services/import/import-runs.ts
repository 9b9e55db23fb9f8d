import type { Database } from "@scalecast/db";
import { z } from "zod";
import type { Actor } from "../access/actor";
import { assertCanWrite } from "../access/assert-access";
import { checkRuns, insertRuns, rejectRows } from "../run/ingest-runs";
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
  const result = await db.sql.transaction(async (tx) => {
    const total: TIngestResult = { sweepId: sweep.id, inserted: 0, duplicates: 0, insertedRunKeys: [], duplicateRunKeys: [] };
    for (let start = 0; start < runs.length; start += IMPORT_CHUNK) {
      const chunk = await insertRuns(tx, sweep.id, runs.slice(start, start + IMPORT_CHUNK));
      total.inserted += chunk.inserted;
      total.duplicates += chunk.duplicates;
      total.insertedRunKeys.push(...chunk.insertedRunKeys);
      total.duplicateRunKeys.push(...chunk.duplicateRunKeys);
    }
    return total;
  });
  return { ...result, rows: parsed.runs.length, skipped: parsed.skipped };
}
