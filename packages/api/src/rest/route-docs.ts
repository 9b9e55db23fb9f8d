/**
 * What the OpenAPI document says of the first REST endpoints (runs.ts, sweep-document.ts, run-actions.ts),
 * which check their input by hand for their own messages: their request and answer shapes, made of the
 * same zod schemas those handlers and the tRPC procedures use.
 */
import { z } from "zod";
import { ZFit } from "../services/fit/schemas";
import { ZDeleteRunInput, ZExcludeRunInput, ZIngestResult, ZRunBatch, ZRunEvent, ZRunInput, ZRunTarget } from "../services/run/run-schemas";
import { ZSweepSpec, ZSweepTargetOutput } from "../services/sweep/ensure-sweep";
import { ZGetSweepOutput } from "../services/sweep/sweep-schemas";
import { ZDisplayName, ZId, ZTeamSlug } from "../services/team/team-schemas";
import type { RouteDoc } from "./route-table";

/** How a request names its sweep: `sweepId`, or `methodology` and `sweep` (within `team`, default the token's). */
const ZSweepRefFields = z.object({ sweepId: ZId.optional(), team: ZTeamSlug.optional(), methodology: ZDisplayName.optional(), sweep: ZDisplayName.optional() });

/** POST /api/v1/runs: with `create`, a sweep named by methodology and sweep is created when the team lacks it. */
const ZRunsPostRef = ZSweepRefFields.extend({ create: ZSweepSpec.optional() });

const ZRunPath = z.object({ sweepId: ZRunTarget.shape.sweepId, runKey: ZRunTarget.shape.runKey });

export const ROUTE_DOCS = {
  runsPost: {
    summary: "Log runs",
    description:
      "One run, or a batch as `runs` (all or nothing: every bad row is named; run keys the sweep has are reported as duplicates, never doubled). " +
      "The sweep by `sweepId` or by `methodology` and `sweep`; with `create` (its axes, metric and direction) a named sweep the team lacks is created, with its methodology.",
    body: z.union([ZRunsPostRef.extend({ runs: ZRunBatch }), ZRunsPostRef.extend(ZRunInput.shape)]),
    response: ZIngestResult,
  },
  sweepFind: {
    summary: "Find a sweep",
    description: "By `sweepId`, or by `methodology` and `sweep` (within `team`, default the API token's team): its axes, metric, direction and bounds, to check rows before sending them.",
    query: ZSweepRefFields,
    response: ZSweepTargetOutput,
  },
  sweepDocument: {
    summary: "A sweep with its runs and latest fit",
    description: "One JSON document (gzip when accepted, an ETag for If-None-Match); `fit` is null and `fitError` says why when the runs cannot be fitted.",
    params: z.object({ sweepId: ZId }),
    response: ZGetSweepOutput.extend({ fit: ZFit.nullable(), fitError: z.string().nullable() }),
  },
  runExclude: {
    summary: "Exclude a run from fits",
    params: ZRunPath,
    body: z.object({ reason: ZExcludeRunInput.shape.reason }),
    response: ZRunEvent,
  },
  runInclude: { summary: "Include an excluded run again", params: ZRunPath, response: ZRunEvent },
  runDelete: {
    summary: "Delete a run",
    description: "The trail keeps who deleted it, when, why and its values.",
    params: ZRunPath,
    query: z.object({ reason: ZDeleteRunInput.shape.reason }),
    response: ZRunEvent,
  },
} satisfies Record<string, RouteDoc>;
