import type { TRPCRouterRecord } from "@trpc/server";
import { importRuns, ZImportRunsInput, ZImportRunsOutput } from "../services/import/import-runs";
import { deleteRun } from "../services/run/delete-run";
import { excludeRun } from "../services/run/exclude-run";
import { includeRun } from "../services/run/include-run";
import { ingestRuns, ZIngestRunsInput } from "../services/run/ingest-runs";
import { listRunEvents, ZListRunEventsInput } from "../services/run/list-run-events";
import { ZDeleteRunInput, ZExcludeRunInput, ZIngestResult, ZRunEvent, ZRunTarget } from "../services/run/run-schemas";
import { refitAfter } from "../jobs/fit-queue";
import { protectedProcedure } from "../trpc";

export const runRouter = {
  /** A batch of runs, all or nothing; run keys the sweep already has come back as duplicates. */
  ingest: protectedProcedure
    .input(ZIngestRunsInput)
    .output(ZIngestResult)
    .mutation(async ({ ctx, input }) => refitAfter(ctx.fitJobs, input.sweepId, await ingestRuns(ctx.db, ctx.actor, input))),
  /** A CSV, JSON, JSONL or W&B CSV file's text, all or nothing, bad rows named by row number. */
  import: protectedProcedure
    .input(ZImportRunsInput)
    .output(ZImportRunsOutput)
    .mutation(async ({ ctx, input }) => refitAfter(ctx.fitJobs, input.sweepId, await importRuns(ctx.db, ctx.actor, input))),
  /** Excludes a run from fits, with a reason; it stays listed and drawn hollow. */
  exclude: protectedProcedure
    .input(ZExcludeRunInput)
    .output(ZRunEvent)
    .mutation(async ({ ctx, input }) => refitAfter(ctx.fitJobs, input.sweepId, await excludeRun(ctx.db, ctx.actor, input))),
  /** Includes an excluded run in fits again. */
  include: protectedProcedure
    .input(ZRunTarget)
    .output(ZRunEvent)
    .mutation(async ({ ctx, input }) => refitAfter(ctx.fitJobs, input.sweepId, await includeRun(ctx.db, ctx.actor, input))),
  /** Deletes a run; the trail keeps who deleted it, when, why and its values. */
  delete: protectedProcedure
    .input(ZDeleteRunInput)
    .output(ZRunEvent)
    .mutation(async ({ ctx, input }) => refitAfter(ctx.fitJobs, input.sweepId, await deleteRun(ctx.db, ctx.actor, input))),
  /** A sweep's trail of exclusions, inclusions and deletions, newest first. */
  events: protectedProcedure
    .input(ZListRunEventsInput)
    .output(ZRunEvent.array())
    .query(({ ctx, input }) => listRunEvents(ctx.db, input)),
} satisfies TRPCRouterRecord;
