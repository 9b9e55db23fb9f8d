import type { TRPCRouterRecord } from "@trpc/server";
import { addMember, ZAddMemberInput } from "../services/member/add-member";
import { listMembers, ZListMembersInput } from "../services/member/list-members";
import { removeMember, ZRemoveMemberInput } from "../services/member/remove-member";
import { protectedProcedure } from "../trpc";

export const memberRouter = {
  list: protectedProcedure.input(ZListMembersInput).query(({ ctx, input }) => listMembers(ctx.db, input)),
  add: protectedProcedure.input(ZAddMemberInput).mutation(({ ctx, input }) => addMember(ctx.db, ctx.actor, input)),
  remove: protectedProcedure.input(ZRemoveMemberInput).mutation(({ ctx, input }) => removeMember(ctx.db, ctx.actor, input)),
} satisfies TRPCRouterRecord;
