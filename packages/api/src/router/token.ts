import type { TRPCRouterRecord } from "@trpc/server";
import { createToken, ZCreateTokenInput, ZCreateTokenOutput } from "../services/token/create-token";
import { listTokens, ZListTokensInput } from "../services/token/list-tokens";
import { revokeToken, ZRevokeTokenInput } from "../services/token/revoke-token";
import { protectedProcedure } from "../trpc";

export const tokenRouter = {
  list: protectedProcedure.input(ZListTokensInput).query(({ ctx, input }) => listTokens(ctx.db, ctx.actor, input)),
  /** The plaintext `token` is in this answer only; store it where the training job can read it. */
  create: protectedProcedure
    .input(ZCreateTokenInput)
    .output(ZCreateTokenOutput)
    .mutation(({ ctx, input }) => createToken(ctx.db, ctx.actor, input)),
  revoke: protectedProcedure.input(ZRevokeTokenInput).mutation(({ ctx, input }) => revokeToken(ctx.db, ctx.actor, input)),
} satisfies TRPCRouterRecord;
