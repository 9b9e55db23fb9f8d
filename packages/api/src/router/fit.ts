import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { createFit } from "../services/fit/create-fit";
import { getFit } from "../services/fit/get-fit";
import { getLatestFit } from "../services/fit/get-latest-fit";
import { listFitHistory } from "../services/fit/list-fit-history";
import { listPlannableFits, ZListPlannableFitsOutput } from "../services/fit/list-plannable-fits";
import { ZCreateFitInput, ZFit, ZFitHistoryInput, ZFitListItem, ZGetFitInput, ZLatestFitInput } from "../services/fit/schemas";
import { protectedProcedure } from "../trpc";
import { getTaskPool } from "../workers/pool";

export const fitRouter = {
  create: protectedProcedure
    .input(ZCreateFitInput)
    .output(ZFit.extend({ computed: z.boolean() }))
    .mutation(({ ctx, input }) => createFit(ctx, getTaskPool(), input)),
  // No .output(): getLatestFit checks its answer against ZFit once, when it caches it (see there).
  latest: protectedProcedure.input(ZLatestFitInput).query(({ ctx, input }) => getLatestFit(ctx.db, getTaskPool(), input)),
  history: protectedProcedure.input(ZFitHistoryInput).output(z.array(ZFitListItem)).query(({ ctx, input }) => listFitHistory(ctx.db, input.sweepId)),
  get: protectedProcedure.input(ZGetFitInput).output(ZFit).query(({ ctx, input }) => getFit(ctx.db, input.fitId)),
  plannable: protectedProcedure.output(ZListPlannableFitsOutput).query(({ ctx }) => listPlannableFits(ctx.db, getTaskPool())),
} satisfies TRPCRouterRecord;
