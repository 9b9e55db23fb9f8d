import type { TRPCRouterRecord } from "@trpc/server";
import { createSweep, ZCreateSweepInput } from "../services/sweep/create-sweep";
import { getSweep, ZGetSweepInput } from "../services/sweep/get-sweep";
import { listSweeps, ZListSweepsInput } from "../services/sweep/list-sweeps";
import { protectedProcedure } from "../trpc";

export const sweepRouter = {
  list: protectedProcedure.input(ZListSweepsInput).query(({ ctx, input }) => listSweeps(ctx.db, input)),
  get: protectedProcedure.input(ZGetSweepInput).query(({ ctx, input }) => getSweep(ctx.db, input)),
  create: protectedProcedure.input(ZCreateSweepInput).mutation(({ ctx, input }) => createSweep(ctx.db, ctx.actor, input)),
} satisfies TRPCRouterRecord;
