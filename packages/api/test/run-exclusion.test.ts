import { describe, expect, inject, it } from "vitest";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { powerLawSweep } from "./fit-fixtures";
import { handle } from "./http";
import { insertToken, memberCaller, openForSuite, runPendingFitJobs } from "./helpers";

describe.each(testDatabaseTargets(inject("postgresUrl")))("excluding and deleting runs on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });

  const runsVersion = async (sweepId: string) => (await db.prisma.sweep.findUniqueOrThrow({ where: { id: sweepId } })).runsVersion;

  it("run.exclude changes the fit and its fingerprint; run.include restores the same fit", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 10 });
    // One bad run: ten times the loss it should have.
    await db.prisma.run.create({ data: { sweepId: sweep.id, runKey: "bad", scales: { D: 3e7 }, metrics: { loss: 40 } } });
    const api = await memberCaller(db, team.id);
    const withBad = await api.fit.create({ sweepId: sweep.id, model: "power-law" });
    expect(withBad.pointCount).toBe(11);
    await runPendingFitJobs(db, { sweepId: sweep.id });

    const version = await runsVersion(sweep.id);
    const event = await api.run.exclude({ sweepId: sweep.id, runKey: "bad", reason: "  loss spiked: bad data shard " });
    expect(event).toMatchObject({ action: "exclude", runKey: "bad", reason: "loss spiked: bad data shard", metrics: { loss: 40 } });
    expect(event.actor).toMatch(/^member <.+@example\.com>$/);
    expect(await runsVersion(sweep.id)).toBe(version + 1);
    // The stored fit no longer matches the data: the read shows the older one, refitting, until the job ran.
    expect(await api.fit.latest({ sweepId: sweep.id })).toMatchObject({ fit: { id: withBad.id }, fitStatus: { state: "refitting" } });
    await runPendingFitJobs(db, { sweepId: sweep.id });
    expect((await api.fit.latest({ sweepId: sweep.id })).fit?.pointCount).toBe(10);

    const without = await api.fit.create({ sweepId: sweep.id, model: "power-law" });
    expect(without.pointCount).toBe(10);
    expect(without.dataFingerprint).not.toBe(withBad.dataFingerprint);
    expect(without.params.a).toBeCloseTo(-0.12, 2);
    expect(Math.abs(withBad.params.a! + 0.12)).toBeGreaterThan(0.01);

    // Still listed, marked excluded with who, when and why.
    const page = await api.sweep.get({ sweepId: sweep.id });
    const listed = page.runs.find((r) => r.runKey === "bad")!;
    expect(listed.excluded).toEqual({ at: event.createdAt, by: event.actor, reason: "loss spiked: bad data shard" });
    expect(page.runs.filter((r) => r.excluded === null)).toHaveLength(10);

    await api.run.include({ sweepId: sweep.id, runKey: "bad" });
    const restored = await api.fit.create({ sweepId: sweep.id, model: "power-law" });
    expect(restored.dataFingerprint).toBe(withBad.dataFingerprint);
    expect(restored.params).toEqual(withBad.params);
    expect((await api.sweep.get({ sweepId: sweep.id })).runs.find((r) => r.runKey === "bad")!.excluded).toBeNull();
    expect((await api.run.events({ sweepId: sweep.id })).map((e) => e.action)).toEqual(["include", "exclude"]);
  });

  it("run.delete removes the run, bumps runsVersion, keeps its values in the trail and leaves snapshots as they were", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 8 });
    const api = await memberCaller(db, team.id);
    await api.fit.create({ sweepId: sweep.id, model: "power-law" });
    const snapshot = await api.snapshot.create({ teamId: team.id, title: "before the delete" });
    const version = await runsVersion(sweep.id);
    const run = await db.prisma.run.findUniqueOrThrow({ where: { sweepId_runKey: { sweepId: sweep.id, runKey: "run-0002" } } });

    const event = await api.run.delete({ sweepId: sweep.id, runKey: "run-0002", reason: "duplicate of run-0003" });
    expect(event).toMatchObject({ action: "delete", reason: "duplicate of run-0003", scales: run.scales, metrics: run.metrics });
    expect(await db.prisma.run.count({ where: { sweepId: sweep.id } })).toBe(7);
    expect(await runsVersion(sweep.id)).toBe(version + 1);
    expect((await api.snapshot.get({ id: snapshot.id })).content).toEqual(snapshot.content);
    expect((await api.fit.create({ sweepId: sweep.id, model: "power-law" })).pointCount).toBe(7);
    expect(await api.run.events({ sweepId: sweep.id })).toEqual([event]);
  });

  it("refuses to exclude an excluded run, include an included one, or change an unknown run key, and wants a reason", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 4 });
    const api = await memberCaller(db, team.id);
    await api.run.exclude({ sweepId: sweep.id, runKey: "run-0001", reason: "diverged" });
    await expect(api.run.exclude({ sweepId: sweep.id, runKey: "run-0001", reason: "again" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^run "run-0001" is already excluded \(by member <.+>: diverged\)$/),
    });
    await expect(api.run.include({ sweepId: sweep.id, runKey: "run-0002" })).rejects.toMatchObject({ code: "CONFLICT", message: 'run "run-0002" is not excluded' });
    await expect(api.run.delete({ sweepId: sweep.id, runKey: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND", message: `sweep "${sweep.name}" has no run "nope"` });
    await expect(api.run.exclude({ sweepId: sweep.id, runKey: "run-0002", reason: "  " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("reason: say why the run is excluded"),
    });
  });

  it("POST …/runs/{runKey}/exclude, …/include and DELETE …/runs/{runKey} change the run and the sweep document's ETag", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 4 });
    const { secret } = await insertToken(db, team.id);
    const auth = { authorization: `Bearer ${secret}` };
    const base = `http://scalecast.test/api/v1/sweeps/${sweep.id}`;
    const etag = async () => (await handle(db, new Request(base, { headers: auth }))).headers.get("etag");
    const call = async (method: string, path: string, body?: unknown) => {
      const init: RequestInit = { method, headers: { ...auth, "content-type": "application/json" } };
      if (body !== undefined) init.body = JSON.stringify(body);
      const response = await handle(db, new Request(`${base}${path}`, init));
      return { status: response.status, json: (await response.json()) as Record<string, unknown> & { error?: { message: string } } };
    };

    const before = await etag();
    const excluded = await call("POST", "/runs/run-0001/exclude", { reason: "restarted from a bad checkpoint" });
    expect(excluded).toMatchObject({ status: 200, json: { action: "exclude", runKey: "run-0001", actor: "API token test" } });
    const afterExclude = await etag();
    expect(afterExclude).not.toBe(before);
    expect(await call("POST", "/runs/run-0001/exclude", { reason: "x" })).toMatchObject({ status: 409 });
    expect(await call("POST", "/runs/run-0002/exclude", {})).toMatchObject({ status: 400, json: { error: { message: expect.stringContaining("reason") } } });
    expect(await call("POST", "/runs/run-0001/include")).toMatchObject({ status: 200, json: { action: "include" } });
    expect(await etag()).not.toBe(afterExclude);
    expect(await call("DELETE", "/runs/run-0003?reason=typo")).toMatchObject({ status: 200, json: { action: "delete", reason: "typo" } });
    expect(await call("DELETE", "/runs/run-0003")).toMatchObject({ status: 404, json: { error: { message: `sweep "${sweep.name}" has no run "run-0003"` } } });
    expect(await call("GET", "/runs/run-0002")).toMatchObject({ status: 405 });
    expect(await db.prisma.run.count({ where: { sweepId: sweep.id } })).toBe(3);
  });
});
