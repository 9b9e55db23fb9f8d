import type { Database } from "@scalecast/db";
import { cookieTransport, getAuth } from "../../auth";
import { AppError } from "../../errors";
import { FreshReads } from "../cache/fresh-reads";
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
  const auth = await getAuth(db, cookieTransport(headers));
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

type TokenRow = { id: string; teamId: string; revoked: boolean };

const tokenReads = new FreshReads<TokenRow | undefined>();

/**
 * Looks a token up by its hash (one plain query by the unique index) and, at most once a minute per
 * token, records when it was last used. Concurrent requests with the same token share lookups that
 * started after they arrived (FreshReads): a training job's parallel batches cost one query, and a revoked
 * token is refused from the first request after the revocation.
 */
function lookUpToken(db: Database, tokenHash: string, now: Date): Promise<TokenRow | undefined> {
  return tokenReads.read(db, tokenHash, async () => {
    // Times are compared in SQL (stored without zone, in UTC) so the process's time zone never matters.
    const [token] = await db.sql.query<TokenRow & { stale: boolean }>(
      `SELECT "id", "teamId", "revokedAt" IS NOT NULL AS "revoked",
              ("lastUsedAt" IS NULL OR "lastUsedAt" <= $2::timestamp) AS "stale"
       FROM "ApiToken" WHERE "tokenHash" = $1`,
      [tokenHash, new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString()],
    );
    if (token?.stale && !token.revoked) await db.prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    return token && { id: token.id, teamId: token.teamId, revoked: token.revoked };
  });
}

async function resolveToken(db: Database, authorization: string, now: Date): Promise<Actor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  if (!match?.[1]) throw new AppError("UNAUTHORIZED", 'the Authorization header must be "Bearer <API token>"');
  const token = await lookUpToken(db, hashApiToken(match[1]), now);
  if (!token) throw new AppError("UNAUTHORIZED", "this API token is not valid");
  if (token.revoked) throw new AppError("UNAUTHORIZED", "this API token was revoked");
  return { kind: "token", tokenId: token.id, teamId: token.teamId };
}
