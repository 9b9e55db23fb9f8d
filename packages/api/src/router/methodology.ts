import type { TRPCRouterRecord } from "@trpc/server";
import { createMethodology, ZCreateMethodologyInput } from "../services/methodology/create-methodology";
import { listMethodologies, ZListMethodologiesInput } from "../services/methodology/list-methodologies";
import { protectedProcedure } from "../trpc";

export const methodologyRouter = {
  list: protectedProcedure.input(ZListMethodologiesInput).query(({ ctx, input }) => listMethodologies(ctx.db, input)),
  create: protectedProcedure
    .input(ZCreateMethodologyInput)
    .mutation(({ ctx, input }) => createMethodology(ctx.db, ctx.actor, input)),
} satisfies TRPCRouterRecord;
