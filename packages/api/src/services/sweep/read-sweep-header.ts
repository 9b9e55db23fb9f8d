import type { Database } from "@scalecast/db";
import { FreshReads } from "../cache/fresh-reads";
import type { FitStateRow } from "../fit/fit-state";
import type { SweepForFit } from "../fit/sweep-rows";
import { pickSweepFields, type SweepFields, type TeamSummary } from "./sweep-summary";

/** A sweep's own fields, its methodology and team, and the version counters cached reads are keyed by. */
export interface SweepHeader {
  sweep: SweepFields & { synthetic: boolean; createdAt: Date; updatedAt: Date };
  methodology: { id: string; name: string; description: string; synthetic: boolean };
  team: TeamSummary;
  runsVersion: number;
  runCount: number;
  /** Changes whenever anything in the sweep page's header (sweep, methodology, team) or its runs changes. */
  pageToken: string;
  /** The FitState row of the sweep's default fit (its own metric, law ""), undefined before a job settled it. */
  defaultFitState: FitStateRow | undefined;
  /** Changes whenever the runs change or a job settles the sweep's default fit (its FitState row). */
  fitsToken: string;
}

interface HeaderRow extends Record<string, unknown>, SweepFields {
  synthetic: boolean;
  createdMs: number;
  updatedMs: number;
  runsVersion: number;
  runCount: number;
  mId: string;
  mName: string;
  mDescription: string;
  mSynthetic: boolean;
  tId: string;
  tSlug: string;
  tName: string;
  fsId: string | null;
  fsFitId: string | null;
  fsSettled: number | null;
  fsFailure: string | null;
}

// Timestamps as epoch milliseconds: "timestamp without time zone" columns would otherwise be read in the
// server process's local time zone by pg. fs*: the default fit's FitState row (nulls when none yet).
const HEADER_SQL = `
SELECT s."id", s."name", s."axes", s."metric", s."direction"::text AS "direction", s."pinnedModel", s."targetScale", s."metricBounded", s."synthetic",
       (extract(epoch FROM s."createdAt") * 1000)::float8 AS "createdMs", (extract(epoch FROM s."updatedAt") * 1000)::float8 AS "updatedMs",
       s."runsVersion", s."runCount",
       m."id" AS "mId", m."name" AS "mName", m."description" AS "mDescription", m."synthetic" AS "mSynthetic",
       t."id" AS "tId", t."slug" AS "tSlug", t."name" AS "tName",
       f."id" AS "fsId", f."fitId" AS "fsFitId", f."settledVersion" AS "fsSettled", f."failure" AS "fsFailure"
FROM "Sweep" s
JOIN "Methodology" m ON m."id" = s."methodologyId"
JOIN "Team" t ON t."id" = m."teamId"
LEFT JOIN "FitState" f ON f."sweepId" = s."id" AND f."metric" = s."metric" AND f."model" = ''
WHERE s."id" = $1`;

function defaultFitState(row: HeaderRow): FitStateRow | undefined {
  if (row.fsId === null) return undefined;
  return { sweepId: row.id, metric: row.metric, model: "", fitId: row.fsFitId, settledVersion: row.fsSettled, failure: row.fsFailure };
}

async function queryHeader(db: Database, sweepId: string): Promise<SweepHeader | null> {
  const [row] = await db.sql.query<HeaderRow>(HEADER_SQL, [sweepId]);
  if (!row) return null;
  const sweep = {
    ...pickSweepFields(row),
    synthetic: row.synthetic,
    createdAt: new Date(row.createdMs),
    updatedAt: new Date(row.updatedMs),
  };
  const methodology = { id: row.mId, name: row.mName, description: row.mDescription, synthetic: row.mSynthetic };
  const team = { id: row.tId, slug: row.tSlug, name: row.tName };
  return {
    sweep,
    methodology,
    team,
    runsVersion: row.runsVersion,
    runCount: row.runCount,
    pageToken: JSON.stringify([row.runsVersion, sweep, methodology, team]),
    defaultFitState: defaultFitState(row),
    fitsToken: JSON.stringify([row.runsVersion, row.fsFitId, row.fsSettled, row.fsFailure]),
  };
}

const headerReads = new FreshReads<SweepHeader | null>();

/**
 * One small query (indexed lookups, no runs): the sweep, its methodology and team, and the counters that
 * say whether cached runs and fits are still current. Concurrent readers of the same sweep share queries
 * that started after they arrived (FreshReads), so a reader never sees a state older than the moment its
 * request came in. Null when the sweep does not exist.
 */
export function readSweepHeader(db: Database, sweepId: string): Promise<SweepHeader | null> {
  return headerReads.read(db, sweepId, () => queryHeader(db, sweepId));
}

/** What fitting needs, from a header. */
export function sweepForFit(header: SweepHeader): SweepForFit {
  return { ...pickSweepFields(header.sweep), runsVersion: header.runsVersion, teamId: header.team.id };
}
