import type { Database } from "@scalecast/db";
import { z } from "zod";
import { ZId } from "../team/team-schemas";
import { SWEEP_FIELDS_SELECT, TEAM_SUMMARY_SELECT } from "./sweep-summary";

export const ZListSweepsInput = z.object({ teamId: ZId.optional() }).optional();
export type TListSweepsInput = z.infer<typeof ZListSweepsInput>;

/** Sweeps for pickers: every team's, or one team's, with methodology and team names and run counts. */
export async function listSweeps(db: Database, input: TListSweepsInput) {
  const sweeps = await db.prisma.sweep.findMany({
    where: input?.teamId ? { methodology: { teamId: input.teamId } } : {},
    orderBy: [{ methodology: { team: { name: "asc" } } }, { methodology: { name: "asc" } }, { name: "asc" }],
    select: {
      ...SWEEP_FIELDS_SELECT,
      synthetic: true,
      runCount: true,
      methodology: { select: { id: true, name: true, team: { select: TEAM_SUMMARY_SELECT } } },
    },
  });
  return sweeps.map(({ methodology, ...sweep }) => ({
    ...sweep,
    methodology: { id: methodology.id, name: methodology.name },
    team: methodology.team,
  }));
}
