import type { TRPCRouterRecord } from "@trpc/server";
import { importRuns, ZImportRunsInput, ZImportRunsOutput } from "../services/import/import-runs";
import { ingestRuns, ZIngestRunsInput } from "../services/run/ingest-runs";
import { ZIngestResult } from "../services/run/run-schemas";
import { protectedProcedure } from "../trpc";

export const runRouter = {
  /** A batch of runs, all or nothing; run keys the sweep already has come back as duplicates. */
  ingest: protectedProcedure
    .input(ZIngestRunsInput)
    .output(ZIngestResult)
    .mutation(({ ctx, input }) => ingestRuns(ctx.db, ctx.actor, input)),
  /** A CSV, JSON, JSONL or W&B CSV file's text, all or nothing, bad rows named by row number. */
  import: protectedProcedure
    .input(ZImportRunsInput)
    .output(ZImportRunsOutput)
    .mutation(({ ctx, input }) => importRuns(ctx.db, ctx.actor, input)),
} satisfies TRPCRouterRecord;
