import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { Actor } from "./actor";

/** The message every procedure that needs a caller gives to anonymous requests. */
export const SIGN_IN_MESSAGE = "sign in to use Scalecast";

interface AccessContext {
  db: Database;
  actor: Actor;
}

async function teamName(db: Database, teamId: string): Promise<string> {
  const team = await db.prisma.team.findUnique({ where: { id: teamId }, select: { name: true } });
  if (!team) throw new AppError("NOT_FOUND", `team ${teamId} does not exist`);
  return team.name;
}

/**
 * Only a team's members and its own API tokens may write to it.
 * Throws 401 for nobody, 404 for an unknown team, 403 naming the team otherwise.
 */
export async function assertCanWrite(ctx: AccessContext, teamId: string): Promise<void> {
  const { actor } = ctx;
  if (!actor) throw new AppError("UNAUTHORIZED", SIGN_IN_MESSAGE);
  // Allowed callers need no query (a member's or token's team exists: foreign keys); refusals name the team.
  if (actor.kind === "token" ? actor.teamId === teamId : actor.memberships.some((m) => m.teamId === teamId)) return;
  const name = await teamName(ctx.db, teamId);
  if (actor.kind === "token") {
    throw new AppError("FORBIDDEN", `this API token belongs to another team and cannot write to team "${name}"`);
  }
  throw new AppError("FORBIDDEN", `you are not a member of team "${name}"; only its members can change it`);
}

/**
 * Only a team's owners (signed in, not through a token) manage its members and API tokens.
 * Throws 401 for nobody, 404 for an unknown team, 403 naming the team otherwise.
 */
export async function assertOwner(ctx: AccessContext, teamId: string): Promise<void> {
  const { actor } = ctx;
  if (!actor) throw new AppError("UNAUTHORIZED", SIGN_IN_MESSAGE);
  if (actor.kind === "user" && actor.memberships.some((m) => m.teamId === teamId && m.role === "owner")) return;
  const name = await teamName(ctx.db, teamId);
  if (actor.kind === "token") {
    throw new AppError("FORBIDDEN", `API tokens cannot manage the members or tokens of team "${name}"; sign in as one of its owners`);
  }
  throw new AppError("FORBIDDEN", `only owners of team "${name}" can manage its members and API tokens`);
}

/** Whether the caller is a signed-in instance admin (API tokens never are). */
export async function isAdmin(db: Database, actor: Actor): Promise<boolean> {
  if (actor?.kind !== "user") return false;
  const user = await db.prisma.user.findUnique({ where: { id: actor.user.id }, select: { isAdmin: true } });
  return user?.isAdmin === true;
}

/**
 * Only the instance admin (signed in) changes instance settings such as who may sign up.
 * Throws 401 for nobody, 403 otherwise.
 */
export async function assertAdmin(ctx: AccessContext): Promise<void> {
  const { actor } = ctx;
  if (!actor) throw new AppError("UNAUTHORIZED", SIGN_IN_MESSAGE);
  if (await isAdmin(ctx.db, actor)) return;
  if (actor.kind === "token") throw new AppError("FORBIDDEN", "API tokens cannot change instance settings; sign in as the instance admin");
  throw new AppError("FORBIDDEN", "only the instance admin can change who may sign up");
}
