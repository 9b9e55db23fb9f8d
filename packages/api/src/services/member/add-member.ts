import { isUniqueViolation, type Database } from "@scalecast/db";
import type { z } from "zod";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import { assertOwner } from "../access/assert-access";
import type { ZAddMemberInput } from "./schemas";

/** Adds an existing account to a team (owners only). The account must exist (sign-up or `scalecast users create`). */
export async function addMember(db: Database, actor: Actor, input: z.output<typeof ZAddMemberInput>) {
  await assertOwner({ db, actor }, input.teamId);
  const user = await db.prisma.user.findUnique({ where: { email: input.email }, select: { id: true, name: true, email: true } });
  if (!user) {
    throw new AppError("NOT_FOUND", `no account with email ${input.email}; they sign up first (or an admin runs scalecast users create)`);
  }
  try {
    await db.prisma.membership.create({ data: { teamId: input.teamId, userId: user.id, role: input.role } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `${input.email} is already a member of this team`);
    throw error;
  }
  return { userId: user.id, name: user.name, email: user.email, role: input.role };
}
