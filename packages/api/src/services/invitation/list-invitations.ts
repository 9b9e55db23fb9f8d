import type { Database } from "@scalecast/db";
import type { Actor } from "../access/actor";
import { assertOwner } from "../access/assert-access";
import type { TListInvitationsInput } from "./schemas";

/** A team's invitations, newest first, with what became of each (owners only; codes are never shown again). */
export async function listInvitations(db: Database, actor: Actor, input: TListInvitationsInput, now = new Date()) {
  await assertOwner({ db, actor }, input.teamId);
  const rows = await db.prisma.invitation.findMany({
    where: { teamId: input.teamId },
    orderBy: { createdAt: "desc" },
    select: { id: true, teamId: true, email: true, role: true, createdAt: true, expiresAt: true, acceptedAt: true, revokedAt: true, createdBy: { select: { email: true } } },
  });
  return rows.map(({ acceptedAt, revokedAt, createdBy, ...row }) => ({
    ...row,
    createdBy: createdBy?.email ?? null,
    status: acceptedAt ? ("accepted" as const) : revokedAt ? ("revoked" as const) : row.expiresAt <= now ? ("expired" as const) : ("pending" as const),
  }));
}
