import type { Database } from "@scalecast/db";
import { z } from "zod";
import type { Direction } from "@scalecast/core";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import { ZDisplayName, ZId, ZTeamSlug } from "../team/team-schemas";

/**
 * How a training script names its sweep: by id, or by methodology and sweep name (within `team`, which
 * defaults to the API token's team).
 */
export const ZSweepById = z.object({ sweepId: ZId });
export const ZSweepByName = z.object({ team: ZTeamSlug.optional(), methodology: ZDisplayName, sweep: ZDisplayName });
export const ZSweepRef = z.union([ZSweepById, ZSweepByName]);
export type TSweepRef = z.infer<typeof ZSweepRef>;

export interface SweepTarget {
  id: string;
  name: string;
  axes: string[];
  metric: string;
  direction: Direction;
  metricBounded: boolean | null;
  teamId: string;
  teamName: string;
}

const select = {
  id: true,
  name: true,
  axes: true,
  metric: true,
  direction: true,
  metricBounded: true,
  methodology: { select: { teamId: true, team: { select: { name: true } } } },
} as const;

/** Finds the sweep a write goes to; 404 naming what was looked for when there is none. */
export async function findSweep(db: Database, actor: Actor, ref: TSweepRef): Promise<SweepTarget> {
  let sweep;
  if ("sweepId" in ref) {
    // On every ingest batch: one plain query (a Prisma round trip costs more than the check itself).
    const [row] = await db.sql.query<SweepTarget & Record<string, unknown>>(
      `SELECT s."id", s."name", s."axes", s."metric", s."direction", s."metricBounded", m."teamId", t."name" AS "teamName"
       FROM "Sweep" s JOIN "Methodology" m ON m."id" = s."methodologyId" JOIN "Team" t ON t."id" = m."teamId"
       WHERE s."id" = $1`,
      [ref.sweepId],
    );
    if (!row) throw new AppError("NOT_FOUND", `sweep ${ref.sweepId} does not exist`);
    return row;
  } else {
    const teamWhere = ref.team ? { slug: ref.team } : actor?.kind === "token" ? { id: actor.teamId } : null;
    if (!teamWhere) throw new AppError("BAD_REQUEST", "team: name the team (its slug) when finding a sweep by methodology and sweep name");
    sweep = await db.prisma.sweep.findFirst({
      where: { name: ref.sweep, methodology: { name: ref.methodology, team: teamWhere } },
      select,
    });
    if (!sweep) {
      const where = ref.team ? `team "${ref.team}"` : "this token's team";
      throw new AppError("NOT_FOUND", `no sweep "${ref.sweep}" in methodology "${ref.methodology}" of ${where}`);
    }
  }
  return {
    id: sweep.id,
    name: sweep.name,
    axes: sweep.axes,
    metric: sweep.metric,
    direction: sweep.direction,
    metricBounded: sweep.metricBounded,
    teamId: sweep.methodology.teamId,
    teamName: sweep.methodology.team.name,
  };
}
