import type { TRPCRouterRecord } from "@trpc/server";
import { createMethodology } from "../services/methodology/create-methodology";
import { listMethodologies } from "../services/methodology/list-methodologies";
import {
  ZCreateMethodologyInput,
  ZCreateMethodologyOutput,
  ZListMethodologiesInput,
  ZListMethodologiesOutput,
} from "../services/methodology/schemas";
import { protectedProcedure } from "../trpc";

export const methodologyRouter = {
  list: protectedProcedure
    .input(ZListMethodologiesInput)
    .output(ZListMethodologiesOutput)
    .query(({ ctx, input }) => listMethodologies(ctx.db, input)),
  create: protectedProcedure
    .input(ZCreateMethodologyInput)
    .output(ZCreateMethodologyOutput)
    .mutation(({ ctx, input }) => createMethodology(ctx.db, ctx.actor, input)),
} satisfies TRPCRouterRecord;
