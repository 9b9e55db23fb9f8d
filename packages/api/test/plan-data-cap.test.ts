import { describe, expect, inject, it } from "vitest";
import {
  compareRecipes,
  degenerateIntervalReason,
  computeOptimal,
  MUENNIGHOFF_C4,
  MUENNIGHOFF_C4_BASE,
  planUnderDataCap,
  predictDataConstrained,
  PUBLISHED_DATA_CONSTRAINED_LAWS,
  type DataConstrainedParams,
} from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { PLAN_ERRORS } from "../src/services/analysis/plan-compute";
import { chinchillaRuns, wobble } from "./fit-fixtures";
import { createTeamFixture, memberCaller, openForSuite, unique } from "./helpers";

describe.each(testDatabaseTargets(inject("postgresUrl")))("analysis.plan with a unique-token cap on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });

  /** A sweep over N × U × epochs with loss from a data-constrained law (C4 base, R_D* 10, R_N* 4) ±0.5 %. */
  async function dataConstrainedSweep(teamId: string) {
    const truth: DataConstrainedParams = { ...MUENNIGHOFF_C4, RDstar: 10, RNstar: 4 };
    const methodology = await db.prisma.methodology.create({ data: { teamId, name: unique("repeats") } });
    const sweep = await db.prisma.sweep.create({
      data: { methodologyId: methodology.id, name: unique("epochs"), axes: ["N", "D", "U"], metric: "loss", direction: "lower", pinnedModel: "data-constrained" },
    });
    let i = 0;
    const runs = [1e8, 3e8, 1e9].flatMap((n) =>
      [1e9, 4e9].flatMap((u) =>
        [1, 4, 16].map((epochs) => {
          const d = u * epochs;
          i += 1;
          return { sweepId: sweep.id, runKey: `r-${i}`, scales: { N: n, D: d, U: u }, metrics: { loss: predictDataConstrained(truth, { n, d, u }) * wobble(i, 0.005) } };
        }),
      ),
    );
    await db.prisma.run.createMany({ data: runs });
    return sweep;
  }

  it("plans under the cap from the C4 preset: core's numbers, the fitted range's warnings, the recipes, no intervals", async () => {
    const api = await memberCaller(db, (await createTeamFixture(db, "capped")).id);
    const plan = await api.analysis.plan({ budget: 1e22, law: "muennighoff-2023-c4", uniqueTokens: 5e10 });
    const preset = PUBLISHED_DATA_CONSTRAINED_LAWS["muennighoff-2023-c4"];
    const expected = planUnderDataCap(preset.params, { compute: 1e22, uniqueTokens: 5e10, fittedRange: preset.fittedRange });
    expect(plan.dataCap).toEqual({ ...expected, fittedRange: preset.fittedRange, intervals: null });
    expect(plan.dataCap!.warnings).toHaveLength(1);
    expect(plan.optimal).toEqual(computeOptimal(MUENNIGHOFF_C4_BASE, 1e22));
    expect(plan.recipes).toEqual(compareRecipes(1e22));
    // Without a cap the preset plans with its base law, and dataCap is null.
    expect((await api.analysis.plan({ budget: 1e22, law: "muennighoff-2023-c4" })).dataCap).toBeNull();
  });

  it("plans under the cap from a stored data-constrained fit, with intervals over its bootstrap draws", async () => {
    const team = await createTeamFixture(db, "repeaters");
    const api = await memberCaller(db, team.id);
    const sweep = await dataConstrainedSweep(team.id);
    const fit = await api.fit.create({ sweepId: sweep.id, model: "data-constrained", bootstrap: 20, seed: 5 });
    const plan = await api.analysis.plan({ budget: 1e21, fitId: fit.id, uniqueTokens: 2e9, extraUniqueTokens: 1e9, level: 0.8 });
    const params = fit.params as unknown as DataConstrainedParams;
    const fittedRange = { compute: [fit.smallest!, fit.frontier!] as [number, number] };
    const expected = planUnderDataCap(params, { compute: 1e21, uniqueTokens: 2e9, extraUniqueTokens: 1e9, fittedRange });
    const { intervals, ...point } = plan.dataCap!;
    expect(point).toEqual({ ...expected, fittedRange });
    expect(point.warnings[0]).toMatch(/^compute budget \(FLOPs\) 1\.00e\+21 is outside the range the law was fitted on/);
    expect(intervals).toMatchObject({ level: 0.8, draws: 20, unreliable: null });
    const n = intervals!.bounds.n!;
    expect(n.lower!).toBeLessThanOrEqual(point.capped.n);
    expect(n.upper!).toBeGreaterThanOrEqual(point.capped.n);
    expect(n.upper!).toBeGreaterThan(n.lower!);
  });

  it("withholds the intervals when the data have no repeats: R_D* is not determined, so the fit is degenerate", async () => {
    const team = await createTeamFixture(db, "no-repeats");
    const api = await memberCaller(db, team.id);
    const methodology = await db.prisma.methodology.create({ data: { teamId: team.id, name: unique("single-epoch") } });
    const sweep = await db.prisma.sweep.create({
      data: { methodologyId: methodology.id, name: unique("grid"), axes: ["N", "D"], metric: "loss", direction: "lower", pinnedModel: "data-constrained" },
    });
    await db.prisma.run.createMany({ data: chinchillaRuns(sweep.id) });
    const fit = await api.fit.create({ sweepId: sweep.id, model: "data-constrained", bootstrap: 20, seed: 3 });
    const plan = await api.analysis.plan({ budget: 1e21, fitId: fit.id, uniqueTokens: 1e10 });
    // Every draw keeps the same R_D* (the runs never repeat data), and a capped plan turns on it: no interval
    // is shown, and the reason names the parameter (the base held fixed by design is not one).
    expect(fit.summary?.degenerate).toEqual([expect.stringMatching(/^the bootstrap draws collapsed: RDstar(, RNstar)? ha(s|ve) a zero-width interval/)]);
    expect(plan.dataCap!.intervals).toEqual({ level: 0.9, draws: 20, bounds: {}, unreliable: degenerateIntervalReason(fit.summary!.degenerate!) });
  });

  it.each<[Record<string, unknown>, string]>([
    [{ law: "epoch-2024" }, PLAN_ERRORS.capNeedsDataConstrained("Besiroglu et al. 2024 (Epoch AI replication of Chinchilla)")],
    [{ law: { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 } }, PLAN_ERRORS.capNeedsDataConstrained("given parameters")],
  ])("refuses a cap with a law that is not data-constrained (%o)", async (law, message) => {
    const api = await memberCaller(db, (await createTeamFixture(db, "wrong-law")).id);
    await expect(api.analysis.plan({ budget: 1e21, uniqueTokens: 1e10, ...law } as never)).rejects.toMatchObject({ code: "BAD_REQUEST", message });
  });

  it("refuses a cap with a stored chinchilla fit, and bad cap values by field", async () => {
    const team = await createTeamFixture(db, "chinchilla-cap");
    const api = await memberCaller(db, team.id);
    const sweep = await dataConstrainedSweep(team.id);
    const fit = await api.fit.create({ sweepId: sweep.id, model: "chinchilla", bootstrap: 0 });
    await expect(api.analysis.plan({ budget: 1e21, fitId: fit.id, uniqueTokens: 1e10 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: PLAN_ERRORS.capNeedsDataConstrained(`fit ${fit.id} (chinchilla)`),
    });
    await expect(api.analysis.plan({ budget: 1e21, law: "muennighoff-2023-c4", uniqueTokens: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("uniqueTokens") });
    await expect(api.analysis.plan({ budget: 1e21, law: "muennighoff-2023-c4", uniqueTokens: 1e10, extraUniqueTokens: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("extraUniqueTokens") });
    await expect(api.analysis.plan({ budget: 1e21, law: "muennighoff-2023-c4", uniqueTokens: 1e10, level: 1 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("level") });
  });
});
