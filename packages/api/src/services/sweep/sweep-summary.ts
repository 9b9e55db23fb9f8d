/**
 * The fields of a sweep that every reader of one shows (lists, headers, the overview, fitting), its
 * methodology's and team's names, as a Prisma `select` and as types, so the readers stay alike.
 */
import type { z } from "zod";
import type { ZTeamSummary } from "../team/team-schemas";
import type { ZSweepFields } from "./sweep-schemas";

/** A sweep's own fields: what it measures and how. */
export const SWEEP_FIELDS_SELECT = {
  id: true,
  name: true,
  axes: true,
  metric: true,
  direction: true,
  pinnedModel: true,
  targetScale: true,
  metricBounded: true,
} as const;

export type SweepFields = z.infer<typeof ZSweepFields>;

/** A sweep's own fields, in their usual order, from anything that carries them. */
export function pickSweepFields(row: SweepFields): SweepFields {
  const { id, name, axes, metric, direction, pinnedModel, targetScale, metricBounded } = row;
  return { id, name, axes, metric, direction, pinnedModel, targetScale, metricBounded };
}

/** A team as sweeps show it. */
export const TEAM_SUMMARY_SELECT = { id: true, slug: true, name: true } as const;

export type TeamSummary = z.infer<typeof ZTeamSummary>;
