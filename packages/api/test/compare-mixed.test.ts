import { describe, expect, inject, it } from "vitest";
import { COMPARABLE_PROBLEMS, JOINT_COMPARE_AXIS } from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { addRuns, chinchillaRuns, plateauSweep, powerLawSweep } from "./fit-fixtures";
import { createTeamFixture, memberCaller, openForSuite, unique } from "./helpers";

/** analysis.compare on fits that cannot share a chart answers 400 naming what differs, never 500. */
describe.each(testDatabaseTargets(inject("postgresUrl")))("analysis.compare on a mixed selection on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });

  async function sweep(teamId: string, data: { axes: string[]; metric: string; direction: "lower" | "higher"; pinnedModel: string }) {
    const methodology = await db.prisma.methodology.create({ data: { teamId, name: unique("method") } });
    return db.prisma.sweep.create({ data: { methodologyId: methodology.id, name: unique("sweep"), targetScale: 1e12, ...data } });
  }

  async function expectBadRequest(fitIds: string[], teamId: string, message: string) {
    const api = await memberCaller(db, teamId);
    await expect(api.analysis.compare({ fitIds })).rejects.toMatchObject({ code: "BAD_REQUEST", message });
  }

  it("a loss sweep against an accuracy sweep: 400 naming metric, direction and the two sweeps", async () => {
    const loss = await powerLawSweep(db);
    const accuracy = await plateauSweep(db);
    const fl = await (await memberCaller(db, loss.team.id)).fit.create({ sweepId: loss.sweep.id, model: "power-law" });
    const fa = await (await memberCaller(db, accuracy.team.id)).fit.create({ sweepId: accuracy.sweep.id, model: "saturating-power-law" });
    const problems = [COMPARABLE_PROBLEMS.metric("loss", "accuracy"), COMPARABLE_PROBLEMS.direction("lower", "higher")].join("; ");
    await expectBadRequest([fl.id, fa.id], loss.team.id, `fitIds: "${loss.sweep.name}" and "${accuracy.sweep.name}" cannot be compared: ${problems}`);
  });

  it("tokens against FLOPs on the x axis: 400 naming the two axes", async () => {
    const tokens = await powerLawSweep(db);
    const flops = await sweep(tokens.team.id, { axes: ["C"], metric: "loss", direction: "lower", pinnedModel: "power-law" });
    await db.prisma.run.createMany({
      data: Array.from({ length: 8 }, (_, i) => ({ sweepId: flops.id, runKey: `c-${i}`, scales: { C: 1e18 * 3 ** i }, metrics: { loss: 30 * (1e18 * 3 ** i) ** -0.05 } })),
    });
    const api = await memberCaller(db, tokens.team.id);
    const ft = await api.fit.create({ sweepId: tokens.sweep.id, model: "power-law" });
    const fc = await api.fit.create({ sweepId: flops.id, model: "power-law" });
    await expectBadRequest([ft.id, fc.id], tokens.team.id, `fitIds: "${tokens.sweep.name}" and "${flops.name}" cannot be compared: ${COMPARABLE_PROBLEMS.axis("D", "C")}`);
  });

  it("a joint law against a law of tokens: 400 naming compute as the joint law's axis", async () => {
    const tokens = await powerLawSweep(db);
    const grid = await sweep(tokens.team.id, { axes: ["N", "D"], metric: "loss", direction: "lower", pinnedModel: "chinchilla" });
    await db.prisma.run.createMany({ data: chinchillaRuns(grid.id) });
    const api = await memberCaller(db, tokens.team.id);
    const ft = await api.fit.create({ sweepId: tokens.sweep.id, model: "power-law" });
    const fj = await api.fit.create({ sweepId: grid.id, model: "chinchilla" });
    await expectBadRequest([fj.id, ft.id], tokens.team.id, `fitIds: "${grid.name}" and "${tokens.sweep.name}" cannot be compared: ${COMPARABLE_PROBLEMS.axis(JOINT_COMPARE_AXIS, "D")}`);
  });

  it("lists one sentence per fit that differs from the first, and compares the rest when they agree", async () => {
    const team = await createTeamFixture(db);
    const a = await powerLawSweep(db, { teamId: team.id });
    const b = await powerLawSweep(db, { teamId: team.id, K: 9 });
    const higher = await sweep(team.id, { axes: ["D"], metric: "loss", direction: "higher", pinnedModel: "power-law" });
    await addRuns(db, higher.id, 0, 10);
    const api = await memberCaller(db, team.id);
    const [fa, fb, fh] = [
      await api.fit.create({ sweepId: a.sweep.id, model: "power-law" }),
      await api.fit.create({ sweepId: b.sweep.id, model: "power-law" }),
      await api.fit.create({ sweepId: higher.id, model: "power-law" }),
    ];
    await expectBadRequest([fa.id, fb.id, fh.id], team.id, `fitIds: "${a.sweep.name}" and "${higher.name}" cannot be compared: ${COMPARABLE_PROBLEMS.direction("lower", "higher")}`);
    expect((await api.analysis.compare({ fitIds: [fa.id, fb.id] })).ranking).toHaveLength(2);
  });

  it("P(best), P(better) and the pair's intervals carry no number but the reason when a bootstrap is not reliable", async () => {
    const a = await plateauSweep(db);
    const b = await plateauSweep(db, 7);
    const api = await memberCaller(db, a.team.id);
    const fa = await api.fit.create({ sweepId: a.sweep.id, model: "saturating-power-law", bootstrap: 200, seed: 1 });
    const fb = await (await memberCaller(db, b.team.id)).fit.create({ sweepId: b.sweep.id, model: "saturating-power-law", bootstrap: 200, seed: 1 });
    const cmp = await api.analysis.compare({ fitIds: [fa.id, fb.id], at: 1e12 });
    const reason = cmp.ranking[0]!.probabilityBestUnreliable;
    expect(reason).toMatch(/^the bootstrap of "[^"]+" is not reliable: /);
    expect(cmp.ranking.every((r) => r.probabilityBest === null && r.probabilityBestUnreliable === reason)).toBe(true);
    const pair = cmp.pairs[0]!;
    expect(pair.probabilityABetter).toBeNull();
    expect(pair.unreliable).toMatch(/^the bootstrap of "[^"]+" is not reliable: /);
    expect(pair.dataMultiplier.interval).toMatchObject({ lower: null, upper: null });
  });
});
