import { describe, expect, inject, it } from "vitest";
import { computeOptimal } from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { chinchillaRuns } from "./fit-fixtures";
import { createTeamFixture, memberCaller, openForSuite, runPendingFitJobs, unique } from "./helpers";

describe.each(testDatabaseTargets(inject("postgresUrl")))("fit.plannable on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });

  async function sweepOf(teamId: string, name: string, axes: string[], pinnedModel: string) {
    const methodology = await db.prisma.methodology.create({ data: { teamId, name: unique(name) } });
    return db.prisma.sweep.create({ data: { methodologyId: methodology.id, name: unique("sweep"), axes, metric: "loss", direction: "lower", pinnedModel } });
  }

  it("lists every team's N × D sweeps with a Chinchilla-form fit, their names and fit status, and the reason a sweep cannot be fitted", async () => {
    const team = await createTeamFixture(db, "planners");
    const dense = await sweepOf(team.id, "dense", ["N", "D"], "chinchilla");
    await db.prisma.run.createMany({ data: chinchillaRuns(dense.id) });
    const sparse = await sweepOf(team.id, "sparse", ["n", "d"], "chinchilla");
    // Axis names match in any case, as in fitting.
    const lowerCaseRuns = chinchillaRuns(sparse.id).map((r) => ({ ...r, scales: { n: r.scales.N, d: r.scales.D } }));
    await db.prisma.run.createMany({ data: lowerCaseRuns.slice(0, 3) });
    const kaplan = await sweepOf(team.id, "kaplan", ["N", "D"], "kaplan");
    await db.prisma.run.createMany({ data: chinchillaRuns(kaplan.id) });
    const oneAxis = await sweepOf(team.id, "one axis", ["D"], "power-law");
    const ours = new Set([dense.id, sparse.id, kaplan.id, oneAxis.id]);
    const stored = await (await memberCaller(db, team.id)).fit.create({ sweepId: dense.id, model: "chinchilla", bootstrap: 0 });

    // Read by a member of another team: everyone signed in plans from every team's fits.
    const reader = await memberCaller(db, (await createTeamFixture(db, "readers")).id);
    const listed = async () => (await reader.fit.plannable()).filter((f) => ours.has(f.sweep.id));
    const fitting = { state: "fitting", reason: null };
    expect((await listed()).map((f) => [f.sweep.id, f.model, f.fitId, f.fitStatus])).toEqual([
      [dense.id, "chinchilla", null, fitting],
      [sparse.id, "chinchilla", null, fitting],
    ]);
    for (const sweep of [dense, sparse, kaplan, oneAxis]) await runPendingFitJobs(db, { sweepId: sweep.id });
    expect((await listed()).map((f) => [f.sweep.id, f.model, f.fitId, f.fitStatus])).toEqual([
      [dense.id, "chinchilla", stored.id, { state: "current", reason: null }],
      [sparse.id, "chinchilla", null, { state: "failed", reason: `sweep "${sparse.name}": chinchilla fit needs at least 6 points, got 3` }],
    ]);
    expect((await listed())[0]).toMatchObject({ metric: "loss", team: { id: team.id, slug: team.slug, name: team.name }, methodology: { name: expect.stringMatching(/^dense/) } });

    const plan = await reader.analysis.plan({ fitId: stored.id, budget: 1e22 });
    const p = stored.params;
    const expected = computeOptimal({ E: p.E!, A: p.A!, B: p.B!, alpha: p.alpha!, beta: p.beta! }, 1e22);
    expect(plan.optimal).toEqual(expected);
    expect(plan.source).toBe(`fit ${stored.id} (chinchilla)`);
    // A plan link can outlive its fit: the answer names the missing one.
    await expect(reader.analysis.plan({ fitId: "no-such-fit", budget: 1e22 })).rejects.toMatchObject({ code: "NOT_FOUND", message: "fitId: fit no-such-fit does not exist" });
  });

  it("lists a stored chinchilla fit of a sweep whose default model is not Chinchilla-form, as its latest fit", async () => {
    const team = await createTeamFixture(db, "kaplanites");
    const sweep = await sweepOf(team.id, "kaplan", ["N", "D"], "kaplan");
    await db.prisma.run.createMany({ data: chinchillaRuns(sweep.id) });
    await runPendingFitJobs(db, { sweepId: sweep.id });
    const api = await memberCaller(db, team.id);
    expect((await api.fit.plannable()).filter((f) => f.sweep.id === sweep.id)).toEqual([]);
    const fit = await api.fit.create({ sweepId: sweep.id, model: "chinchilla", bootstrap: 0 });
    const listed = (await api.fit.plannable()).filter((f) => f.sweep.id === sweep.id);
    expect(listed.map((f) => [f.model, f.fitId])).toEqual([["chinchilla", fit.id]]);
  });
});
