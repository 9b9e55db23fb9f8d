/**
 * The default law of a sweep on the seeded demo data: model selection's choice (rank 1 unless its fit is
 * degenerate) unless a member pins one; the fit, the overview badge and the Sweep view's ranking agree; the
 * selection is stored per runs version; degenerate fits are named and never confident.
 */
import { describe, expect, inject, it } from "vitest";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { DEMO_ACCOUNTS, seedDemo } from "@scalecast/seed";
import { runFitJob } from "../src/services/fit/fit-state";
import { createTaskPool } from "../src/workers/pool";
import { callerFor, openForSuite, runPendingFitJobs, userActor } from "./helpers";

const jobPool = createTaskPool({ size: 0 });

async function demoOwner(db: Database) {
  const { memberships, ...user } = await db.prisma.user.findUniqueOrThrow({
    where: { email: DEMO_ACCOUNTS[0]!.email },
    select: { id: true, email: true, name: true, memberships: { select: { teamId: true, role: true } } },
  });
  return callerFor(db, userActor(user, memberships));
}

describe.each(testDatabaseTargets(inject("postgresUrl")))("the default law of the seeded demo sweeps on $kind", (target) => {
  let db: Database;
  let api: Awaited<ReturnType<typeof demoOwner>>;
  openForSuite(target, async (opened) => {
    db = opened;
    await seedDemo(db);
    await runPendingFitJobs(db);
    api = await demoOwner(db);
  });
  const demoSweeps = async () => (await api.sweep.list()).filter((s) => s.synthetic);
  const sweepOf = async (methodology: string) => (await demoSweeps()).find((s) => s.methodology.name === methodology)!;

  it("every seeded sweep's fit, forecast and overview badge use model selection's choice, and none is degenerate", async () => {
    const sweeps = await demoSweeps();
    expect(sweeps).toHaveLength(6);
    const entries = (await api.team.overview()).flatMap((t) => t.entries);
    for (const sweep of sweeps) {
      expect(sweep.pinnedModel, sweep.name).toBeNull();
      const selection = await api.analysis.selectModel({ sweepId: sweep.id });
      expect(selection.fitStatus, sweep.methodology.name).toEqual({ state: "current", reason: null });
      expect(selection.choice?.degenerate, sweep.methodology.name).toBeNull();
      const chosen = selection.ranking.find((s) => s.model === selection.choice?.model)!;
      expect(chosen.degenerate, sweep.methodology.name).toEqual([]);
      expect(selection.ranking.slice(0, chosen.rank - 1).every((s) => s.degenerate.length > 0 || s.error !== null), sweep.methodology.name).toBe(true);
      const { fit: latest, fitStatus } = await api.fit.latest({ sweepId: sweep.id });
      expect(fitStatus, sweep.methodology.name).toEqual({ state: "current", reason: null });
      expect(latest?.model, sweep.methodology.name).toBe(selection.choice?.model);
      expect(latest?.summary?.degenerate, sweep.methodology.name).toBeUndefined();
      const entry = entries.find((e) => e.sweep.id === sweep.id)!;
      expect(entry.fitStatus, sweep.methodology.name).toEqual({ state: "current", reason: null });
      expect(entry.fit?.id, sweep.methodology.name).toBe(latest?.id);
      expect(entry.recommendation, sweep.methodology.name).toEqual(latest?.summary?.recommendation);
    }
  });

  it("Instruction mix A: the saturating law's step is flagged, so its badge comes from the rank-1 law", async () => {
    const sweep = await sweepOf("Instruction mix A");
    const selection = await api.analysis.selectModel({ sweepId: sweep.id });
    const saturating = selection.ranking.find((s) => s.model === "saturating-power-law")!;
    expect(saturating.degenerate.some((r) => r.endsWith("the curve is a step, not a law"))).toBe(true);
    expect(saturating.degenerate[0]).toMatch(/^exponent alpha = \d+(\.\d+)? is beyond ±5: no data or model scaling law bends that fast$/);
    expect(selection.choice).toMatchObject({ rank: 1, skipped: [] });
    expect(selection.choice?.model).not.toBe("saturating-power-law");
    // A law no job fits is "fitting" until someone stores its fit (fit.create, a write); it is then shown,
    // named degenerate, with no interval and low confidence.
    const named = { sweepId: sweep.id, model: "saturating-power-law" } as const;
    expect(await api.fit.latest(named)).toEqual({ fit: null, fitStatus: { state: "fitting", reason: null } });
    const created = await api.fit.create({ ...named, bootstrap: 200 });
    const { fit: stepped, fitStatus } = await api.fit.latest(named);
    expect(fitStatus).toEqual({ state: "current", reason: null });
    expect(stepped?.id).toBe(created.id);
    if (!stepped) throw new Error("no stored fit");
    expect(stepped.summary?.degenerate).toEqual(saturating.degenerate);
    expect(stepped.summary?.atTarget.lower).toBeUndefined();
    expect(stepped.summary?.recommendation?.confidence).toBe("low");
    expect(stepped.summary?.recommendation?.reasons[0]).toBe(`low confidence: the fit is degenerate (${saturating.degenerate.join("; ")})`);
    const recommended = await api.analysis.recommend({ fitId: stepped.id });
    expect(recommended.confidence).toBe("low");
    expect(recommended.reasons[0]).toBe(`low confidence: the fit is degenerate (${saturating.degenerate.join("; ")})`);
  });

  it("the selection is stored per runs version: reading again computes nothing, new runs rank again in the job", async () => {
    const sweep = await sweepOf("RL with verifier");
    const stored = () => db.prisma.modelSelection.count({ where: { sweepId: sweep.id } });
    expect(await stored()).toBe(1);
    const before = await db.prisma.modelSelection.findFirstOrThrow({ where: { sweepId: sweep.id } });
    await api.analysis.selectModel({ sweepId: sweep.id });
    await api.fit.latest({ sweepId: sweep.id });
    expect(await db.prisma.modelSelection.findFirstOrThrow({ where: { sweepId: sweep.id } })).toEqual(before);
    await api.run.ingest({ sweepId: sweep.id, runs: [{ runKey: "rlv-extra", scales: { D: 1e7 }, metrics: { error: 2.0 * 1e7 ** -0.16 } }] });
    expect((await api.analysis.selectModel({ sweepId: sweep.id })).fitStatus.state).toBe("refitting");
    await api.fit.latest({ sweepId: sweep.id });
    expect(await stored()).toBe(1);
    await runPendingFitJobs(db);
    expect(await stored()).toBe(2);
    expect((await api.analysis.selectModel({ sweepId: sweep.id })).fitStatus.state).toBe("current");
  });

  it("sweep.pinModel pins a law over the choice (refitting until the job of the new law ran) and null unpins it; a law the axes cannot feed is a 400", async () => {
    const sweep = await sweepOf("Instruction mix A");
    const chosen = (await api.analysis.selectModel({ sweepId: sweep.id })).choice?.model;
    const job = { sweepId: sweep.id, metric: sweep.metric, model: "" };
    expect(await api.sweep.pinModel({ sweepId: sweep.id, model: "bnsl" })).toMatchObject({ id: sweep.id, pinnedModel: "bnsl" });
    const pending = await api.fit.latest({ sweepId: sweep.id });
    expect(pending.fitStatus.state).toBe("refitting");
    expect(pending.fit?.model).toBe(chosen);
    await runFitJob(db, jobPool, job);
    expect(await api.fit.latest({ sweepId: sweep.id })).toMatchObject({ fit: { model: "bnsl" }, fitStatus: { state: "current" } });
    expect((await api.analysis.selectModel({ sweepId: sweep.id })).pinnedModel).toBe("bnsl");
    const pinnedEntry = (await api.team.overview()).flatMap((t) => t.entries).find((e) => e.sweep.id === sweep.id)!;
    expect(pinnedEntry.fit?.model).toBe("bnsl");
    expect(await api.sweep.pinModel({ sweepId: sweep.id, model: null })).toMatchObject({ pinnedModel: null });
    await runFitJob(db, jobPool, job);
    expect((await api.fit.latest({ sweepId: sweep.id })).fit?.model).toBe(chosen);
    await expect(api.sweep.pinModel({ sweepId: sweep.id, model: "chinchilla" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: 'model: chinchilla needs scale axes N and D; sweep "Examples sweep" has axes D',
    });
    await expect(api.sweep.pinModel({ sweepId: sweep.id, model: "isoflop" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "model: isoflop predicts a compute-optimal scale, not a score: it cannot be selected",
    });
  });

  it("the N × D grid's data-constrained fit: collapsed bootstrap draws are named, not shown as a confident interval", async () => {
    const sweep = await sweepOf("Kaplan-style LM");
    const fit = await api.fit.create({ sweepId: sweep.id, model: "data-constrained", bootstrap: 20, seed: 3 });
    const collapsed = fit.summary?.degenerate?.find((r) => r.startsWith("the bootstrap draws collapsed: "));
    expect(collapsed).toMatch(/^the bootstrap draws collapsed: \w+(, \w+)* (has|have) a zero-width interval \(every resample refitted to the same value\)$/);
    expect(fit.summary?.atTarget.lower).toBeUndefined();
    expect(fit.summary?.atTarget.unreliable).toBe(`the fit is degenerate: ${fit.summary!.degenerate!.join("; ")}`);
    expect(fit.summary?.recommendation?.confidence).toBe("low");
    expect(fit.curve?.every((p) => p.lower === undefined && p.upper === undefined)).toBe(true);
  });
});
