import type { TRPCRouterRecord } from "@trpc/server";
import { createToken } from "../services/token/create-token";
import { listTokens } from "../services/token/list-tokens";
import { revokeToken } from "../services/token/revoke-token";
import {
  ZCreateTokenInput,
  ZCreateTokenOutput,
  ZListTokensInput,
  ZListTokensOutput,
  ZRevokeTokenInput,
  ZRevokeTokenOutput,
} from "../services/token/schemas";
import { protectedProcedure } from "../trpc";

export const tokenRouter = {
  list: protectedProcedure.input(ZListTokensInput).output(ZListTokensOutput).query(({ ctx, input }) => listTokens(ctx.db, ctx.actor, input)),
  /** The plaintext `token` is in this answer only; store it where the training job can read it. */
  create: protectedProcedure
    .input(ZCreateTokenInput)
    .output(ZCreateTokenOutput)
    .mutation(({ ctx, input }) => createToken(ctx.db, ctx.actor, input)),
  revoke: protectedProcedure
    .input(ZRevokeTokenInput)
    .output(ZRevokeTokenOutput)
    .mutation(({ ctx, input }) => revokeToken(ctx.db, ctx.actor, input)),
} satisfies TRPCRouterRecord;
