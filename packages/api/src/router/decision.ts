import type { TRPCRouterRecord } from "@trpc/server";
import { createDecision } from "../services/decision/create-decision";
import { listDecisions } from "../services/decision/list-decisions";
import { ZCreateDecisionInput, ZListDecisionsInput } from "../services/decision/schemas";
import { protectedProcedure } from "../trpc";

export const decisionRouter = {
  create: protectedProcedure.input(ZCreateDecisionInput).mutation(({ ctx, input }) => createDecision(ctx, input)),
  list: protectedProcedure.input(ZListDecisionsInput).query(({ ctx, input }) => listDecisions(ctx.db, input)),
} satisfies TRPCRouterRecord;
