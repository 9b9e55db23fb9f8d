import type { Database } from "@scalecast/db";
import { z } from "zod";
import { AppError } from "../../errors";
import { servedOften } from "../../transformer";
import { VersionedCache } from "../cache/versioned-cache";
import { ZId } from "../team/team-schemas";
import { readSweepHeader } from "./read-sweep-header";
import { ZGetSweepOutput, type TGetSweepOutput } from "./sweep-schemas";

export const ZGetSweepInput = z.object({ sweepId: ZId });
export type TGetSweepInput = z.infer<typeof ZGetSweepInput>;

/** Reads a run's JSON columns as the API shows them: name → number. */
function numbers(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) if (typeof v === "number") out[key] = v;
  }
  return out;
}

async function readRuns(db: Database, sweepId: string): Promise<TGetSweepOutput["runs"]> {
  const rows = await db.sql.query<{
    runKey: string;
    scales: unknown;
    metrics: unknown;
    seed: number | null;
    tags: Record<string, string> | null;
    excludedMs: number | null;
    excludedBy: string | null;
    excludedReason: string | null;
  }>(
    `SELECT "runKey", "scales", "metrics", "seed", "tags",
       (extract(epoch FROM "excludedAt") * 1000)::float8 AS "excludedMs", "excludedBy", "excludedReason" FROM "Run" WHERE "sweepId" = $1 ORDER BY "createdAt", "runKey"`,
    [sweepId],
  );
  return rows.map((run) => ({
    runKey: run.runKey,
    scales: numbers(run.scales),
    metrics: numbers(run.metrics),
    seed: run.seed,
    ...(run.tags ? { tags: run.tags } : {}),
    // Epoch milliseconds: the timestamp is stored without zone in UTC, and pg would read it in local time.
    excluded: run.excludedMs === null ? null : { at: new Date(run.excludedMs), by: run.excludedBy ?? "", reason: run.excludedReason ?? "" },
  }));
}

const runsCache = new VersionedCache<TGetSweepOutput["runs"]>(64);
const pageCache = new VersionedCache<TGetSweepOutput>(64);

/**
 * A sweep with its methodology, team and runs (oldest first). Per request one small query reads the sweep,
 * its methodology and team and its runsVersion (readSweepHeader); the runs are read only when runsVersion
 * changed since they were cached, and while nothing changed every reader gets the same frozen object, whose
 * wire form is computed once (servedOften). The page is checked against ZGetSweepOutput when cached, not per
 * request (the router has no per-request output parse). Cost of a repeated read: one indexed lookup.
 */
export async function getSweep(db: Database, input: TGetSweepInput): Promise<TGetSweepOutput> {
  const header = await readSweepHeader(db, input.sweepId);
  if (!header) throw new AppError("NOT_FOUND", `sweep ${input.sweepId} does not exist`);
  return pageCache.get(db, header.sweep.id, header.pageToken, async () => {
    const runs = await runsCache.get(db, header.sweep.id, String(header.runsVersion), () => readRuns(db, header.sweep.id));
    return servedOften(ZGetSweepOutput.parse({ sweep: header.sweep, methodology: header.methodology, team: header.team, runs }));
  });
}
