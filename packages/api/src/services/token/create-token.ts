import type { Database } from "@scalecast/db";
import type { Actor } from "../access/actor";
import { API_TOKEN_PREFIX_LENGTH, generateApiTokenSecret, hashApiToken } from "../access/api-token-secret";
import { assertOwner } from "../access/assert-access";
import type { TCreateTokenInput } from "./schemas";

/**
 * Creates an API token for a team (owners only). The plaintext is returned this once; only its
 * SHA-256 and its first characters (to recognise it in lists) are stored.
 */
export async function createToken(db: Database, actor: Actor, input: TCreateTokenInput) {
  await assertOwner({ db, actor }, input.teamId);
  const secret = generateApiTokenSecret();
  const created = await db.prisma.apiToken.create({
    data: {
      name: input.name,
      prefix: secret.slice(0, API_TOKEN_PREFIX_LENGTH),
      tokenHash: hashApiToken(secret),
      teamId: input.teamId,
      createdById: actor?.kind === "user" ? actor.user.id : null,
    },
    select: { id: true, prefix: true, name: true },
  });
  return { token: secret, ...created };
}
