import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";

/**
 * The team a by-name request means: the team with slug `team`, else the API token's own team. A signed-in
 * person (who may belong to several teams) names it. 404 for an unknown slug.
 */
export async function resolveTeam(db: Database, actor: Actor, team: string | undefined): Promise<{ id: string; name: string }> {
  if (team === undefined) {
    if (actor?.kind !== "token") {
      const message = 'team: name the team (its slug, "team") when not calling with an API token';
      throw new AppError("BAD_REQUEST", message, [{ path: "team", message }]);
    }
    // A token goes with its team (deleted with it), so the team is there.
    return db.prisma.team.findUniqueOrThrow({ where: { id: actor.teamId }, select: { id: true, name: true } });
  }
  const found = await db.prisma.team.findUnique({ where: { slug: team }, select: { id: true, name: true } });
  if (!found) {
    const message = `team: no team "${team}"`;
    throw new AppError("NOT_FOUND", message, [{ path: "team", message }]);
  }
  return found;
}

/** The id of methodology `name` of a team; 404 naming it and the team when there is none. */
export async function findMethodologyId(db: Database, team: { id: string; name: string }, name: string): Promise<string> {
  const methodology = await db.prisma.methodology.findUnique({ where: { teamId_name: { teamId: team.id, name } }, select: { id: true } });
  if (!methodology) throw new AppError("NOT_FOUND", `no methodology "${name}" in team "${team.name}"`);
  return methodology.id;
}
