import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import { assertOwner } from "../access/assert-access";
import { generateInvitationCode, hashInvitationCode } from "../access/invitation-code";
import { INVITATION_LIFETIME_DAYS, type TCreateInvitationInput } from "./schemas";

const DAY_MS = 86_400_000;

/**
 * Invites an email address to a team (owners only): the invitee signs up with that address and the code,
 * whatever the sign-up policy, and joins the team with `role`. The code is returned this once; only its
 * SHA-256 is stored. An address that already has an account is added with member.add instead (CONFLICT).
 */
export async function createInvitation(db: Database, actor: Actor, input: TCreateInvitationInput, now = new Date()) {
  await assertOwner({ db, actor }, input.teamId);
  if (await db.prisma.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new AppError("CONFLICT", `${input.email} already has an account; add it to the team as a member instead`);
  }
  const code = generateInvitationCode();
  const invitation = await db.prisma.invitation.create({
    data: {
      teamId: input.teamId,
      email: input.email,
      role: input.role,
      codeHash: hashInvitationCode(code),
      createdById: actor?.kind === "user" ? actor.user.id : null,
      expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_DAYS * DAY_MS),
    },
    select: { id: true, teamId: true, email: true, role: true, createdAt: true, expiresAt: true },
  });
  return { ...invitation, code };
}
