import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import { assertOwner } from "../access/assert-access";
import type { TRemoveMemberInput } from "./schemas";

/**
 * Removes a member (owners only). A team always keeps at least one owner: the team's owner rows are locked
 * (FOR UPDATE, in id order so two removals never deadlock) before they are counted, so two owners removing
 * each other at the same moment run one after the other and the second sees one owner left (CONFLICT).
 */
export async function removeMember(db: Database, actor: Actor, input: TRemoveMemberInput) {
  await assertOwner({ db, actor }, input.teamId);
  return db.prisma.$transaction(async (tx) => {
    const owners = await tx.$queryRaw<{ userId: string }[]>`
      SELECT "userId" FROM "Membership" WHERE "teamId" = ${input.teamId} AND "role" = 'owner' ORDER BY "id" FOR UPDATE`;
    const membership = await tx.membership.findUnique({
      where: { userId_teamId: { userId: input.userId, teamId: input.teamId } },
      select: { id: true, role: true },
    });
    if (!membership) throw new AppError("NOT_FOUND", `user ${input.userId} is not a member of this team`);
    if (membership.role === "owner" && owners.length <= 1) {
      throw new AppError("CONFLICT", "a team must keep at least one owner; add another owner first");
    }
    await tx.membership.delete({ where: { id: membership.id } });
    return { removed: true as const, userId: input.userId };
  });
}
