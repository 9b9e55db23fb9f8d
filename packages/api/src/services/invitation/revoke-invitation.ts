import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import { assertOwner } from "../access/assert-access";
import type { TRevokeInvitationInput } from "./schemas";

/** Revokes an invitation that was not used yet (owners of its team only); its code is refused from then on. */
export async function revokeInvitation(db: Database, actor: Actor, input: TRevokeInvitationInput) {
  const invitation = await db.prisma.invitation.findUnique({ where: { id: input.invitationId }, select: { teamId: true, acceptedAt: true, revokedAt: true } });
  if (!invitation) throw new AppError("NOT_FOUND", `invitation ${input.invitationId} does not exist`);
  await assertOwner({ db, actor }, invitation.teamId);
  if (invitation.acceptedAt) throw new AppError("CONFLICT", "this invitation was already used; remove the member instead");
  const revokedAt = invitation.revokedAt ?? new Date();
  await db.prisma.invitation.update({ where: { id: input.invitationId }, data: { revokedAt } });
  return { id: input.invitationId, revokedAt };
}
