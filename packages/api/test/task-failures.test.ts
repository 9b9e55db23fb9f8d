/**
 * What a caller sees when a task in the pool fails: bad data (core's InputError) is a 400 with core's
 * message; anything else (a bug) is a 500 with a generic message and the details in the server log, never
 * a 400 and never a sweep's "cannot be fitted" reason. Through the fit path (ensure-fit.ts), the analysis
 * path (run-analysis-task.ts) and the fit job, whose bad-data failure the overview shows as the reason.
 */
import { afterAll, afterEach, describe, expect, inject, it, vi } from "vitest";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { createTaskPool } from "../src/workers/pool";
import { powerLawSweep } from "./fit-fixtures";
import { callerFor, openForSuite, poolWithBrokenInput, runPendingFitJobs, unique, userActor } from "./helpers";

const INTERNAL_ERROR = "internal error; the details are in the server log";

describe.each(testDatabaseTargets(inject("postgresUrl")))("task failures through the API on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });
  const workers = createTaskPool({ size: 1 });
  const broken = poolWithBrokenInput(workers);
  afterAll(() => workers.close());
  afterEach(() => vi.restoreAllMocks());

  /** A sweep of `runs` runs and callers for a member of its team: one on the real pool, one on the broken pool. */
  async function sweepWithCallers(runs: number) {
    const { team, sweep } = await powerLawSweep(db, { n: runs });
    const user = { id: unique("member"), email: `${unique("member")}@example.com`, name: "Member" };
    await db.prisma.user.create({ data: user });
    const actor = userActor(user, [{ teamId: team.id, role: "member" }]);
    return { sweep, caller: callerFor(db, actor, workers), buggy: callerFor(db, actor, broken) };
  }
  type Setup = Awaited<ReturnType<typeof sweepWithCallers>>;

  it("bad data: fit.create and analysis.selectModel on one run answer 400 with core's message", async () => {
    const { sweep, caller } = await sweepWithCallers(1);
    await expect(caller.fit.create({ sweepId: sweep.id, model: "power-law" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `sweep "${sweep.name}": power-law fit needs at least 2 points, got 1`,
    });
    await expect(caller.analysis.selectModel({ sweepId: sweep.id, candidates: ["power-law", "log-linear"] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(new RegExp(`^sweep "${sweep.name}": .*needs at least \\d+ points, got 1`)),
    });
  });

  it("bad data: the fit job fails with core's message, which the overview shows as the reason", async () => {
    const { sweep, caller } = await sweepWithCallers(1);
    await runPendingFitJobs(db, { sweepId: sweep.id, pool: workers });
    const overview = await caller.team.overview();
    const entry = overview.flatMap((t) => t.entries).find((e) => e.sweep.id === sweep.id);
    expect(entry?.fitStatus).toEqual({ state: "failed", reason: `sweep "${sweep.name}": power-law fit needs at least 2 points, got 1` });
  });

  it.each([
    ["fit.create (ensure-fit)", "mutation fit.create", (c: Setup) => c.buggy.fit.create({ sweepId: c.sweep.id, model: "power-law" })],
    ["analysis.selectModel (run-analysis-task)", "query analysis.selectModel", (c: Setup) => c.buggy.analysis.selectModel({ sweepId: c.sweep.id, candidates: ["power-law", "log-linear"] })],
  ])("a bug in a task: %s answers 500 with a generic message and logs the worker's stack", async (_name, logged, call) => {
    const context = await sweepWithCallers(10);
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(call(context)).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR", message: INTERNAL_ERROR });
    const [line, error] = log.mock.calls.find(([first]) => first === `scalecast: ${logged} failed:`) ?? [];
    expect(line).toBeDefined();
    expect((error as Error).message).toMatch(/task failed in a worker: TypeError: .*null/);
  });
});
