import type { Database } from "@scalecast/db";
import type { Actor } from "../access/actor";
import { assertOwner } from "../access/assert-access";
import type { TListTokensInput } from "./schemas";

/** A team's API tokens, newest first, without secrets (owners only: they manage them). */
export async function listTokens(db: Database, actor: Actor, input: TListTokensInput) {
  await assertOwner({ db, actor }, input.teamId);
  const tokens = await db.prisma.apiToken.findMany({
    where: { teamId: input.teamId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { name: true, email: true } },
    },
  });
  return tokens.map(({ createdBy, ...token }) => ({ ...token, createdBy: createdBy?.email ?? null, active: token.revokedAt === null }));
}
