import { isUniqueViolation, type Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import { SIGN_IN_MESSAGE } from "../access/assert-access";
import type { TCreateTeamInput } from "./team-schemas";

/** Creates a team; the signed-in creator becomes its owner. API tokens cannot create teams. */
export async function createTeam(db: Database, actor: Actor, input: TCreateTeamInput) {
  if (!actor) throw new AppError("UNAUTHORIZED", SIGN_IN_MESSAGE);
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "API tokens cannot create teams; sign in to create one");
  try {
    return await db.prisma.team.create({
      data: { slug: input.slug, name: input.name, memberships: { create: { userId: actor.user.id, role: "owner" } } },
      select: { id: true, slug: true, name: true, createdAt: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `a team with slug "${input.slug}" already exists`);
    throw error;
  }
}
