import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { TListMembersInput } from "./schemas";

/** A team's members, oldest first. Readable by everyone signed in. */
export async function listMembers(db: Database, input: TListMembersInput) {
  const team = await db.prisma.team.findUnique({ where: { id: input.teamId }, select: { id: true } });
  if (!team) throw new AppError("NOT_FOUND", `team ${input.teamId} does not exist`);
  const memberships = await db.prisma.membership.findMany({
    where: { teamId: input.teamId },
    orderBy: { createdAt: "asc" },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  return memberships.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role, since: m.createdAt }));
}
