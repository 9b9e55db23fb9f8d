import type { TRPCRouterRecord } from "@trpc/server";
import { createSweep, ZCreateSweepInput } from "../services/sweep/create-sweep";
import { getSweep, ZGetSweepInput } from "../services/sweep/get-sweep";
import { listSweeps, ZListSweepsInput } from "../services/sweep/list-sweeps";
import { setMetricBounded, ZSetMetricBoundedInput } from "../services/sweep/set-metric-bounded";
import { pinSweepModel, ZPinSweepModelInput } from "../services/sweep/pin-sweep-model";
import { ZCreateSweepOutput, ZSweepFields, ZListSweepsOutput, type TGetSweepOutput } from "../services/sweep/sweep-schemas";
import { protectedProcedure, sweepWriteProcedure } from "../trpc";

export const sweepRouter = {
  list: protectedProcedure.input(ZListSweepsInput).output(ZListSweepsOutput).query(({ ctx, input }) => listSweeps(ctx.db, input)),
  // No .output(): a hot cached read (getSweep); a parse per request would cost more than the read and copy the frozen answer whose wire text is cached.
  get: protectedProcedure.input(ZGetSweepInput).query(({ ctx, input }): Promise<TGetSweepOutput> => getSweep(ctx.db, input)),
  create: protectedProcedure
    .input(ZCreateSweepInput)
    .output(ZCreateSweepOutput)
    .mutation(({ ctx, input }) => createSweep(ctx.db, ctx.actor, input)),
  /** Marks the sweep's metric bounded to [0, 1], not bounded, or (null) bounded by its name. */
  setMetricBounded: sweepWriteProcedure
    .input(ZSetMetricBoundedInput)
    .output(ZCreateSweepOutput)
    .mutation(({ ctx, input }) => setMetricBounded(ctx.db, ctx.actor, input)),
  pinModel: sweepWriteProcedure
    .input(ZPinSweepModelInput)
    .output(ZSweepFields)
    .mutation(({ ctx, input }) => pinSweepModel(ctx.db, ctx.actor, input)),
} satisfies TRPCRouterRecord;
