import type { TRPCRouterRecord } from "@trpc/server";
import { createFit } from "../services/fit/create-fit";
import { getFit } from "../services/fit/get-fit";
import { getLatestFit, ZLatestFitOutput } from "../services/fit/get-latest-fit";
import { listFitHistory } from "../services/fit/list-fit-history";
import { listPlannableFits, ZListPlannableFitsOutput } from "../services/fit/list-plannable-fits";
import { requestFit, ZRequestFitInput } from "../services/fit/request-fit";
import { ZCreateFitInput, ZCreateFitOutput, ZFit, ZFitHistoryInput, ZGetFitInput, ZLatestFitInput, ZListFitHistoryOutput } from "../services/fit/schemas";
import { protectedProcedure } from "../trpc";

export const fitRouter = {
  create: protectedProcedure
    .input(ZCreateFitInput)
    .output(ZCreateFitOutput)
    .mutation(({ ctx, input }) => createFit(ctx, ctx.pool, input)),
  /** A law no job fits, asked for by a reader (the Sweep page's law picker): computed in this write. */
  request: protectedProcedure.input(ZRequestFitInput).output(ZLatestFitOutput).mutation(({ ctx, input }) => requestFit(ctx.db, ctx.pool, input)),
  // No .output(): a hot cached read, checked against ZLatestFitOutput once when cached (getLatestFit); a parse per request would cost more than the read and copy the frozen answer whose wire text is cached.
  latest: protectedProcedure.input(ZLatestFitInput).query(({ ctx, input }) => getLatestFit(ctx.db, input)),
  history: protectedProcedure.input(ZFitHistoryInput).output(ZListFitHistoryOutput).query(({ ctx, input }) => listFitHistory(ctx.db, input.sweepId)),
  get: protectedProcedure.input(ZGetFitInput).output(ZFit).query(({ ctx, input }) => getFit(ctx.db, input.fitId)),
  plannable: protectedProcedure.output(ZListPlannableFitsOutput).query(({ ctx }) => listPlannableFits(ctx.db)),
} satisfies TRPCRouterRecord;
