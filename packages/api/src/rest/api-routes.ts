/**
 * The REST endpoints with tRPC parity: methodologies and sweeps by name within the API token's team (or
 * `team`, a slug), a sweep's runs and trail, fits, forecasts, backtests, comparisons, compute plans and
 * snapshots. Each calls the tRPC procedure's service with the procedure's zod schema (path parameters take
 * the place of ids in the body), so both check and answer the same. Computations that take structured
 * input (forecast, compare, plan) are POSTs with a JSON body, as tRPC's inputs are JSON.
 */
import { z } from "zod";
import { backtestSweep } from "../services/analysis/backtest-sweep";
import { compareDataStrategies, ZDataStrategiesInput, ZDataStrategiesOutput } from "../services/analysis/compare-data-strategies";
import { compareFits } from "../services/analysis/compare-fits";
import { forecastFit } from "../services/analysis/forecast-fit";
import { planCompute } from "../services/analysis/plan-compute";
import {
  ZBacktestInput,
  ZBacktestSweepOutput,
  ZCompareFitsOutput,
  ZCompareInput,
  ZForecastFitOutput,
  ZForecastInput,
  ZPlanComputeOutput,
  ZPlanInput,
} from "../services/analysis/schemas";
import { createFit } from "../services/fit/create-fit";
import { getFit } from "../services/fit/get-fit";
import { getLatestFit, ZLatestFitOutput } from "../services/fit/get-latest-fit";
import { listFitHistory } from "../services/fit/list-fit-history";
import { ZCreateFitInput, ZCreateFitOutput, ZFit, ZLatestFitInput, ZListFitHistoryOutput, ZRecordId } from "../services/fit/schemas";
import { createMethodology } from "../services/methodology/create-methodology";
import { listMethodologies } from "../services/methodology/list-methodologies";
import { ZCreateMethodologyInput, ZCreateMethodologyOutput, ZListMethodologiesOutput } from "../services/methodology/schemas";
import { listRunEvents } from "../services/run/list-run-events";
import { ZRunEvent } from "../services/run/run-schemas";
import { createSnapshot } from "../services/snapshot/create-snapshot";
import { getSnapshot } from "../services/snapshot/get-snapshot";
import { listSnapshots } from "../services/snapshot/list-snapshots";
import { ZCreateSnapshotInput, ZCreateSnapshotOutput, ZGetSnapshotOutput, ZListSnapshotsOutput } from "../services/snapshot/schemas";
import { ensureSweep, ZSweepSpec, ZSweepTargetOutput } from "../services/sweep/ensure-sweep";
import { getSweep } from "../services/sweep/get-sweep";
import { listSweeps } from "../services/sweep/list-sweeps";
import { ZListSweepsOutput, ZSweepRun } from "../services/sweep/sweep-schemas";
import { findMethodologyId, resolveTeam } from "../services/team/resolve-team";
import { ZDisplayName, ZTeamSlug } from "../services/team/team-schemas";
import { rejectInput } from "./input";
import { defineRoute, type Route } from "./route-table";

const ZTeamQuery = z.object({ team: ZTeamSlug.optional() });
const ZSweepPath = z.object({ sweepId: ZRecordId });
const ZFitPath = z.object({ fitId: ZRecordId });

export const ZEnsureSweepOutput = ZSweepTargetOutput.extend({ created: z.boolean() });

const ZCreateSnapshotBody = z.object({
  title: ZCreateSnapshotInput.shape.title,
  /** Two or more fits: a comparison snapshot (signed-in people only). Without: a snapshot of the team. */
  fitIds: ZCreateSnapshotInput.shape.fitIds,
  team: ZTeamSlug.optional(),
});

export const API_ROUTES: Route[] = [
  defineRoute({
    method: "GET",
    path: "/api/v1/methodologies",
    summary: "List a team's methodologies",
    description: "The methodologies of the API token's team (or of `team`, a slug) with their sweep counts.",
    query: ZTeamQuery,
    response: ZListMethodologiesOutput,
    handle: async ({ db, actor, query }) => listMethodologies(db, { teamId: (await resolveTeam(db, actor, query.team)).id }),
  }),
  defineRoute({
    method: "POST",
    path: "/api/v1/methodologies",
    summary: "Create a methodology",
    description: "Adds a methodology to the API token's team (or `team`). 409 when the team has one of that name.",
    body: ZCreateMethodologyInput.omit({ teamId: true }).extend({ team: ZTeamSlug.optional() }),
    response: ZCreateMethodologyOutput,
    status: 201,
    handle: async ({ db, actor, body: { team, ...fields } }) => createMethodology(db, actor, { ...fields, teamId: (await resolveTeam(db, actor, team)).id }),
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/methodologies/{methodology}/sweeps",
    summary: "List a methodology's sweeps",
    description: "The sweeps of the methodology of that name in the API token's team (or `team`), with run counts.",
    params: z.object({ methodology: ZDisplayName }),
    query: ZTeamQuery,
    response: ZListSweepsOutput,
    handle: async ({ db, actor, params, query }) => {
      const team = await resolveTeam(db, actor, query.team);
      const methodologyId = await findMethodologyId(db, team, params.methodology);
      return (await listSweeps(db, { teamId: team.id })).filter((sweep) => sweep.methodology.id === methodologyId);
    },
  }),
  defineRoute({
    method: "PUT",
    path: "/api/v1/methodologies/{methodology}/sweeps/{sweep}",
    summary: "Create a sweep unless it exists",
    description:
      "The named sweep of the API token's team (or `team`): created with its methodology when missing (201), " +
      "else returned (200) when its axes, metric and direction match the request's, 409 naming each field that differs.",
    params: z.object({ methodology: ZDisplayName, sweep: ZDisplayName }),
    body: ZSweepSpec.extend({ team: ZTeamSlug.optional() }),
    response: ZEnsureSweepOutput,
    handle: async ({ db, actor, params, body: { team, ...spec } }) => {
      const { sweep, created } = await ensureSweep(db, actor, { team, methodology: params.methodology, sweep: params.sweep }, spec);
      const { teamName, ...fields } = sweep;
      return Response.json({ ...fields, team: teamName, created }, { status: created ? 201 : 200 });
    },
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/sweeps/{sweepId}/runs",
    summary: "List a sweep's runs",
    description: "Oldest first; `excluded` is null, or who excluded the run from fits, when and why.",
    params: ZSweepPath,
    response: z.array(ZSweepRun),
    handle: async ({ db, params }) => (await getSweep(db, params)).runs,
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/sweeps/{sweepId}/events",
    summary: "List a sweep's run trail",
    description: "Every exclusion, inclusion and deletion of a run, newest first, with who, when and why.",
    params: ZSweepPath,
    response: z.array(ZRunEvent),
    handle: ({ db, params }) => listRunEvents(db, params),
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/sweeps/{sweepId}/fit",
    summary: "The latest fit of a sweep",
    description:
      "The latest stored fit by `model` (default: the pinned law, else model selection's choice) for `metric` (default: the sweep's), and its status: `current` (it covers the current runs), `refitting` (a newer fit is being computed; this is the previous one), `fitting` (none yet, `fit` is null) or `failed` (with the reason). Reads never compute a fit: fit jobs do, after each write.",
    params: ZSweepPath,
    query: ZLatestFitInput.omit({ sweepId: true }),
    response: ZLatestFitOutput,
    handle: ({ db, params, query }) => getLatestFit(db, { ...query, ...params }),
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/sweeps/{sweepId}/fits",
    summary: "List a sweep's stored fits",
    description: "Every stored fit of the sweep, newest first, without curves and residuals; `current` says whether the runs are unchanged since.",
    params: ZSweepPath,
    response: ZListFitHistoryOutput,
    handle: ({ db, params }) => listFitHistory(db, params.sweepId),
  }),
  defineRoute({
    method: "POST",
    path: "/api/v1/sweeps/{sweepId}/fits",
    summary: "Fit a chosen law",
    description: "Fits `model` to the sweep's current runs (writers of its team); the same data and options return the stored fit (`computed`: false).",
    params: ZSweepPath,
    body: ZCreateFitInput.omit({ sweepId: true }),
    response: ZCreateFitOutput,
    handle: ({ db, pool, fitJobs, actor, params, body }) => createFit({ db, pool, fitJobs, actor }, pool, { ...body, ...params }),
  }),
  defineRoute({
    method: "POST",
    path: "/api/v1/sweeps/{sweepId}/backtests",
    summary: "Backtest a law on a sweep",
    description: "Fits `model` on the smaller scales and predicts the held-out largest ones (writers of its team); stored, `computed` false when it was already.",
    params: ZSweepPath,
    body: ZBacktestInput.omit({ sweepId: true }),
    response: ZBacktestSweepOutput,
    handle: ({ db, pool, actor, params, body }) => backtestSweep(db, pool, actor, { ...body, ...params }),
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/fits/{fitId}",
    summary: "A stored fit",
    params: ZFitPath,
    response: ZFit,
    handle: ({ db, params }) => getFit(db, params.fitId),
  }),
  defineRoute({
    method: "POST",
    path: "/api/v1/fits/{fitId}/forecast",
    summary: "Forecast with a fit",
    description: "The score at scales `at` (default: the sweep's target scale, else 10× the frontier) with intervals at `level`, or the scale needed to reach `target`.",
    params: ZFitPath,
    body: ZForecastInput.omit({ fitId: true }),
    response: ZForecastFitOutput,
    handle: ({ db, pool, params, body }) => forecastFit(db, pool, { ...body, ...params }),
  }),
  defineRoute({
    method: "POST",
    path: "/api/v1/compare",
    summary: "Compare fits",
    description: "Ranks two or more fits (of any teams) at scale `at`, with the probability each is best and each pair's crossover.",
    body: ZCompareInput,
    response: ZCompareFitsOutput,
    handle: ({ db, pool, body }) => compareFits(db, pool, body),
  }),
  defineRoute({
    method: "POST",
    path: "/api/v1/data-strategies",
    summary: "Compare data strategies under a cap",
    description:
      "For two data-constrained fits on the same axes (`fitIdA`, `fitIdB`): the unique tokens of B that reach the loss `uniqueTokens` unique tokens of A reach at `budget` FLOPs, and their ratio (the effective data multiplier under the cap).",
    body: ZDataStrategiesInput,
    response: ZDataStrategiesOutput,
    handle: ({ db, body }) => compareDataStrategies(db, body),
  }),
  defineRoute({
    method: "POST",
    path: "/api/v1/plan",
    summary: "Plan compute",
    description: "Compute-optimal parameters and tokens at a FLOP `budget`, from a fit (`fitId`) or a published or given law (`law`).",
    body: ZPlanInput,
    response: ZPlanComputeOutput,
    handle: ({ db, body }) => planCompute(db, body),
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/snapshots",
    summary: "List a team's snapshots",
    description: "Newest first, without their content: of the API token's team, or of `team`.",
    query: ZTeamQuery,
    response: ZListSnapshotsOutput,
    handle: async ({ db, actor, query }) => listSnapshots(db, (await resolveTeam(db, actor, query.team)).id),
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/snapshots/{snapshotId}",
    summary: "A snapshot",
    description: "Its frozen fits and forecasts, and the decisions recorded on it.",
    params: z.object({ snapshotId: ZRecordId }),
    response: ZGetSnapshotOutput,
    handle: ({ db, params }) => getSnapshot(db, params.snapshotId),
  }),
  defineRoute({
    method: "POST",
    path: "/api/v1/snapshots",
    summary: "Take a snapshot",
    description: "Freezes the latest fits and forecasts of the API token's team (or `team`), or with `fitIds` a comparison of those fits (signed-in people only).",
    body: ZCreateSnapshotBody,
    response: ZCreateSnapshotOutput,
    status: 201,
    handle: async ({ db, pool, fitJobs, actor, body: { title, fitIds, team } }) => {
      if (fitIds !== undefined && team !== undefined) {
        rejectInput([{ path: "team", message: "team: give either team (a team snapshot) or fitIds (a comparison), not both" }]);
      }
      const input = fitIds !== undefined ? { title, fitIds } : { title, teamId: (await resolveTeam(db, actor, team)).id };
      return createSnapshot({ db, pool, fitJobs, actor }, pool, input);
    },
  }),
];
