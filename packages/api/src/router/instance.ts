import type { TRPCRouterRecord } from "@trpc/server";
import { getSignUpPolicy } from "../services/instance/get-sign-up-policy";
import { ZGetSignUpPolicyOutput, ZSetSignUpPolicyInput, ZSetSignUpPolicyOutput } from "../services/instance/schemas";
import { setSignUpPolicy } from "../services/instance/set-sign-up-policy";
import { protectedProcedure } from "../trpc";

export const instanceRouter = {
  signUpPolicy: protectedProcedure.output(ZGetSignUpPolicyOutput).query(({ ctx }) => getSignUpPolicy(ctx.db, ctx.actor)),
  /** The instance admin only (403 for everyone else). */
  setSignUpPolicy: protectedProcedure
    .input(ZSetSignUpPolicyInput)
    .output(ZSetSignUpPolicyOutput)
    .mutation(({ ctx, input }) => setSignUpPolicy(ctx.db, ctx.actor, input)),
} satisfies TRPCRouterRecord;
