import type { Database } from "@scalecast/db";
import { getAuth } from "../../auth";
import { AppError } from "../../errors";
import type { Actor } from "./actor";
import { hashApiToken } from "./api-token-secret";

/** lastUsedAt is written at most this often per token, so a busy training job does not write on every call. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Who sent a request: an `Authorization: Bearer <token>` header wins (API token, looked up by its
 * SHA-256), else better-auth's session cookie, else nobody (null).
 * Throws AppError UNAUTHORIZED for a bearer token that is unknown, revoked, or malformed.
 */
export async function resolveActor(db: Database, headers: Headers, now: Date = new Date()): Promise<Actor> {
  const authorization = headers.get("authorization");
  if (authorization !== null && authorization.trim() !== "") return resolveToken(db, authorization, now);
  if (!headers.get("cookie")) return null;
  const auth = await getAuth(db);
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const memberships = await db.prisma.membership.findMany({
    where: { userId: session.user.id },
    select: { teamId: true, role: true },
  });
  return {
    kind: "user",
    user: { id: session.user.id, email: session.user.email, name: session.user.name },
    memberships,
  };
}

async function resolveToken(db: Database, authorization: string, now: Date): Promise<Actor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  if (!match?.[1]) throw new AppError("UNAUTHORIZED", 'the Authorization header must be "Bearer <API token>"');
  const token = await db.prisma.apiToken.findUnique({
    where: { tokenHash: hashApiToken(match[1]) },
    select: { id: true, teamId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!token) throw new AppError("UNAUTHORIZED", "this API token is not valid");
  if (token.revokedAt) throw new AppError("UNAUTHORIZED", "this API token was revoked");
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return { kind: "token", tokenId: token.id, teamId: token.teamId };
}
