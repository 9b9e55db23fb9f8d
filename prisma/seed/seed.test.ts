import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrate, openDatabase, resolveDatabaseConfig, type Database } from "@scalecast/db";
import { createScratchPostgres, testDatabaseTargets } from "@scalecast/db/testing";
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

// Replicas share a server; PGlite is single-process by design.
describe.skipIf(!inject("postgresUrl"))("seedDemoIfEmpty from replicas starting together on one empty server", () => {
  it("seeds the demo once and every replica starts, 20 trials of 3 replicas", async () => {
    const expectedRuns = demoSweeps().reduce((sum, s) => sum + s.runs.length, 0);
    for (let trial = 0; trial < 20; trial += 1) {
      const scratch = await createScratchPostgres(inject("postgresUrl"));
      const replicas = await Promise.all(
        [1, 2, 3].map(() => openDatabase(resolveDatabaseConfig({ DATABASE_URL: scratch.url }))),
      );
      try {
        // What each replica's start does: migrate, then seed an empty database.
        const started = await Promise.allSettled(
          replicas.map(async (db) => {
            await migrate(db.sql);
            return seedDemoIfEmpty(db);
          }),
        );
        const failures = started.flatMap((s) => (s.status === "rejected" ? [String(s.reason)] : []));
        expect({ trial, failures }).toEqual({ trial, failures: [] });
        expect(started.filter((s) => s.status === "fulfilled" && s.value).length).toBe(1);
        const db = replicas[0]!;
        expect({
          teams: await db.prisma.team.count(),
          runs: await db.prisma.run.count(),
          users: await db.prisma.user.count(),
          accounts: await db.prisma.account.count(),
          memberships: await db.prisma.membership.count(),
        }).toEqual({
          teams: 3,
          runs: expectedRuns,
          users: DEMO_ACCOUNTS.length,
          accounts: DEMO_ACCOUNTS.length,
          memberships: DEMO_ACCOUNTS.reduce((n, a) => n + Object.keys(a.teams).length, 0),
        });
      } finally {
        await Promise.all(replicas.map((db) => db.close()));
        await scratch.drop();
      }
    }
  }, 300_000);
});
