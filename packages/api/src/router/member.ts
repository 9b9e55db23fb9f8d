import type { TRPCRouterRecord } from "@trpc/server";
import { addMember } from "../services/member/add-member";
import { listMembers } from "../services/member/list-members";
import { removeMember } from "../services/member/remove-member";
import {
  ZAddMemberInput,
  ZAddMemberOutput,
  ZListMembersInput,
  ZListMembersOutput,
  ZRemoveMemberInput,
  ZRemoveMemberOutput,
} from "../services/member/schemas";
import { protectedProcedure } from "../trpc";

export const memberRouter = {
  list: protectedProcedure.input(ZListMembersInput).output(ZListMembersOutput).query(({ ctx, input }) => listMembers(ctx.db, ctx.actor, input)),
  add: protectedProcedure
    .input(ZAddMemberInput)
    .output(ZAddMemberOutput)
    .mutation(({ ctx, input }) => addMember(ctx.db, ctx.actor, input)),
  remove: protectedProcedure
    .input(ZRemoveMemberInput)
    .output(ZRemoveMemberOutput)
    .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.actor, input)),
} satisfies TRPCRouterRecord;
