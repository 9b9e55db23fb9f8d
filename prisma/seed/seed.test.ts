import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { verifyPassword } from "better-auth/crypto";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoSweeps, seedDemo, seedDemoIfEmpty } from "./index";

describe("demoSweeps", () => {
  it("is the same for the same seed and labelled synthetic in every description", () => {
    expect(demoSweeps()).toEqual(demoSweeps());
    for (const demo of demoSweeps()) expect(demo.methodology.description).toMatch(/^Synthetic: /);
  });

  it("spans three teams and six methodologies with finite, positive scores", () => {
    const sweeps = demoSweeps();
    expect(new Set(sweeps.map((s) => s.team.slug)).size).toBe(3);
    expect(new Set(sweeps.map((s) => s.methodology.name)).size).toBe(6);
    for (const { sweep, runs } of sweeps) {
      for (const run of runs) {
        const value = run.metrics[sweep.metric];
        expect(Number.isFinite(value) && value! > 0).toBe(true);
      }
    }
  });
});

describe.each(testDatabaseTargets(inject("postgresUrl")))("seedDemo on $kind", (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("writes every demo run once and changes nothing when run again", async () => {
    const expected = demoSweeps().reduce((sum, s) => sum + s.runs.length, 0);
    expect(await seedDemoIfEmpty(db)).toBe(true);
    expect(await db.prisma.run.count()).toBe(expected);
    expect(await seedDemo(db)).toEqual({ runsAdded: 0 });
    expect(await seedDemoIfEmpty(db)).toBe(false);
    expect(await db.prisma.run.count()).toBe(expected);
    expect(await db.prisma.team.count()).toBe(3);
    expect(await db.prisma.methodology.count({ where: { synthetic: true } })).toBe(6);
  });

  it("creates the demo accounts once, with better-auth password hashes, their team roles and the demo owner as instance admin", async () => {
    await seedDemo(db);
    for (const account of DEMO_ACCOUNTS) {
      const user = await db.prisma.user.findUniqueOrThrow({
        where: { email: account.email },
        include: { accounts: true, memberships: { include: { team: { select: { slug: true } } } } },
      });
      expect(user.accounts).toHaveLength(1);
      expect(user.accounts[0]).toMatchObject({ providerId: "credential", accountId: user.id });
      expect(await verifyPassword({ hash: user.accounts[0]!.password!, password: DEMO_PASSWORD })).toBe(true);
      expect(Object.fromEntries(user.memberships.map((m) => [m.team.slug, m.role]))).toEqual(account.teams);
      expect(user.isAdmin, account.email).toBe(account.admin);
    }
    expect(await db.prisma.user.count()).toBe(DEMO_ACCOUNTS.length);
  });
});
