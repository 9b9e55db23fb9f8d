import fc from "fast-check";
import { TRPCError } from "@trpc/server";
import { describe, expect, inject, it } from "vitest";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { powerLawSweep } from "./fit-fixtures";
import { callerFor, openForSuite, unique, userActor } from "./helpers";

/** Any JSON-ish value, including the wrong types for every field. */
const junk = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));

describe.each(testDatabaseTargets(inject("postgresUrl")))("malformed input to the fit, analysis, snapshot and decision procedures on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });

  it("is rejected with a 4xx naming the field; no snapshot or decision is half-written", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 6 });
    const user = { id: unique("u"), email: `${unique("u")}@example.com`, name: "u" };
    await db.prisma.user.create({ data: user });
    const api = callerFor(db, userActor(user, [{ teamId: team.id, role: "owner" }]));
    const counts = async () => [await db.prisma.fit.count(), await db.prisma.snapshot.count(), await db.prisma.decision.count()];
    const before = await counts();
    const calls = [
      (v: Record<string, unknown>) => api.fit.create({ sweepId: sweep.id, model: "power-law", ...v } as never),
      (v: Record<string, unknown>) => api.analysis.forecast({ fitId: "missing", ...v } as never),
      (v: Record<string, unknown>) => api.snapshot.create({ title: "t", ...v } as never),
      (v: Record<string, unknown>) => api.decision.create({ title: "t", outcome: "other", ...v } as never),
      (v: Record<string, unknown>) => api.analysis.plan({ budget: 1e21, ...v } as never),
    ];
    const fields = ["sweepId", "model", "metric", "bootstrap", "seed", "fitId", "at", "target", "level", "teamId", "fitIds", "title", "outcome", "snapshotId", "methodologyId", "budget", "law", "targetLoss", "uniqueTokens", "extraUniqueTokens"];
    await fc.assert(
      fc.asyncProperty(fc.nat(calls.length - 1), fc.constantFrom(...fields), junk, async (which, field, value) => {
        try {
          await calls[which]!({ [field]: value });
          return; // some junk is valid input (e.g. a numeric seed): fine, as long as nothing breaks
        } catch (error) {
          expect(error).toBeInstanceOf(TRPCError);
          const e = error as TRPCError;
          expect(["BAD_REQUEST", "NOT_FOUND", "FORBIDDEN"]).toContain(e.code);
          expect(e.message).toMatch(/[a-zA-Z]+(\.\d+)?:|does not exist|member/);
        }
      }),
      { numRuns: 300 },
    );
    const after = await counts();
    // Valid writes may have happened only through fit.create's reuse of one fit per option set; snapshots
    // and decisions need a valid tie, which junk never supplies.
    expect(after[1]).toBe(before[1]);
    expect(after[2]).toBe(before[2]);
  });
});
