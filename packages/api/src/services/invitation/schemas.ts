import { z } from "zod";
import { ZId, ZRole } from "../team/team-schemas";

/** How long an invitation can be accepted. */
export const INVITATION_LIFETIME_DAYS = 7;

export const ZCreateInvitationInput = z.object({
  teamId: ZId,
  email: z.email("email must be an email address").transform((e) => e.toLowerCase()),
  role: ZRole.default("member"),
});
export type TCreateInvitationInput = z.output<typeof ZCreateInvitationInput>;

const ZInvitation = z.object({ id: z.string(), teamId: z.string(), email: z.string(), role: ZRole, createdAt: z.date(), expiresAt: z.date() });

/** The `code` (to hand to the invitee, e.g. as /sign-in?invitation=<code>) is in this answer only. */
export const ZCreateInvitationOutput = ZInvitation.extend({ code: z.string() });
export type TCreateInvitationOutput = z.infer<typeof ZCreateInvitationOutput>;

export const ZListInvitationsInput = z.object({ teamId: ZId });
export type TListInvitationsInput = z.infer<typeof ZListInvitationsInput>;

export const ZInvitationStatus = z.enum(["pending", "accepted", "revoked", "expired"]);

export const ZListInvitationsOutput = z.array(ZInvitation.extend({ status: ZInvitationStatus, createdBy: z.string().nullable() }));
export type TListInvitationsOutput = z.infer<typeof ZListInvitationsOutput>;

export const ZRevokeInvitationInput = z.object({ invitationId: ZId });
export type TRevokeInvitationInput = z.infer<typeof ZRevokeInvitationInput>;

export const ZRevokeInvitationOutput = z.object({ id: z.string(), revokedAt: z.date() });
export type TRevokeInvitationOutput = z.infer<typeof ZRevokeInvitationOutput>;
