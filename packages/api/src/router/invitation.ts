import type { TRPCRouterRecord } from "@trpc/server";
import { createInvitation } from "../services/invitation/create-invitation";
import { listInvitations } from "../services/invitation/list-invitations";
import { revokeInvitation } from "../services/invitation/revoke-invitation";
import {
  ZCreateInvitationInput,
  ZCreateInvitationOutput,
  ZListInvitationsInput,
  ZListInvitationsOutput,
  ZRevokeInvitationInput,
  ZRevokeInvitationOutput,
} from "../services/invitation/schemas";
import { protectedProcedure } from "../trpc";

export const invitationRouter = {
  list: protectedProcedure
    .input(ZListInvitationsInput)
    .output(ZListInvitationsOutput)
    .query(({ ctx, input }) => listInvitations(ctx.db, ctx.actor, input)),
  /** The `code` is in this answer only; the invitee signs up with it (the sign-in page's ?invitation=<code>). */
  create: protectedProcedure
    .input(ZCreateInvitationInput)
    .output(ZCreateInvitationOutput)
    .mutation(({ ctx, input }) => createInvitation(ctx.db, ctx.actor, input)),
  revoke: protectedProcedure
    .input(ZRevokeInvitationInput)
    .output(ZRevokeInvitationOutput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.actor, input)),
} satisfies TRPCRouterRecord;
