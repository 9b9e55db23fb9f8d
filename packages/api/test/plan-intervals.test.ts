import { describe, expect, inject, it } from "vitest";
import { computeOptimal, type ChinchillaLaw } from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { chinchillaRuns } from "./fit-fixtures";
import { createTeamFixture, memberCaller, openForSuite, unique } from "./helpers";

/** Independent answer: the closed form written out per draw (N* = G·(C/6)^(β/(α+β)), D* = C/(6·N*)). */
function directOptimum(p: ChinchillaLaw, c: number) {
  const g = ((p.alpha * p.A) / (p.beta * p.B)) ** (1 / (p.alpha + p.beta));
  const n = g * (c / 6) ** (p.beta / (p.alpha + p.beta));
  const d = c / (6 * n);
  return { n, d, tokensPerParam: d / n, loss: p.E + p.A / n ** p.alpha + p.B / d ** p.beta };
}

/** Percentile by hand: linear interpolation between the order statistics (numpy's default). */
function percentile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  return s[lo]! + (pos - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
}

describe.each(testDatabaseTargets(inject("postgresUrl")))("analysis.plan intervals of the compute-optimal plan on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });

  async function chinchillaFit(label: string, bootstrap: number) {
    const team = await createTeamFixture(db, label);
    const api = await memberCaller(db, team.id);
    const methodology = await db.prisma.methodology.create({ data: { teamId: team.id, name: unique("joint") } });
    const sweep = await db.prisma.sweep.create({ data: { methodologyId: methodology.id, name: unique("n-d"), axes: ["N", "D"], metric: "loss", direction: "lower", pinnedModel: "chinchilla" } });
    await db.prisma.run.createMany({ data: chinchillaRuns(sweep.id) });
    const fit = await api.fit.create({ sweepId: sweep.id, model: "chinchilla", bootstrap, seed: 3 });
    return { api, fit };
  }

  it("gives percentile intervals of N*, D*, tokens per parameter and the loss over the stored draws, as a direct computation does, without fitting", async () => {
    const { api, fit } = await chinchillaFit("plan-intervals", 60);
    const fitsBefore = await db.prisma.fit.count();
    const plan = await api.analysis.plan({ budget: 1e23, fitId: fit.id, level: 0.8 });
    expect(await db.prisma.fit.count()).toBe(fitsBefore);

    const stored = await db.prisma.fit.findUniqueOrThrow({ where: { id: fit.id }, select: { draws: true } });
    const draws = stored.draws as unknown as ChinchillaLaw[];
    expect(draws.length).toBeGreaterThan(1);
    const intervals = plan.optimalIntervals!;
    expect(intervals).toMatchObject({ level: 0.8, draws: draws.length, unreliable: null });
    for (const field of ["n", "d", "tokensPerParam", "loss"] as const) {
      const values = draws.map((law) => directOptimum(law, 1e23)[field]);
      const bounds = intervals.bounds[field]!;
      expect(bounds.lower! / percentile(values, 0.1), field).toBeCloseTo(1, 9);
      expect(bounds.upper! / percentile(values, 0.9), field).toBeCloseTo(1, 9);
      expect(bounds.upper!, field).toBeGreaterThan(bounds.lower!);
    }
    // The point plan is the fit's own law; its N* lies inside the interval of its draws.
    expect(plan.optimal).toEqual(computeOptimal(plan.law, 1e23));
    expect(intervals.bounds.n!.lower!).toBeLessThan(plan.optimal.n);
    expect(intervals.bounds.n!.upper!).toBeGreaterThan(plan.optimal.n);
  });

  it("has no intervals for a published law or a fit stored without bootstrap draws", async () => {
    const { api, fit } = await chinchillaFit("plan-no-draws", 0);
    expect((await api.analysis.plan({ budget: 1e22, law: "hoffmann-2022" })).optimalIntervals).toBeNull();
    expect((await api.analysis.plan({ budget: 1e22, fitId: fit.id })).optimalIntervals).toBeNull();
  });
});
