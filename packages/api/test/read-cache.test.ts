import { describe, expect, inject, it } from "vitest";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { transformer } from "../src/transformer";
import { addRuns, powerLawSweep } from "./fit-fixtures";
import { callerFor, createTeamFixture, heldDatabase, memberCaller, openForSuite, runPendingFitJobs, unique, userActor } from "./helpers";
import { handle } from "./http";

/**
 * sweep.get is served from an in-process cache keyed by the sweep's version counters, and fit.latest reads
 * the fit the last job stored; every change a reader could see must reach the next read, through
 * createCaller and over HTTP.
 */
describe.each(testDatabaseTargets(inject("postgresUrl")))("cached sweep and fit reads on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });

  const memberOf = (teamId: string) => memberCaller(db, teamId, "reader");

  it("sweep.get shows new, changed and deleted runs on the next read", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 5 });
    const api = await memberOf(team.id);
    const first = await api.sweep.get({ sweepId: sweep.id });
    expect(first.runs.map((r) => r.runKey)).toEqual(["run-0000", "run-0001", "run-0002", "run-0003", "run-0004"]);
    expect(await api.sweep.get({ sweepId: sweep.id })).toBe(first); // unchanged: the cached object

    await addRuns(db, sweep.id, 5, 7);
    const added = await api.sweep.get({ sweepId: sweep.id });
    expect(added.runs.map((r) => r.runKey)).toEqual(["run-0000", "run-0001", "run-0002", "run-0003", "run-0004", "run-0005", "run-0006"]);

    await db.prisma.run.update({ where: { sweepId_runKey: { sweepId: sweep.id, runKey: "run-0002" } }, data: { metrics: { loss: 9.5 } } });
    expect((await api.sweep.get({ sweepId: sweep.id })).runs[2]).toEqual({ runKey: "run-0002", scales: { D: 4e6 }, metrics: { loss: 9.5 }, seed: null, excluded: null });

    await db.prisma.run.deleteMany({ where: { sweepId: sweep.id, runKey: { in: ["run-0000", "run-0001"] } } });
    expect((await api.sweep.get({ sweepId: sweep.id })).runs.map((r) => r.runKey)).toEqual(["run-0002", "run-0003", "run-0004", "run-0005", "run-0006"]);
  });

  it("concurrent readers never see runs older than their request, while earlier reads are still in flight", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 4 });
    const api = await memberOf(team.id);
    for (let round = 0; round < 5; round++) {
      const before = Array.from({ length: 10 }, () => api.sweep.get({ sweepId: sweep.id }));
      await addRuns(db, sweep.id, 4 + round, 5 + round);
      const after = await Promise.all(Array.from({ length: 10 }, () => api.sweep.get({ sweepId: sweep.id })));
      for (const page of after) expect(page.runs).toHaveLength(5 + round);
      for (const page of await Promise.all(before)) expect(page.runs.length).toBeGreaterThanOrEqual(4 + round);
    }
  });

  it("a reader arriving while an earlier version check is in flight waits for a newer one (never joins a stale check)", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 4 });
    const held = heldDatabase(db);
    const api = callerFor(held.db, userActor({ id: "r", email: "r@example.com", name: "r" }, [{ teamId: team.id, role: "member" }]));
    expect((await api.sweep.get({ sweepId: sweep.id })).runs).toHaveLength(4); // cached at this version
    held.hold();
    const early = api.sweep.get({ sweepId: sweep.id });
    await new Promise((resolve) => setTimeout(resolve, 200)); // its header query has run and is held
    await addRuns(db, sweep.id, 4, 5);
    const late = api.sweep.get({ sweepId: sweep.id });
    await new Promise((resolve) => setTimeout(resolve, 50)); // it has reached the version check
    held.release();
    expect((await early).runs).toHaveLength(4);
    expect((await late).runs).toHaveLength(5);
  });

  it("sweep.get shows a renamed sweep, methodology or team and a new target scale on the next read", async () => {
    const { team, methodology, sweep } = await powerLawSweep(db, { n: 3 });
    const api = await memberOf(team.id);
    await api.sweep.get({ sweepId: sweep.id });
    await db.prisma.sweep.update({ where: { id: sweep.id }, data: { name: "renamed sweep", targetScale: 5e12 } });
    expect((await api.sweep.get({ sweepId: sweep.id })).sweep).toMatchObject({ name: "renamed sweep", targetScale: 5e12 });
    await db.prisma.methodology.update({ where: { id: methodology.id }, data: { name: "renamed methodology", description: "new words" } });
    expect((await api.sweep.get({ sweepId: sweep.id })).methodology).toMatchObject({ name: "renamed methodology", description: "new words" });
    await db.prisma.team.update({ where: { id: team.id }, data: { name: "Renamed team" } });
    const page = await api.sweep.get({ sweepId: sweep.id });
    expect(page.team.name).toBe("Renamed team");
    expect(page.sweep.createdAt).toEqual(sweep.createdAt);
    expect(page.runs).toHaveLength(3);
  });

  it("sweep.get of a missing sweep is NOT_FOUND, also after the sweep was read and deleted", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 2 });
    const api = await memberOf(team.id);
    await api.sweep.get({ sweepId: sweep.id });
    await db.prisma.sweep.delete({ where: { id: sweep.id } });
    await expect(api.sweep.get({ sweepId: sweep.id })).rejects.toMatchObject({ code: "NOT_FOUND", message: `sweep ${sweep.id} does not exist` });
    await expect(api.fit.latest({ sweepId: sweep.id })).rejects.toMatchObject({ code: "NOT_FOUND", message: `sweep ${sweep.id} does not exist` });
  });

  it("fit.latest shows the fit the job stored: the older one, refitting, after new runs; the new one once the job ran", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 8 });
    const api = await memberOf(team.id);
    const small = await api.fit.create({ sweepId: sweep.id, model: "power-law", bootstrap: 20 });
    await runPendingFitJobs(db, { sweepId: sweep.id });
    expect(await api.fit.latest({ sweepId: sweep.id })).toMatchObject({ fit: { id: small.id }, fitStatus: { state: "current" } });

    await addRuns(db, sweep.id, 8, 11);
    expect(await api.fit.latest({ sweepId: sweep.id })).toMatchObject({ fit: { id: small.id, current: false }, fitStatus: { state: "refitting" } });
    await runPendingFitJobs(db, { sweepId: sweep.id });
    const { fit: refit, fitStatus } = await api.fit.latest({ sweepId: sweep.id });
    expect(fitStatus).toEqual({ state: "current", reason: null });
    expect(refit?.id).not.toBe(small.id);
    expect(refit?.pointCount).toBe(11);
    expect(refit?.current).toBe(true);
    expect(refit?.residuals!.map((r) => r.runKey)).toContain("run-0010");
  });

  it("fit.request fits a law no job fits for any signed-in reader (a non-member too), then fit.latest shows it; bad data is a 400", async () => {
    const { sweep } = await powerLawSweep(db, { n: 8 });
    const outsider = await memberCaller(db, (await createTeamFixture(db, "outsiders")).id, "outsider");
    const logLinear = { sweepId: sweep.id, model: "log-linear" } as const;
    expect(await outsider.fit.latest(logLinear)).toEqual({ fit: null, fitStatus: { state: "fitting", reason: null } });
    const requested = await outsider.fit.request(logLinear);
    expect(requested).toMatchObject({ fit: { model: "log-linear", bootstrap: 200, pointCount: 8, current: true }, fitStatus: { state: "current", reason: null } });
    expect(await outsider.fit.latest(logLinear)).toEqual(requested);
    await expect(outsider.fit.request({ ...logLinear, metric: "acc" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^metric: no run of sweep/) });
  });

  it("fit.latest of a law no job fits is fitting until fit.create stores it for the current runs", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 8 });
    const api = await memberOf(team.id);
    await runPendingFitJobs(db, { sweepId: sweep.id });
    const { fit: power } = await api.fit.latest({ sweepId: sweep.id });
    const logLinear = { sweepId: sweep.id, model: "log-linear" } as const;
    expect(await api.fit.latest(logLinear)).toEqual({ fit: null, fitStatus: { state: "fitting", reason: null } });
    const created = await api.fit.create(logLinear);
    expect(await api.fit.latest(logLinear)).toMatchObject({ fit: { id: created.id, model: "log-linear" }, fitStatus: { state: "current" } });
    expect((await api.fit.latest({ sweepId: sweep.id, model: "power-law" })).fit?.id).toBe(power?.id);
    await addRuns(db, sweep.id, 8, 9);
    expect(await api.fit.latest(logLinear)).toEqual({ fit: null, fitStatus: { state: "fitting", reason: null } });
  });

  it("over HTTP, a batched sweep.get + fit.latest decodes to what createCaller returns, and follows new runs", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 12 });
    const u = { id: unique("http-reader"), email: `${unique("http-reader")}@example.com`, name: "reader" };
    await db.prisma.user.create({ data: u });
    await db.prisma.membership.create({ data: { userId: u.id, teamId: team.id, role: "owner" } });
    const token = await callerFor(db, userActor(u, [{ teamId: team.id, role: "owner" }])).token.create({ teamId: team.id, name: unique("reader token") });
    const read = async () => {
      const input = encodeURIComponent(JSON.stringify({ 0: { json: { sweepId: sweep.id } }, 1: { json: { sweepId: sweep.id } } }));
      const response = await handle(
        db,
        new Request(`http://scalecast.test/api/trpc/sweep.get,fit.latest?batch=1&input=${input}`, { headers: { authorization: `Bearer ${token.token}` } }),
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as { result: { data: unknown } }[];
      return body.map((b) => transformer.deserialize(b.result.data));
    };
    const api = await memberOf(team.id);
    await runPendingFitJobs(db, { sweepId: sweep.id });
    const [page, fit] = await read();
    expect(page).toEqual(await api.sweep.get({ sweepId: sweep.id }));
    expect(fit).toEqual(await api.fit.latest({ sweepId: sweep.id }));
    expect((fit as { fit: { createdAt: unknown } }).fit.createdAt).toBeInstanceOf(Date);

    await addRuns(db, sweep.id, 12, 13);
    const [page2, fit2] = await read();
    expect((page2 as { runs: unknown[] }).runs).toHaveLength(13);
    expect(fit2).toMatchObject({ fit: { pointCount: 12 }, fitStatus: { state: "refitting" } });
    await runPendingFitJobs(db, { sweepId: sweep.id });
    expect((await read())[1]).toMatchObject({ fit: { pointCount: 13 }, fitStatus: { state: "current" } });
  });
});
