/**
 * The fit job's body and the state reads derive fitStatus from: a job settles the state at the runs it
 * read; new runs make it "refitting" (the older fit kept); bad data settles it "failed" with the reason;
 * a job that read older runs never overwrites a newer outcome; the reconcile query lists what is unsettled.
 */
import { describe, expect, inject, it } from "vitest";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { fitStateKey, fitStatusOf, readFitStates, runFitJob, settleFitFailure, unsettledFitJobs, type FitJobKey } from "../src/services/fit/fit-state";
import { createTaskPool } from "../src/workers/pool";
import { callerFor, openForSuite } from "./helpers";
import { buildWorld, runFor, type World } from "./world";

const pool = createTaskPool({ size: 0 });

describe.each(testDatabaseTargets(inject("postgresUrl")))("fit jobs and fit states on $kind", (target) => {
  let db: Database;
  let world: World;
  openForSuite(target, async (opened) => {
    db = opened;
    world = await buildWorld(db);
  });
  const statusOf = async (key: FitJobKey) => {
    const { runsVersion } = await db.prisma.sweep.findUniqueOrThrow({ where: { id: key.sweepId }, select: { runsVersion: true } });
    const state = (await readFitStates(db, [key])).get(fitStateKey(key));
    return { ...fitStatusOf(state, runsVersion), fitId: state?.fitId ?? null };
  };

  it("settles current after a job, refitting after new runs, failed with the reason on bad data", async () => {
    const key = { sweepId: world.sweep.id, metric: "loss", model: "" };
    const owner = callerFor(db, world.actors.owner);
    await owner.run.ingest({ sweepId: world.sweep.id, runs: [runFor("a", 1e8, 2e9, 3.1), runFor("b", 2e8, 4e9, 2.9)] });
    expect(await statusOf(key)).toEqual({ state: "fitting", reason: null, fitId: null });
    expect(await unsettledFitJobs(db)).toContainEqual(key);

    expect(await runFitJob(db, pool, key)).toEqual({ fitId: null, computed: false });
    const failed = await statusOf(key);
    expect(failed.state).toBe("failed");
    expect(failed.reason).toMatch(/^sweep "N×D grid": /);
    expect(await unsettledFitJobs(db)).not.toContainEqual(key);

    const grid = [1e8, 3e8, 1e9].flatMap((n, i) => [2e9, 6e9, 2e10].map((d, j) => runFor(`g${i}${j}`, n, d, 1.7 + 400 / n ** 0.34 + 410 / d ** 0.28)));
    await owner.run.ingest({ sweepId: world.sweep.id, runs: grid });
    expect((await statusOf(key)).state).toBe("fitting");
    const fitted = await runFitJob(db, pool, key);
    expect(fitted.computed).toBe(true);
    expect(await statusOf(key)).toEqual({ state: "current", reason: null, fitId: fitted.fitId });

    await owner.run.ingest({ sweepId: world.sweep.id, runs: [runFor("late", 3e9, 6e10, 1.95)] });
    expect(await statusOf(key)).toEqual({ state: "refitting", reason: null, fitId: fitted.fitId });
    await settleFitFailure(db, key);
    expect(await statusOf(key)).toMatchObject({ state: "failed", reason: expect.stringMatching(/internal error/), fitId: fitted.fitId });
    const refitted = await runFitJob(db, pool, key);
    expect(refitted.fitId).not.toBe(fitted.fitId);
    expect(await statusOf(key)).toEqual({ state: "current", reason: null, fitId: refitted.fitId });
  });

  it("a job that read older runs does not overwrite the outcome of one that read newer runs", async () => {
    const key = { sweepId: world.sweep.id, metric: "loss", model: "" };
    const before = await statusOf(key);
    await db.prisma.fitState.update({ where: { sweepId_metric_model: key }, data: { settledVersion: { increment: 1000 } } });
    await runFitJob(db, pool, key);
    const row = await db.prisma.fitState.findUniqueOrThrow({ where: { sweepId_metric_model: key } });
    expect(row.fitId).toBe(before.fitId);
    expect(row.settledVersion).toBeGreaterThan(1000);
  });

  it("a job of a deleted sweep does nothing", async () => {
    expect(await runFitJob(db, pool, { sweepId: "no-such-sweep", metric: "loss", model: "" })).toEqual({ fitId: null, computed: false });
  });
});
