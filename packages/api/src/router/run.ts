import type { TRPCRouterRecord } from "@trpc/server";
import { importRuns, ZImportRunsInput, ZImportRunsOutput } from "../services/import/import-runs";
import { deleteRun } from "../services/run/delete-run";
import { excludeRun } from "../services/run/exclude-run";
import { includeRun } from "../services/run/include-run";
import { ingestRuns, ZIngestRunsInput } from "../services/run/ingest-runs";
import { listRunEvents, ZListRunEventsInput } from "../services/run/list-run-events";
import { ZDeleteRunInput, ZExcludeRunInput, ZIngestResult, ZRunEvent, ZRunTarget } from "../services/run/run-schemas";
import { protectedProcedure, sweepWriteProcedure } from "../trpc";

export const runRouter = {
  /** A batch of runs, all or nothing; run keys the sweep already has come back as duplicates. */
  ingest: sweepWriteProcedure
    .input(ZIngestRunsInput)
    .output(ZIngestResult)
    .mutation(({ ctx, input }) => ingestRuns(ctx.db, ctx.actor, input)),
  /** A CSV, JSON, JSONL or W&B CSV file's text, all or nothing, bad rows named by row number. */
  import: sweepWriteProcedure
    .input(ZImportRunsInput)
    .output(ZImportRunsOutput)
    .mutation(({ ctx, input }) => importRuns(ctx.db, ctx.actor, input)),
  /** Excludes a run from fits, with a reason; it stays listed and drawn hollow. */
  exclude: sweepWriteProcedure
    .input(ZExcludeRunInput)
    .output(ZRunEvent)
    .mutation(({ ctx, input }) => excludeRun(ctx.db, ctx.actor, input)),
  /** Includes an excluded run in fits again. */
  include: sweepWriteProcedure
    .input(ZRunTarget)
    .output(ZRunEvent)
    .mutation(({ ctx, input }) => includeRun(ctx.db, ctx.actor, input)),
  /** Deletes a run; the trail keeps who deleted it, when, why and its values. */
  delete: sweepWriteProcedure
    .input(ZDeleteRunInput)
    .output(ZRunEvent)
    .mutation(({ ctx, input }) => deleteRun(ctx.db, ctx.actor, input)),
  /** A sweep's trail of exclusions, inclusions and deletions, newest first. */
  events: protectedProcedure
    .input(ZListRunEventsInput)
    .output(ZRunEvent.array())
    .query(({ ctx, input }) => listRunEvents(ctx.db, input)),
} satisfies TRPCRouterRecord;
