import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import { seesMemberEmails } from "../access/member-emails";
import type { TListMembersInput } from "./schemas";

/** A team's members, oldest first. Readable by everyone signed in; email addresses by the team's own members and tokens only. */
export async function listMembers(db: Database, actor: Actor, input: TListMembersInput) {
  const team = await db.prisma.team.findUnique({ where: { id: input.teamId }, select: { id: true } });
  if (!team) throw new AppError("NOT_FOUND", `team ${input.teamId} does not exist`);
  const memberships = await db.prisma.membership.findMany({
    where: { teamId: input.teamId },
    orderBy: { createdAt: "asc" },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  const emails = seesMemberEmails(actor, input.teamId);
  return memberships.map((m) => ({ userId: m.user.id, name: m.user.name, email: emails ? m.user.email : null, role: m.role, since: m.createdAt }));
}
