import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import { seesMemberEmails } from "../access/member-emails";
import type { TGetTeamInput } from "./team-schemas";

/**
 * One team with its members (email addresses for the team's own members and tokens only), methodologies
 * (with sweep counts) and what the caller may do in it.
 */
export async function getTeam(db: Database, actor: Actor, input: TGetTeamInput) {
  const team = await db.prisma.team.findUnique({
    where: { slug: input.slug },
    select: {
      id: true,
      slug: true,
      name: true,
      createdAt: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: { role: true, user: { select: { id: true, name: true, email: true } } },
      },
      methodologies: {
        orderBy: { name: "asc" },
        select: { id: true, name: true, description: true, synthetic: true, _count: { select: { sweeps: true } } },
      },
    },
  });
  if (!team) throw new AppError("NOT_FOUND", `no team with slug "${input.slug}"`);
  const role =
    actor?.kind === "user" ? (actor.memberships.find((m) => m.teamId === team.id)?.role ?? null) : null;
  const emails = seesMemberEmails(actor, team.id);
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    createdAt: team.createdAt,
    members: team.memberships.map((m) => ({ userId: m.user.id, name: m.user.name, email: emails ? m.user.email : null, role: m.role })),
    methodologies: team.methodologies.map((m) => ({
      id: m.id,
      name: m.name,
      description: m.description,
      synthetic: m.synthetic,
      sweepCount: m._count.sweeps,
    })),
    viewer: {
      role,
      canWrite: role !== null || (actor?.kind === "token" && actor.teamId === team.id),
      canManage: role === "owner",
    },
  };
}
