import type { Database } from "@scalecast/db";
import type { Actor } from "../src";
import { insertToken, signUp, unique } from "./helpers";

/**
 * Two teams (A and B) with an owner and a member in A, an owner in B, an outsider, and tokens:
 * A's, B's and a revoked one of A. A has a methodology with a two-axis sweep.
 */
export async function buildWorld(db: Database) {
  const tag = unique("w").toLowerCase();
  const mk = async (who: string) => signUp(db, `${who}-${tag}@example.com`, "correct horse battery", who);
  const [ownerA, memberA, ownerB, outsider] = [await mk("owner-a"), await mk("member-a"), await mk("owner-b"), await mk("outsider")];
  const teamA = await db.prisma.team.create({ data: { slug: `a-${tag}`, name: `Alpha ${tag}` } });
  const teamB = await db.prisma.team.create({ data: { slug: `b-${tag}`, name: `Beta ${tag}` } });
  await db.prisma.membership.createMany({
    data: [
      { teamId: teamA.id, userId: ownerA.user.id, role: "owner" },
      { teamId: teamA.id, userId: memberA.user.id, role: "member" },
      { teamId: teamB.id, userId: ownerB.user.id, role: "owner" },
    ],
  });
  const tokenA = await insertToken(db, teamA.id);
  const tokenB = await insertToken(db, teamB.id);
  const revokedA = await insertToken(db, teamA.id, { revoked: true });
  const methodology = await db.prisma.methodology.create({ data: { teamId: teamA.id, name: "web crawl v2" } });
  const sweep = await db.prisma.sweep.create({
    data: { methodologyId: methodology.id, name: "N×D grid", axes: ["N", "D"], metric: "loss", direction: "lower" },
  });
  const user = (u: { user: { id: string; email: string; name: string } }, memberships: { teamId: string; role: "owner" | "member" }[]): Actor => ({
    kind: "user",
    user: u.user,
    memberships,
  });
  const actors = {
    anonymous: null,
    outsider: user(outsider, []),
    member: user(memberA, [{ teamId: teamA.id, role: "member" }]),
    owner: user(ownerA, [{ teamId: teamA.id, role: "owner" }]),
    ownerOfB: user(ownerB, [{ teamId: teamB.id, role: "owner" }]),
    tokenA: { kind: "token", tokenId: tokenA.token.id, teamId: teamA.id },
    tokenB: { kind: "token", tokenId: tokenB.token.id, teamId: teamB.id },
  } satisfies Record<string, Actor>;
  return { tag, teamA, teamB, ownerA, memberA, ownerB, outsider, tokenA, tokenB, revokedA, methodology, sweep, actors };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

/** A valid run for the world's N×D sweep. */
export function runFor(key: string, n = 1e8, d = 2e9, loss = 3.1) {
  return { runKey: key, scales: { N: n, D: d }, metrics: { loss } };
}
