/**
 * A team never loses its last owner, even when two owners remove each other at the same moment on a
 * PostgreSQL server (where the two removals really run in parallel, on two connections).
 */
import { describe, expect, inject, it } from "vitest";
import { testDatabaseTargets } from "@scalecast/db/testing";
import type { Database } from "@scalecast/db";
import { callerFor, openForSuite, unique, userActor } from "./helpers";

const TRIALS = 40;
const LAST_OWNER = "a team must keep at least one owner; add another owner first";

const server = testDatabaseTargets(inject("postgresUrl")).filter((t) => t.kind === "postgres");

describe.skipIf(server.length === 0).each(server)("member.remove on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => (db = opened));

  /** A team with two owners, each with a caller acting as them. */
  async function twoOwners() {
    const team = await db.prisma.team.create({ data: { slug: unique("duo").toLowerCase(), name: "Duo" } });
    const people = await Promise.all(
      ["a", "b"].map(async (label) => {
        const user = await db.prisma.user.create({ data: { id: unique(label), email: `${unique(label)}@example.com`, name: label } });
        await db.prisma.membership.create({ data: { teamId: team.id, userId: user.id, role: "owner" } });
        return { user, api: callerFor(db, userActor(user, [{ teamId: team.id, role: "owner" }])) };
      }),
    );
    return { team, a: people[0]!, b: people[1]! };
  }

  it(`two owners removing each other at once: one removal wins, the other answers CONFLICT, the team keeps an owner (${TRIALS} trials)`, async () => {
    const outcomes: { owners: number; removed: number; refused: { code: string; message: string }[] }[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const { team, a, b } = await twoOwners();
      const results = await Promise.allSettled([
        a.api.member.remove({ teamId: team.id, userId: b.user.id }),
        b.api.member.remove({ teamId: team.id, userId: a.user.id }),
      ]);
      outcomes.push({
        owners: await db.prisma.membership.count({ where: { teamId: team.id, role: "owner" } }),
        removed: results.filter((r) => r.status === "fulfilled").length,
        refused: results.flatMap((r) => (r.status === "rejected" ? [{ code: r.reason.code, message: r.reason.message }] : [])),
      });
    }
    const expected = { owners: 1, removed: 1, refused: [{ code: "CONFLICT", message: LAST_OWNER }] };
    expect(outcomes.filter((o) => o.owners === 0).length, "trials that left the team without an owner").toBe(0);
    expect(outcomes).toEqual(Array.from({ length: TRIALS }, () => expected));
  });
});
