/**
 * Sweeps that declare the axes their law needs: N, D and unique tokens U for the data-constrained law (fitted
 * on a team's own runs, not degenerate), FLOPs per token M and D for an IsoFLOP analysis in M (C = M·D), and
 * analysis.dataStrategies comparing two data-constrained fits under a cap. Run data are built from published
 * laws read from the anchors (never copied): datablations' C4 law and DeepSeek's M_opt(C), D_opt(C).
 */
import { describe, expect, inject, it } from "vitest";
import { createRandom, DATA_STRATEGY_MESSAGES, predictDataConstrained, uniqueTokensToMatch, type DataConstrainedParams } from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { anchorsPresent, readAnchor, readAnchorCsv } from "../../core/test/anchors";
import { createTeamFixture, memberCaller, openForSuite, runPendingFitJobs, unique } from "./helpers";

type Caller = Awaited<ReturnType<typeof memberCaller>>;

interface PublishedParams {
  datablations_muennighoff2023: { c4_base_params: { A: number; B: number; E: number; alpha: number; beta: number }; fitted: { R_D_star: number; R_N_star: number } };
  deepseek_llm_2024: { M_opt: { coef: number; exponent: number }; D_opt: { coef: number; exponent: number } };
}
const published = anchorsPresent ? (JSON.parse(readAnchor("published_params.json")) as PublishedParams) : undefined;

/** The datablations C4 law as published: the fixed base and the fitted R_D*, R_N*. */
function datablationsLaw(): DataConstrainedParams {
  const { c4_base_params: base, fitted } = published!.datablations_muennighoff2023;
  return { ...base, RDstar: fitted.R_D_star, RNstar: fitted.R_N_star };
}

/** The anchor's 182 runs (N, D, U) with loss from `law` and 0.3 % seeded noise (noise-free draws would all agree). */
function datablationsRuns(law: DataConstrainedParams, seed = 7) {
  const rng = createRandom(seed);
  return readAnchorCsv("datablations_c4_runs.csv").map((r) => {
    const scales = { N: Number(r.params_N), D: Number(r.tokens_D), U: Number(r.unique_tokens_U) };
    const loss = predictDataConstrained(law, { n: scales.N, d: scales.D, u: scales.U }) * Math.exp(0.003 * rng.normal());
    return { runKey: r.name!, scales, metrics: { loss } };
  });
}

async function createSweep(api: Caller, teamId: string, axes: string[], options: { pinnedModel?: string; metric?: string } = {}) {
  const methodology = await api.methodology.create({ teamId, name: unique("data recipe") });
  const sweep = await api.sweep.create({ methodologyId: methodology.id, name: unique("sweep"), axes, metric: options.metric ?? "loss", direction: "lower", ...(options.pinnedModel ? { pinnedModel: options.pinnedModel as "data-constrained" } : {}) });
  return { methodology, sweep };
}

/** An N, D, U sweep ingested through the API, fitted by its job (data-constrained pinned); its stored fit. */
async function fittedDataConstrainedSweep(db: Database, api: Caller, teamId: string, law: DataConstrainedParams, axes = ["N", "D", "U"]) {
  const { sweep } = await createSweep(api, teamId, axes, { pinnedModel: "data-constrained" });
  const runs = datablationsRuns(law).map((r) => ({ ...r, scales: Object.fromEntries(Object.entries(r.scales).filter(([axis]) => axes.includes(axis))) }));
  await api.run.ingest({ sweepId: sweep.id, runs });
  await runPendingFitJobs(db, { sweepId: sweep.id });
  const { fit } = await api.fit.latest({ sweepId: sweep.id });
  return { sweep, fit: fit! };
}

/** An isoFLOP grid in M: per budget, 7 models around DeepSeek's M_opt(C), D = C/M rounded to whole tokens. */
function isoFlopRunsInM() {
  const { M_opt } = published!.deepseek_llm_2024;
  return [1e17, 1e18, 1e19, 1e20].flatMap((c, i) => {
    const mOpt = M_opt.coef * c ** M_opt.exponent;
    return [1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8].map((f, j) => {
      const m = mOpt * f;
      const loss = 1.8 + 40 * c ** -0.15 + 0.05 * Math.log(f) ** 2;
      return { runKey: `c${i}-m${j}`, scales: { M: m, D: Math.round(c / m) }, metrics: { loss } };
    });
  });
}

describe.skipIf(!anchorsPresent).each(testDatabaseTargets(inject("postgresUrl")))("scale axes N, M, D, U on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });

  it("fits the data-constrained law on a team's own (N, D, U) runs: not degenerate, R_D* and R_N* recovered", async () => {
    const team = await createTeamFixture(db, "repeats");
    const api = await memberCaller(db, team.id);
    const law = datablationsLaw();
    const { fit } = await fittedDataConstrainedSweep(db, api, team.id, law);
    expect(fit.model).toBe("data-constrained");
    // Bootstrapped, so a collapse of R_D*'s draws (what a sweep without U shows) would be flagged here.
    expect(fit.bootstrap).toBeGreaterThan(0);
    expect(fit.summary).not.toBeNull();
    expect(fit.summary!.degenerate ?? []).toEqual([]);
    expect(fit.params.RDstar).toBeGreaterThan(law.RDstar - 0.5);
    expect(fit.params.RDstar).toBeLessThan(law.RDstar + 0.5);
    expect(fit.params.RNstar).toBeGreaterThan(law.RNstar - 0.1);
    expect(fit.params.RNstar).toBeLessThan(law.RNstar + 0.1);
  }, 120_000);

  it("fits an IsoFLOP analysis in M on an M, D sweep (C = M·D): DeepSeek's M_opt(C) and D_opt(C)", async () => {
    const team = await createTeamFixture(db, "flops-per-token");
    const api = await memberCaller(db, team.id);
    const { sweep } = await createSweep(api, team.id, ["M", "D"]);
    await api.run.ingest({ sweepId: sweep.id, runs: isoFlopRunsInM() });
    // No score law reads M and D: the sweep's default fit says so, and points to the IsoFLOP analysis.
    await runPendingFitJobs(db, { sweepId: sweep.id });
    expect((await api.fit.latest({ sweepId: sweep.id })).fitStatus).toEqual({
      state: "failed",
      reason: `sweep "${sweep.name}": no model fits axes M, D; its runs feed an IsoFLOP analysis (model isoflop, on budgets C = M·D), which gives optima, not a score curve`,
    });
    const fit = await api.fit.create({ sweepId: sweep.id, model: "isoflop" });
    const { M_opt, D_opt } = published!.deepseek_llm_2024;
    expect(fit.params.a).toBeCloseTo(M_opt.exponent, 6);
    expect(fit.params.K! / M_opt.coef).toBeCloseTo(1, 4);
    const c = 1e21;
    const mOpt = fit.params.K! * c ** fit.params.a!;
    // D_opt = C / M_opt; DeepSeek's two published laws agree to their 4 digits (0.1715 · 5.8316 ≈ 1).
    expect(c / mOpt / (D_opt.coef * c ** D_opt.exponent)).toBeCloseTo(1, 3);
  });

  it("names each axis problem of a sweep of M and of U when runs arrive, writing nothing", async () => {
    const team = await createTeamFixture(db, "bad-scales");
    const api = await memberCaller(db, team.id);
    const { sweep: repeats } = await createSweep(api, team.id, ["N", "D", "U"]);
    const { sweep: flops } = await createSweep(api, team.id, ["M", "D"]);
    const rejects = (sweepId: string, scales: Record<string, number>, message: string) =>
      expect(api.run.ingest({ sweepId, runs: [{ runKey: "r1", scales, metrics: { loss: 3 } }] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: `1 bad row, nothing was written: row 1: ${message}` });
    await rejects(repeats.id, { N: 1e8, D: 1e9, U: 2e9 }, "scales.U: unique tokens U = 2000000000 exceed the tokens trained on D = 1000000000 (each unique token is seen at least once)");
    await rejects(repeats.id, { N: 1e8, D: 1e9 }, `scales.U: missing (sweep "${repeats.name}" has axes N, D, U)`);
    await rejects(repeats.id, { N: 1e8, D: 1e9, U: -5 }, "scales.U: scale values must be positive (they are read on a log axis)");
    await rejects(flops.id, { D: 1e9 }, `scales.M: missing (sweep "${flops.name}" has axes M, D)`);
    await rejects(flops.id, { M: 0, D: 1e9 }, "scales.M: scale values must be positive (they are read on a log axis)");
    expect(await db.prisma.run.count({ where: { sweepId: { in: [repeats.id, flops.id] } } })).toBe(0);
  });

  it("imports a CSV of N, D, U and M columns (a mapped column too), and names an imported row whose U exceeds D", async () => {
    const team = await createTeamFixture(db, "import-scales");
    const api = await memberCaller(db, team.id);
    const { sweep } = await createSweep(api, team.id, ["N", "M", "D", "U"]);
    const header = "run,N,flops_per_token,D,U,loss";
    const good = `${header}\na,1e8,7.2e8,4e9,1e9,3.1\nb,4e8,2.6e9,8e9,2e9,2.8\n`;
    const result = await api.run.import({ sweepId: sweep.id, format: "csv", content: good, mapping: { M: "flops_per_token" } });
    expect(result.inserted).toBe(2);
    const stored = await db.prisma.run.findFirstOrThrow({ where: { sweepId: sweep.id, runKey: "b" }, select: { scales: true } });
    expect(stored.scales).toEqual({ N: 4e8, M: 2.6e9, D: 8e9, U: 2e9 });
    await expect(api.run.import({ sweepId: sweep.id, format: "csv", content: `${header}\nc,1e8,7.2e8,4e9,1e9,3.1\nd,1e8,7.2e8,1e9,4e9,3.3\n`, mapping: { M: "flops_per_token" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("row 3: scales.U: unique tokens U = 4000000000 exceed the tokens trained on D = 1000000000"),
    });
    expect(await db.prisma.run.count({ where: { sweepId: sweep.id } })).toBe(2);
  });

  it("says which law an M, D sweep and an N, D, U sweep cannot feed", async () => {
    const team = await createTeamFixture(db, "wrong-law");
    const api = await memberCaller(db, team.id);
    const { sweep: flops } = await createSweep(api, team.id, ["M", "D"]);
    const { sweep: repeats } = await createSweep(api, team.id, ["N", "D", "U"]);
    await expect(api.sweep.pinModel({ sweepId: flops.id, model: "chinchilla" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `model: chinchilla needs scale axes N and D; sweep "${flops.name}" has axes M, D (a sweep of M and D fits isoflop on C = M·D)`,
    });
    await expect(api.fit.create({ sweepId: repeats.id, model: "isoflop" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `model: isoflop needs a compute axis C and one swept axis, or axes M and D (C = M·D); sweep "${repeats.name}" has axes N, D, U`,
    });
  });

  it("compares two data strategies under a cap from their stored fits: core's uniqueTokensToMatch", async () => {
    const team = await createTeamFixture(db, "strategies");
    const api = await memberCaller(db, team.id);
    const law = datablationsLaw();
    // B's repeated tokens are worth less (R_D* 5): it needs more unique tokens to match A under a binding cap.
    const a = await fittedDataConstrainedSweep(db, api, team.id, law);
    const b = await fittedDataConstrainedSweep(db, api, team.id, { ...law, RDstar: 5 });
    const input = { budget: 1e21, uniqueTokens: 2e10 };
    const answer = await api.analysis.dataStrategies({ fitIdA: a.fit.id, fitIdB: b.fit.id, ...input });
    const expected = uniqueTokensToMatch(a.fit.params as unknown as DataConstrainedParams, b.fit.params as unknown as DataConstrainedParams, { compute: input.budget, uniqueTokens: input.uniqueTokens });
    expect(answer).toMatchObject({ ...input, targetLoss: expected.targetLoss, uniqueTokensB: expected.uniqueTokens, multiplier: expected.multiplier });
    expect(answer.a).toMatchObject({ fitId: a.fit.id, sweep: { id: a.sweep.id, axes: ["N", "D", "U"] } });
    expect(answer.multiplier!).toBeGreaterThan(1);
  }, 180_000);

  it("refuses data strategies that are not two data-constrained fits on the same axes and metric", async () => {
    const team = await createTeamFixture(db, "strategy-errors");
    const api = await memberCaller(db, team.id);
    const law = datablationsLaw();
    const { sweep, fit } = await fittedDataConstrainedSweep(db, api, team.id, law);
    const methodology = (await db.prisma.sweep.findUniqueOrThrow({ where: { id: sweep.id }, select: { methodology: { select: { name: true } } } })).methodology.name;
    const chinchilla = await api.fit.create({ sweepId: sweep.id, model: "chinchilla", bootstrap: 0 });
    const withoutU = await fittedDataConstrainedSweep(db, api, team.id, law, ["N", "D"]);
    const { sweep: otherMetric } = await createSweep(api, team.id, ["N", "D", "U"], { pinnedModel: "data-constrained", metric: "val_loss" });
    await api.run.ingest({ sweepId: otherMetric.id, runs: datablationsRuns(law).map((r) => ({ ...r, metrics: { val_loss: r.metrics.loss } })) });
    await runPendingFitJobs(db, { sweepId: otherMetric.id });
    const otherMetricFit = (await api.fit.latest({ sweepId: otherMetric.id })).fit!;
    const query = (fitIdA: string, fitIdB: string) => api.analysis.dataStrategies({ fitIdA, fitIdB, budget: 1e21, uniqueTokens: 2e10 });
    await expect(query(fit.id, chinchilla.id)).rejects.toMatchObject({ code: "BAD_REQUEST", message: `fitIdB: ${DATA_STRATEGY_MESSAGES.notDataConstrained(`${methodology} · ${sweep.name}`, "chinchilla")}` });
    await expect(query(chinchilla.id, fit.id)).rejects.toMatchObject({ code: "BAD_REQUEST", message: `fitIdA: ${DATA_STRATEGY_MESSAGES.notDataConstrained(`${methodology} · ${sweep.name}`, "chinchilla")}` });
    await expect(query(fit.id, withoutU.fit.id)).rejects.toMatchObject({ code: "BAD_REQUEST", message: `fitIdB: ${DATA_STRATEGY_MESSAGES.differentAxes(["N", "D", "U"], ["N", "D"])}` });
    await expect(query(fit.id, otherMetricFit.id)).rejects.toMatchObject({ code: "BAD_REQUEST", message: `fitIdB: ${DATA_STRATEGY_MESSAGES.differentMetrics("loss", "val_loss")}` });
    await expect(query(fit.id, "no-such-fit")).rejects.toMatchObject({ code: "NOT_FOUND", message: "fitIdB: fit no-such-fit does not exist" });
    await expect(api.analysis.dataStrategies({ fitIdA: fit.id, fitIdB: fit.id, budget: 1e21, uniqueTokens: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "uniqueTokens: must be a positive number" });
  }, 240_000);
});
