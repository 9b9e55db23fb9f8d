import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import { assertOwner, SIGN_IN_MESSAGE } from "../access/assert-access";
import type { TRevokeTokenInput } from "./schemas";

/** Revokes a token (owners of its team only); it is refused from then on. Revoking twice keeps the first time. */
export async function revokeToken(db: Database, actor: Actor, input: TRevokeTokenInput) {
  if (!actor) throw new AppError("UNAUTHORIZED", SIGN_IN_MESSAGE);
  const token = await db.prisma.apiToken.findUnique({ where: { id: input.tokenId }, select: { id: true, teamId: true, revokedAt: true } });
  if (!token) throw new AppError("NOT_FOUND", `API token ${input.tokenId} does not exist`);
  await assertOwner({ db, actor }, token.teamId);
  if (token.revokedAt) return { id: token.id, revokedAt: token.revokedAt };
  // Only the first revocation sets the time, even when two owners revoke at once.
  await db.prisma.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: new Date() } });
  const revoked = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id }, select: { id: true, revokedAt: true } });
  return { id: revoked.id, revokedAt: revoked.revokedAt! };
}
