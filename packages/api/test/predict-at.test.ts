import { describe, expect, inject, it } from "vitest";
import { HOFFMANN_2022, JOINT_INTERVAL_COVERS, PREDICT_JOINT_ERRORS, predictChinchilla } from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { chinchillaRuns, powerLawSweep } from "./fit-fixtures";
import { createTeamFixture, memberCaller, openForSuite, unique } from "./helpers";

describe.each(testDatabaseTargets(inject("postgresUrl")))("analysis.predictAt on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });

  async function chinchillaFit() {
    const team = await createTeamFixture(db);
    const methodology = await db.prisma.methodology.create({ data: { teamId: team.id, name: unique("dense") } });
    const sweep = await db.prisma.sweep.create({
      data: { methodologyId: methodology.id, name: unique("grid"), axes: ["N", "D"], metric: "loss", direction: "lower", pinnedModel: "chinchilla" },
    });
    await db.prisma.run.createMany({ data: chinchillaRuns(sweep.id) });
    const api = await memberCaller(db, team.id);
    const fit = await api.fit.create({ sweepId: sweep.id, model: "chinchilla", bootstrap: 60, seed: 3 });
    return { api, fit, sweep };
  }

  it("predictAt({fitId, pairs, level}) gives the law at each (N, D) with a parameter-uncertainty interval at the level", async () => {
    const { api, fit, sweep } = await chinchillaFit();
    const pairs = [
      { n: 13e9, d: 5e12 },
      { n: 7e10, d: 1.4e12 },
    ];
    const out = await api.analysis.predictAt({ fitId: fit.id, pairs, level: 0.8 });
    expect(out).toMatchObject({ fitId: fit.id, sweepId: sweep.id, model: "chinchilla", metric: "loss", level: 0.8, uncertainty: JOINT_INTERVAL_COVERS });
    out.at.forEach((p, i) => {
      expect(p).toMatchObject({ ...pairs[i], u: null });
      // The runs follow Hoffmann et al.'s law with ±1 % noise: the fit lands close to it at a planned run.
      expect(Math.abs(p.value! / predictChinchilla(HOFFMANN_2022, pairs[i]!) - 1)).toBeLessThan(0.02);
      expect(p.interval!.lower!).toBeLessThan(p.value!);
      expect(p.interval!.upper!).toBeGreaterThan(p.value!);
    });
    const wider = await api.analysis.predictAt({ fitId: fit.id, pairs, level: 0.95 });
    expect(wider.at[0]!.interval!.upper! - wider.at[0]!.interval!.lower!).toBeGreaterThan(out.at[0]!.interval!.upper! - out.at[0]!.interval!.lower!);
  });

  it("answers 400 for a law of one scale, U on chinchilla, a non-positive N and no pairs", async () => {
    const { api, fit } = await chinchillaFit();
    await expect(api.analysis.predictAt({ fitId: fit.id, pairs: [{ n: 1e9, d: 1e10 }, { n: 1e9, d: 1e10, u: 1e9 }] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `pairs.1: ${PREDICT_JOINT_ERRORS.uniqueNotRead("chinchilla")}`,
    });
    await expect(api.analysis.predictAt({ fitId: fit.id, pairs: [{ n: 0, d: 1e10 }] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.analysis.predictAt({ fitId: fit.id, pairs: [] })).rejects.toThrow("must list at least one (N, D) pair");
    await expect(api.analysis.predictAt({ fitId: fit.id, pairs: [{ n: 1e9, d: 1e10 }], level: 1 })).rejects.toThrow("must be between 0 and 1");

    const oneAxis = await powerLawSweep(db);
    const one = await (await memberCaller(db, oneAxis.team.id)).fit.create({ sweepId: oneAxis.sweep.id, model: "power-law" });
    await expect(api.analysis.predictAt({ fitId: one.id, pairs: [{ n: 1e9, d: 1e10 }] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `fitId: ${PREDICT_JOINT_ERRORS.notJoint("power-law")}`,
    });
  });
});
