import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { demoSweeps, seedDemo, seedDemoIfEmpty } from "./index";

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
});
