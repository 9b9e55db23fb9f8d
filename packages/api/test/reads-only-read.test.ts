/**
 * Reads only read: after new runs arrive, every tRPC query and every REST read answers at once from what is
 * stored (the previous fit, "refitting"; a sweep no job has fitted yet, "fitting", with its runs), and none
 * of them stores a Fit or a ModelSelection or runs a fit or a model selection in the task pool the requests get.
 * Once the job body ran ("the worker caught up"), the same reads say "current" with the new fit.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { appRouter } from "../src";
import { handleRestRequest } from "../src/rest/routes";
import { createTaskPool, type TaskPool } from "../src/workers/pool";
import type { TaskName } from "../src/workers/tasks";
import { addRuns, chinchillaRuns, powerLawSweep } from "./fit-fixtures";
import { callerFor, memberCaller, runPendingFitJobs, testServices, unique, userActor } from "./helpers";

/** A real in-process pool that counts the tasks it ran, by name. */
function countingPool(): TaskPool & { counts: Map<TaskName, number> } {
  const inner = createTaskPool({ size: 0 });
  const counts = new Map<TaskName, number>();
  return {
    mode: inner.mode,
    size: inner.size,
    counts,
    run(name, input, key) {
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return inner.run(name, input, key);
    },
    close: () => inner.close(),
  };
}

/** Every caller and REST read of this file runs its tasks here. */
const processPool = countingPool();

const procedures: Record<string, { _def: { type: string } }> = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
const QUERIES = Object.keys(procedures).filter((path) => procedures[path]!._def.type === "query").sort();

describe.each(testDatabaseTargets(inject("postgresUrl")))("reads only read on $kind", (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it("after new runs every query and REST read answers the stored fit, refitting, computing nothing; the job makes it current", async () => {
    // A one-axis sweep with a pinned law and an N × D sweep whose law model selection chooses, both fitted.
    const { team, methodology, sweep: pinned } = await powerLawSweep(db, { n: 10 });
    const grid = await db.prisma.sweep.create({ data: { methodologyId: methodology.id, name: unique("grid"), axes: ["N", "D"], metric: "loss", direction: "lower" } });
    await db.prisma.run.createMany({ data: chinchillaRuns(grid.id) });
    for (const sweep of [pinned, grid]) await runPendingFitJobs(db, { sweepId: sweep.id });
    const api = await memberCaller(db, team.id, "member", processPool);
    const before = { pinned: (await api.fit.latest({ sweepId: pinned.id })).fit!, grid: (await api.fit.latest({ sweepId: grid.id })).fit! };
    expect(before.grid.model).toBe((await api.analysis.selectModel({ sweepId: grid.id })).choice?.model);
    const alternative = await api.fit.create({ sweepId: pinned.id, model: "log-linear" });
    const [snapshot, later] = [await api.snapshot.create({ teamId: team.id, title: unique("week") }), await api.snapshot.create({ teamId: team.id, title: unique("week") })];
    const ownerUser = { id: unique("owner"), email: `${unique("owner")}@example.com`, name: "owner" };
    await db.prisma.user.create({ data: ownerUser });
    await db.prisma.membership.create({ data: { userId: ownerUser.id, teamId: team.id, role: "owner" } });
    const owner = callerFor(db, userActor(ownerUser, [{ teamId: team.id, role: "owner" }]), processPool);
    const token = await owner.token.create({ teamId: team.id, name: unique("reader") });

    // New runs in both sweeps, and a new sweep with runs that no job has fitted yet.
    await addRuns(db, pinned.id, 10, 12);
    await api.run.ingest({ sweepId: grid.id, runs: [{ runKey: "late", scales: { N: 3e9, D: 6e10 }, metrics: { loss: 2.05 } }] });
    const fresh = await db.prisma.sweep.create({ data: { methodologyId: methodology.id, name: unique("fresh"), axes: ["D"], metric: "loss", pinnedModel: "power-law" } });
    await addRuns(db, fresh.id, 0, 8);

    const stored = async () => [await db.prisma.fit.count(), await db.prisma.modelSelection.count()];
    const storedBefore = await stored();
    processPool.counts.clear();

    const refitting = { state: "refitting", reason: null };
    const fitting = { state: "fitting", reason: null };
    const called = new Set<string>();
    const read = <T>(path: string, answer: Promise<T>) => {
      called.add(path);
      return answer;
    };
    await read("team.list", api.team.list());
    await read("team.get", api.team.get({ slug: team.slug }));
    const overview = (await read("team.overview", api.team.overview())).find((t) => t.team.id === team.id)!;
    expect(Object.fromEntries(overview.entries.map((e) => [e.sweep.id, [e.fit?.id ?? null, e.fitStatus]]))).toEqual({
      [pinned.id]: [before.pinned.id, refitting],
      [grid.id]: [before.grid.id, refitting],
      [fresh.id]: [null, fitting],
    });
    await read("member.list", owner.member.list({ teamId: team.id }));
    await read("invitation.list", owner.invitation.list({ teamId: team.id }));
    await read("instance.signUpPolicy", api.instance.signUpPolicy());
    await read("token.list", owner.token.list({ teamId: team.id }));
    await read("methodology.list", api.methodology.list({ teamId: team.id }));
    await read("sweep.list", api.sweep.list());
    expect((await read("sweep.get", api.sweep.get({ sweepId: fresh.id }))).runs).toHaveLength(8);
    await read("run.events", api.run.events({ sweepId: pinned.id }));
    expect(await read("fit.latest", api.fit.latest({ sweepId: pinned.id }))).toMatchObject({ fit: { id: before.pinned.id, current: false }, fitStatus: refitting });
    expect(await api.fit.latest({ sweepId: grid.id })).toMatchObject({ fit: { id: before.grid.id }, fitStatus: refitting });
    expect(await api.fit.latest({ sweepId: fresh.id })).toEqual({ fit: null, fitStatus: fitting });
    expect(await api.fit.latest({ sweepId: pinned.id, model: "log-linear" })).toEqual({ fit: null, fitStatus: fitting });
    await read("fit.history", api.fit.history({ sweepId: pinned.id }));
    await read("fit.get", api.fit.get({ fitId: before.pinned.id }));
    const plannable = (await read("fit.plannable", api.fit.plannable())).filter((f) => f.sweep.id === grid.id);
    expect(plannable.map((f) => f.fitStatus)).toEqual(plannable.map(() => refitting));
    await read("analysis.forecast", api.analysis.forecast({ fitId: before.pinned.id }));
    await read("analysis.backtestHistory", api.analysis.backtestHistory({ teamId: team.id }));
    expect((await read("analysis.selectModel", api.analysis.selectModel({ sweepId: grid.id }))).fitStatus).toEqual(refitting);
    expect((await api.analysis.selectModel({ sweepId: pinned.id })).fitStatus).toEqual(refitting);
    await read("analysis.compare", api.analysis.compare({ fitIds: [before.pinned.id, alternative.id] }));
    // Two fits that are not data-constrained: answered from the stored rows alone, with the reason.
    await expect(read("analysis.dataStrategies", api.analysis.dataStrategies({ fitIdA: before.grid.id, fitIdB: before.grid.id, budget: 1e21, uniqueTokens: 1e10 }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("comparing data strategies needs two data-constrained fits"),
    });
    await read("analysis.predictAt", api.analysis.predictAt({ fitId: before.grid.id, pairs: [{ n: 1e9, d: 2e10 }] }));
    await read("analysis.plan", api.analysis.plan({ budget: 1e21, law: "hoffmann-2022" }));
    await read("analysis.recommend", api.analysis.recommend({ fitId: before.pinned.id, alternativeFitId: alternative.id }));
    await read("snapshot.list", api.snapshot.list({ teamId: team.id }));
    await read("snapshot.get", api.snapshot.get({ id: snapshot.id }));
    await read("snapshot.diff", api.snapshot.diff({ fromId: snapshot.id, toId: later.id }));
    await read("decision.list", api.decision.list({ teamId: team.id }));
    expect([...called].sort(), "every query of the router is read here").toEqual(QUERIES);

    const rest = async (path: string) => {
      const response = await handleRestRequest(testServices(db, processPool), new Request(`http://scalecast.test${path}`, { headers: { authorization: `Bearer ${token.token}` } }));
      expect(response.status, path).toBe(200);
      return (await response.json()) as { runs: unknown[]; fit: { id: string } | null; fitStatus: unknown };
    };
    expect(await rest(`/api/v1/sweeps/${pinned.id}`)).toMatchObject({ fit: { id: before.pinned.id }, fitStatus: refitting });
    expect(await rest(`/api/v1/sweeps/${fresh.id}`)).toMatchObject({ runs: { length: 8 }, fit: null, fitStatus: fitting });
    await rest(`/api/v1/sweeps?sweepId=${grid.id}`);

    expect(await stored(), "Fit and ModelSelection rows").toEqual(storedBefore);
    expect([processPool.counts.get("fit") ?? 0, processPool.counts.get("selectModel") ?? 0], "fit and selectModel tasks run by reads").toEqual([0, 0]);

    // The worker catches up: the same reads now show the new fits, current.
    const ran = await runPendingFitJobs(db);
    expect(ran.map((k) => k.sweepId)).toEqual(expect.arrayContaining([pinned.id, grid.id, fresh.id]));
    const current = { state: "current", reason: null };
    const after = (await api.team.overview()).find((t) => t.team.id === team.id)!;
    expect(after.entries.map((e) => e.fitStatus)).toEqual(after.entries.map(() => current));
    const fitOf = (sweepId: string) => after.entries.find((e) => e.sweep.id === sweepId)!.fit;
    expect([fitOf(pinned.id)?.id, fitOf(grid.id)?.id]).not.toContain(before.pinned.id);
    expect(fitOf(grid.id)?.id).not.toBe(before.grid.id);
    expect(fitOf(fresh.id)).not.toBeNull();
    expect(await api.fit.latest({ sweepId: pinned.id })).toMatchObject({ fit: { pointCount: 12, current: true }, fitStatus: current });
    expect(await api.fit.latest({ sweepId: fresh.id })).toMatchObject({ fit: { pointCount: 8 }, fitStatus: current });
    expect((await api.analysis.selectModel({ sweepId: grid.id })).fitStatus).toEqual(current);
    expect((await api.fit.plannable()).filter((f) => f.sweep.id === grid.id).map((f) => f.fitStatus)).toEqual(plannable.map(() => current));
    expect(await rest(`/api/v1/sweeps/${pinned.id}`)).toMatchObject({ fit: { id: (await api.fit.latest({ sweepId: pinned.id })).fit!.id }, fitStatus: current });
  });
});
