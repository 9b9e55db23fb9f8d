import type { TRPCRouterRecord } from "@trpc/server";
import { createDecision } from "../services/decision/create-decision";
import { listDecisions } from "../services/decision/list-decisions";
import { ZCreateDecisionInput, ZCreateDecisionOutput, ZListDecisionsInput, ZListDecisionsOutput } from "../services/decision/schemas";
import { protectedProcedure } from "../trpc";

export const decisionRouter = {
  create: protectedProcedure
    .input(ZCreateDecisionInput)
    .output(ZCreateDecisionOutput)
    .mutation(({ ctx, input }) => createDecision(ctx, input)),
  list: protectedProcedure.input(ZListDecisionsInput).output(ZListDecisionsOutput).query(({ ctx, input }) => listDecisions(ctx.db, input)),
} satisfies TRPCRouterRecord;
