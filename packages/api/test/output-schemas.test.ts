import { beforeAll, describe, expect, inject, it } from "vitest";
import type { z } from "zod";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { DEMO_ACCOUNTS, seedDemo } from "@scalecast/seed";
import { appRouter } from "../src";
import type { backtestSweep } from "../src/services/analysis/backtest-sweep";
import type { compareDataStrategies, ZDataStrategiesOutput } from "../src/services/analysis/compare-data-strategies";
import type { compareFits } from "../src/services/analysis/compare-fits";
import type { forecastFit } from "../src/services/analysis/forecast-fit";
import type { listBacktests } from "../src/services/analysis/list-backtests";
import type { planCompute } from "../src/services/analysis/plan-compute";
import type { predictAt } from "../src/services/analysis/predict-at";
import type { recommendFit } from "../src/services/analysis/recommend-fit";
import type {
  ZBacktestSweepOutput,
  ZCompareFitsOutput,
  ZForecastFitOutput,
  ZListBacktestsOutput,
  ZPlanComputeOutput,
  ZPredictAtOutput,
  ZRecommendFitOutput,
  ZSelectModelOutput,
} from "../src/services/analysis/schemas";
import type { selectModelForSweep } from "../src/services/analysis/select-model";
import type { createDecision } from "../src/services/decision/create-decision";
import type { listDecisions } from "../src/services/decision/list-decisions";
import type { ZCreateDecisionOutput, ZListDecisionsOutput } from "../src/services/decision/schemas";
import type { createFit } from "../src/services/fit/create-fit";
import type { getFit } from "../src/services/fit/get-fit";
import { ZLatestFitOutput, type getLatestFit } from "../src/services/fit/get-latest-fit";
import type { requestFit } from "../src/services/fit/request-fit";
import type { listFitHistory } from "../src/services/fit/list-fit-history";
import type { listPlannableFits, ZListPlannableFitsOutput } from "../src/services/fit/list-plannable-fits";
import { ZFit, type TCreateFitInput, type ZCreateFitOutput, type ZListFitHistoryOutput } from "../src/services/fit/schemas";
import type { importRuns, ZImportRunsOutput } from "../src/services/import/import-runs";
import type { getSignUpPolicy } from "../src/services/instance/get-sign-up-policy";
import type { ZGetSignUpPolicyOutput, ZSetSignUpPolicyOutput } from "../src/services/instance/schemas";
import type { setSignUpPolicy } from "../src/services/instance/set-sign-up-policy";
import type { createInvitation } from "../src/services/invitation/create-invitation";
import type { listInvitations } from "../src/services/invitation/list-invitations";
import type { revokeInvitation } from "../src/services/invitation/revoke-invitation";
import type { ZCreateInvitationOutput, ZListInvitationsOutput, ZRevokeInvitationOutput } from "../src/services/invitation/schemas";
import type { addMember } from "../src/services/member/add-member";
import type { listMembers } from "../src/services/member/list-members";
import type { removeMember } from "../src/services/member/remove-member";
import type { ZAddMemberOutput, ZListMembersOutput, ZRemoveMemberOutput } from "../src/services/member/schemas";
import type { createMethodology } from "../src/services/methodology/create-methodology";
import type { listMethodologies } from "../src/services/methodology/list-methodologies";
import type { ZCreateMethodologyOutput, ZListMethodologiesOutput } from "../src/services/methodology/schemas";
import type { getTeamOverview } from "../src/services/overview/get-team-overview";
import type { ZGetTeamOverviewOutput } from "../src/services/overview/schemas";
import type { ingestRuns } from "../src/services/run/ingest-runs";
import type { deleteRun } from "../src/services/run/delete-run";
import type { excludeRun } from "../src/services/run/exclude-run";
import type { includeRun } from "../src/services/run/include-run";
import type { listRunEvents } from "../src/services/run/list-run-events";
import type { ZIngestResult, ZRunEvent } from "../src/services/run/run-schemas";
import type { createSnapshot } from "../src/services/snapshot/create-snapshot";
import type { diffSnapshots } from "../src/services/snapshot/diff-snapshots";
import type { getSnapshot } from "../src/services/snapshot/get-snapshot";
import type { listSnapshots } from "../src/services/snapshot/list-snapshots";
import type { ZCreateSnapshotOutput, ZDiffSnapshotsOutput, ZGetSnapshotOutput, ZListSnapshotsOutput } from "../src/services/snapshot/schemas";
import type { createSweep } from "../src/services/sweep/create-sweep";
import type { pinSweepModel } from "../src/services/sweep/pin-sweep-model";
import type { getSweep } from "../src/services/sweep/get-sweep";
import type { listSweeps } from "../src/services/sweep/list-sweeps";
import type { setMetricBounded } from "../src/services/sweep/set-metric-bounded";
import { ZGetSweepOutput, type ZCreateSweepOutput, type ZListSweepsOutput, type ZSweepFields } from "../src/services/sweep/sweep-schemas";
import type { createTeam } from "../src/services/team/create-team";
import type { getTeam } from "../src/services/team/get-team";
import type { listTeams } from "../src/services/team/list-teams";
import type { ZCreateTeamOutput, ZGetTeamOutput, ZListTeamsOutput } from "../src/services/team/team-schemas";
import type { createToken } from "../src/services/token/create-token";
import type { listTokens } from "../src/services/token/list-tokens";
import type { revokeToken } from "../src/services/token/revoke-token";
import type { ZCreateTokenOutput, ZListTokensOutput, ZRevokeTokenOutput } from "../src/services/token/schemas";
import { callerFor, createTeamFixture, memberCaller, openForSuite, runPendingFitJobs, unique, userActor } from "./helpers";

/** T with its literal types widened (a service's "DeepSeek LLM 2024" where its schema says string). */
type Widen<T> = unknown extends T
  ? T
  : T extends string
    ? string
    : T extends number
      ? number
      : T extends boolean
        ? boolean
        : T extends Date
          ? Date
          : { [K in keyof T]: Widen<T[K]> };
/** True when A is assignable to B and B to A (literals of A widened): the same fields with the same types, none missing or extra. */
type SameShape<A, B> = [A] extends [B] ? ([B] extends [Widen<A>] ? true : false) : false;
/** Whether `Service` answers exactly what `Schema` describes. */
type Answers<Service extends (...args: never[]) => Promise<unknown>, Schema extends z.ZodType> = SameShape<Awaited<ReturnType<Service>>, z.input<Schema>>;

/**
 * Each procedure's service against its output schema, checked by typecheck (`true satisfies false` fails):
 * a field a service adds without its schema, which the output parse would silently strip, or a field only
 * the schema has, fails here. The test below checks that every procedure is listed.
 */
const SERVICE_ANSWERS_ITS_SCHEMA = {
  "team.list": true satisfies Answers<typeof listTeams, typeof ZListTeamsOutput>,
  "team.get": true satisfies Answers<typeof getTeam, typeof ZGetTeamOutput>,
  "team.create": true satisfies Answers<typeof createTeam, typeof ZCreateTeamOutput>,
  "team.overview": true satisfies Answers<typeof getTeamOverview, typeof ZGetTeamOverviewOutput>,
  "member.list": true satisfies Answers<typeof listMembers, typeof ZListMembersOutput>,
  "member.add": true satisfies Answers<typeof addMember, typeof ZAddMemberOutput>,
  "member.remove": true satisfies Answers<typeof removeMember, typeof ZRemoveMemberOutput>,
  "invitation.list": true satisfies Answers<typeof listInvitations, typeof ZListInvitationsOutput>,
  "invitation.create": true satisfies Answers<typeof createInvitation, typeof ZCreateInvitationOutput>,
  "invitation.revoke": true satisfies Answers<typeof revokeInvitation, typeof ZRevokeInvitationOutput>,
  "instance.signUpPolicy": true satisfies Answers<typeof getSignUpPolicy, typeof ZGetSignUpPolicyOutput>,
  "instance.setSignUpPolicy": true satisfies Answers<typeof setSignUpPolicy, typeof ZSetSignUpPolicyOutput>,
  "token.list": true satisfies Answers<typeof listTokens, typeof ZListTokensOutput>,
  "token.create": true satisfies Answers<typeof createToken, typeof ZCreateTokenOutput>,
  "token.revoke": true satisfies Answers<typeof revokeToken, typeof ZRevokeTokenOutput>,
  "methodology.list": true satisfies Answers<typeof listMethodologies, typeof ZListMethodologiesOutput>,
  "methodology.create": true satisfies Answers<typeof createMethodology, typeof ZCreateMethodologyOutput>,
  "sweep.list": true satisfies Answers<typeof listSweeps, typeof ZListSweepsOutput>,
  "sweep.get": true satisfies Answers<typeof getSweep, typeof ZGetSweepOutput>,
  "sweep.create": true satisfies Answers<typeof createSweep, typeof ZCreateSweepOutput>,
  "sweep.pinModel": true satisfies Answers<typeof pinSweepModel, typeof ZSweepFields>,
  "run.ingest": true satisfies Answers<typeof ingestRuns, typeof ZIngestResult>,
  "sweep.setMetricBounded": true satisfies Answers<typeof setMetricBounded, typeof ZCreateSweepOutput>,
  "run.import": true satisfies Answers<typeof importRuns, typeof ZImportRunsOutput>,
  "run.exclude": true satisfies Answers<typeof excludeRun, typeof ZRunEvent>,
  "run.include": true satisfies Answers<typeof includeRun, typeof ZRunEvent>,
  "run.delete": true satisfies Answers<typeof deleteRun, typeof ZRunEvent>,
  "run.events": true satisfies Answers<typeof listRunEvents, z.ZodArray<typeof ZRunEvent>>,
  "fit.create": true satisfies Answers<typeof createFit, typeof ZCreateFitOutput>,
  "fit.request": true satisfies Answers<typeof requestFit, typeof ZLatestFitOutput>,
  "fit.latest": true satisfies Answers<typeof getLatestFit, typeof ZLatestFitOutput>,
  "fit.history": true satisfies Answers<typeof listFitHistory, typeof ZListFitHistoryOutput>,
  "fit.get": true satisfies Answers<typeof getFit, typeof ZFit>,
  "fit.plannable": true satisfies Answers<typeof listPlannableFits, typeof ZListPlannableFitsOutput>,
  "analysis.forecast": true satisfies Answers<typeof forecastFit, typeof ZForecastFitOutput>,
  "analysis.backtest": true satisfies Answers<typeof backtestSweep, typeof ZBacktestSweepOutput>,
  "analysis.backtestHistory": true satisfies Answers<typeof listBacktests, typeof ZListBacktestsOutput>,
  "analysis.selectModel": true satisfies Answers<typeof selectModelForSweep, typeof ZSelectModelOutput>,
  "analysis.compare": true satisfies Answers<typeof compareFits, typeof ZCompareFitsOutput>,
  "analysis.dataStrategies": true satisfies Answers<typeof compareDataStrategies, typeof ZDataStrategiesOutput>,
  "analysis.predictAt": true satisfies Answers<typeof predictAt, typeof ZPredictAtOutput>,
  "analysis.plan": true satisfies Answers<typeof planCompute, typeof ZPlanComputeOutput>,
  "analysis.recommend": true satisfies Answers<typeof recommendFit, typeof ZRecommendFitOutput>,
  "snapshot.create": true satisfies Answers<typeof createSnapshot, typeof ZCreateSnapshotOutput>,
  "snapshot.list": true satisfies Answers<typeof listSnapshots, typeof ZListSnapshotsOutput>,
  "snapshot.get": true satisfies Answers<typeof getSnapshot, typeof ZGetSnapshotOutput>,
  "snapshot.diff": true satisfies Answers<typeof diffSnapshots, typeof ZDiffSnapshotsOutput>,
  "decision.create": true satisfies Answers<typeof createDecision, typeof ZCreateDecisionOutput>,
  "decision.list": true satisfies Answers<typeof listDecisions, typeof ZListDecisionsOutput>,
};

/** Procedures answered without a per-request output parse, each with the reason. */
const HOT_CACHED_READS: Record<string, string> = {
  "fit.latest":
    "one frozen answer per stored fit, status and sweep version, checked against ZLatestFitOutput once when cached; a parse per request costs more than the cached read and copies the object whose wire text is cached",
  "sweep.get": "one frozen answer per sweep version whose wire text is cached; a parse per request costs more than the cached read and copies it",
};

/** tRPC v11 lists a router's procedures by dotted path in `_def.procedures` (typed as the nested record). */
const procedures: Record<string, unknown> = appRouter._def.procedures;

/** tRPC v11 keeps the parser given to `.output()` on each procedure's `_def.output` (not in its public type). */
function proceduresWithoutOutput(): string[] {
  return Object.entries(procedures)
    .filter(([, procedure]) => (procedure as { _def: { output?: unknown } })._def.output === undefined)
    .map(([path]) => path)
    .sort();
}

describe("appRouter output schemas", () => {
  it("every procedure declares .output(), except the hot cached reads", () => {
    const without = proceduresWithoutOutput();
    expect(without.filter((path) => !(path in HOT_CACHED_READS)), "procedures without .output()").toEqual([]);
    expect(Object.keys(HOT_CACHED_READS).filter((path) => !without.includes(path)), "allow-listed procedures that now have .output()").toEqual([]);
  });

  it("every procedure's service is checked by typecheck against its output schema", () => {
    expect(Object.keys(SERVICE_ANSWERS_ITS_SCHEMA).sort()).toEqual(Object.keys(procedures).sort());
  });
});

/** The demo owner (owner of every demo team) as a caller. */
async function demoOwner(db: Database) {
  const { memberships, ...user } = await db.prisma.user.findUniqueOrThrow({
    where: { email: DEMO_ACCOUNTS[0]!.email },
    select: { id: true, email: true, name: true, memberships: { select: { teamId: true, role: true } } },
  });
  return callerFor(db, userActor(user, memberships));
}

type Caller = Awaited<ReturnType<typeof demoOwner>>;

describe.each(testDatabaseTargets(inject("postgresUrl")))("outputs of the seeded demo data validate on $kind", (target) => {
  let db: Database;
  let api: Caller;
  let sweeps: Awaited<ReturnType<Caller["sweep"]["list"]>>;
  openForSuite(target, async (opened) => {
    db = opened;
    await seedDemo(db);
    await runPendingFitJobs(db);
    api = await demoOwner(db);
    sweeps = (await api.sweep.list()).filter((s) => s.synthetic);
  });

  const demoSweep = (methodology: string) => {
    const sweep = sweeps.find((s) => s.methodology.name === methodology);
    if (!sweep) throw new Error(`no demo sweep of methodology ${methodology}`);
    return sweep;
  };

  let overview: Awaited<ReturnType<Caller["team"]["overview"]>>;
  beforeAll(async () => {
    overview = await api.team.overview();
  });

  it("team.list, team.get and team.overview: every demo sweep has its fit, forecast and recommendation", async () => {
    expect((await api.team.list()).map((t) => t.slug)).toEqual(expect.arrayContaining(["pretraining", "data", "post-training"]));
    expect((await api.team.get({ slug: "data" })).viewer).toEqual({ role: "owner", canWrite: true, canManage: true });
    const entries = overview.flatMap((t) => t.entries).filter((e) => e.methodology.synthetic);
    expect(entries.map((e) => [e.sweep.id, e.fitStatus])).toEqual(sweeps.map((s) => [s.id, { state: "current", reason: null }]));
    for (const entry of entries) {
      expect(entry.fit, entry.sweep.name).not.toBeNull();
      expect(entry.forecast?.scale, entry.sweep.name).toBe(sweeps.find((s) => s.id === entry.sweep.id)!.targetScale);
    }
  });

  it("fit.latest and sweep.get (no per-request parse) answer exactly what ZLatestFitOutput and ZGetSweepOutput describe", async () => {
    for (const sweep of sweeps) {
      const latest = await api.fit.latest({ sweepId: sweep.id });
      expect(latest.fit, sweep.name).not.toBeNull();
      expect(ZLatestFitOutput.parse(latest), sweep.name).toEqual(latest);
      const page = await api.sweep.get({ sweepId: sweep.id });
      expect(ZGetSweepOutput.parse(page), sweep.name).toEqual(page);
      expect(page.runs.length).toBe(sweep.runCount);
    }
  });

  it("fit.create, fit.history and fit.get of every demo model, with bootstrap intervals", async () => {
    for (const sweep of sweeps) {
      const model = (await api.fit.latest({ sweepId: sweep.id })).fit!.model as TCreateFitInput["model"];
      const created = await api.fit.create({ sweepId: sweep.id, model, bootstrap: 20, seed: 3 });
      expect(created.intervals, sweep.name).not.toBeNull();
      expect((await api.fit.history({ sweepId: sweep.id })).map((f) => f.id)).toContain(created.id);
      expect(await api.fit.get({ fitId: created.id })).toEqual({ ...created, computed: undefined });
    }
  });

  it("analysis.forecast, recommend, compare, backtest, backtestHistory and selectModel on the demo fits", async () => {
    const fitOf = async (methodology: string) => (await api.fit.latest({ sweepId: demoSweep(methodology).id })).fit!.id;
    const [webCrawl, logLinear] = [await fitOf("Web crawl v2"), await fitOf("Synthetic math data")];
    // A target above the saturating curve's asymptote: no draw reaches it, so the inverse scale is null.
    const forecast = await api.analysis.forecast({ fitId: webCrawl, at: [1e9, 1e12], target: 0.99 });
    expect(forecast.target).toMatchObject({ target: 0.99, scale: null });
    expect(forecast.at.map((p) => p.scale)).toEqual([1e9, 1e12]);
    const recommendation = await api.analysis.recommend({ fitId: webCrawl, alternativeFitId: logLinear });
    expect(recommendation.alternativeFitId).toBe(logLinear);
    const compared = await api.analysis.compare({ fitIds: [webCrawl, logLinear] });
    expect(compared.ranking.map((r) => r.fitId).sort()).toEqual([webCrawl, logLinear].sort());
    const kaplan = demoSweep("Kaplan-style LM");
    const backtest = await api.analysis.backtest({ sweepId: kaplan.id, model: "chinchilla" });
    expect(backtest.heldOut.length).toBeGreaterThan(0);
    expect((await api.analysis.backtestHistory({ teamId: kaplan.team.id })).map((b) => b.id)).toContain(backtest.id);
    const selected = await api.analysis.selectModel({ sweepId: demoSweep("RL with verifier").id });
    expect(selected.ranking[0]).toMatchObject({ rank: 1 });
  });

  it("analysis.plan answers a law's infinite compute-optimal N as Infinity", async () => {
    const chinchilla = await api.analysis.plan({ budget: 1e22, fitId: (await api.fit.latest({ sweepId: demoSweep("Dense transformer").id })).fit!.id });
    expect(Number.isFinite(chinchilla.optimal.n)).toBe(true);
    // α and β this small put G = (αA/(βB))^(1/(α+β)) past the largest float.
    const extreme = await api.analysis.plan({ budget: 1e22, law: { E: 1, A: 2, B: 1, alpha: 1e-10, beta: 1e-10 } });
    expect(extreme.optimal).toMatchObject({ n: Infinity, d: 0, loss: Infinity });
  });

  it("snapshot.create, list, get and diff, and decision.create and list, over the demo teams", async () => {
    const team = overview.find((t) => t.team.slug === "data")!.team;
    const first = await api.snapshot.create({ title: unique("week 1"), teamId: team.id });
    const [a, b] = first.content.entries.map((e) => e.fit!.id);
    const comparison = await api.snapshot.create({ title: unique("comparison"), fitIds: [a!, b!] });
    expect(comparison.content.entries.map((e) => e.fit!.id)).toEqual([a, b]);
    const second = await api.snapshot.create({ title: unique("week 2"), teamId: team.id });
    expect((await api.snapshot.list({ teamId: team.id })).map((s) => s.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    const decision = await api.decision.create({ title: "scale the web crawl", outcome: "scale_further", snapshotId: second.id });
    expect((await api.snapshot.get({ id: second.id })).decisions.map((d) => d.id)).toEqual([decision.id]);
    expect((await api.decision.list({ snapshotId: second.id })).map((d) => d.id)).toEqual([decision.id]);
    const diff = await api.snapshot.diff({ fromId: first.id, toId: second.id });
    expect(diff.changes.map((c) => c.status)).toEqual(first.content.entries.map(() => "unchanged"));
  });

  it("member, token, methodology, sweep and run procedures on a demo team", async () => {
    const team = overview.find((t) => t.team.slug === "data")!.team;
    const demoMember = DEMO_ACCOUNTS[1]!.email;
    expect((await api.member.list({ teamId: team.id })).map((m) => m.email)).toContain(demoMember);
    const token = await api.token.create({ teamId: team.id, name: "trainer" });
    expect((await api.token.list({ teamId: team.id })).find((t) => t.id === token.id)).toMatchObject({ active: true, lastUsedAt: null });
    expect((await api.token.revoke({ tokenId: token.id })).revokedAt).toBeInstanceOf(Date);
    const methodology = await api.methodology.create({ teamId: team.id, name: unique("curriculum") });
    expect((await api.methodology.list({ teamId: team.id })).find((m) => m.id === methodology.id)).toMatchObject({ sweepCount: 0 });
    const sweep = await api.sweep.create({ methodologyId: methodology.id, name: "size", axes: ["D"], metric: "accuracy", direction: "higher" });
    const ingested = await api.run.ingest({ sweepId: sweep.id, runs: [{ runKey: "r1", scales: { D: 1e6 }, metrics: { accuracy: 0.4 } }] });
    expect(ingested).toMatchObject({ inserted: 1, duplicates: 0 });
    const imported = await api.run.import({ sweepId: sweep.id, format: "csv", content: "runKey,D,accuracy\nr1,1e6,0.4\nr2,2e6,0.45\n" });
    expect(imported).toMatchObject({ inserted: 1, duplicates: 1, rows: 2 });
  });
});

describe.each(testDatabaseTargets(inject("postgresUrl")))("outputs of a fit the data do not determine on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });

  it("a Kaplan fit whose D_c runs off to Infinity: stored as null by fit.create, fit.latest and team.overview, Infinity in analysis.selectModel", async () => {
    const team = await createTeamFixture(db, "kaplan");
    const methodology = await db.prisma.methodology.create({ data: { teamId: team.id, name: unique("dense") } });
    const sweep = await db.prisma.sweep.create({
      data: { methodologyId: methodology.id, name: unique("grid"), axes: ["N", "D"], metric: "loss", direction: "lower", pinnedModel: "kaplan" },
    });
    // Loss depends on N only, so Kaplan's D_c is not determined by the data.
    const data = [1e7, 3e7, 1e8, 3e8, 1e9].flatMap((n, i) =>
      [1e9, 1e10, 1e11].map((d, j) => ({ sweepId: sweep.id, runKey: `r-${i}-${j}`, scales: { N: n, D: d }, metrics: { loss: 1.7 + (400 / n ** 0.34) * (1 + 0.001 * Math.sin(n + d)) } })),
    );
    await db.prisma.run.createMany({ data });
    const api = await memberCaller(db, team.id);
    const fit = await api.fit.create({ sweepId: sweep.id, model: "kaplan", bootstrap: 0 });
    expect(fit).toMatchObject({ converged: false, params: { Dc: null } });
    await runPendingFitJobs(db, { sweepId: sweep.id });
    expect((await api.fit.latest({ sweepId: sweep.id })).fit?.params.Dc).toBeNull();
    const entry = (await api.team.overview()).find((t) => t.team.id === team.id)!.entries[0]!;
    expect(entry.fit?.params.Dc).toBeNull();
    const selected = await api.analysis.selectModel({ sweepId: sweep.id, candidates: ["kaplan"] });
    expect(selected.ranking[0]!.params?.Dc).toBe(Infinity);
  });
});
