import type { Database } from "@scalecast/db";
import type { TListDecisionsInput } from "./schemas";

/** What the decision log shows of a decision (ZLoggedDecision). */
export const LOGGED_DECISION_SELECT = {
  id: true,
  title: true,
  rationale: true,
  outcome: true,
  snapshotId: true,
  fitId: true,
  methodologyId: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
  methodology: { select: { name: true } },
  fit: { select: { id: true, model: true, pointCount: true, sweep: { select: { id: true, name: true } } } },
} as const;

/** The decision log, newest first: of a snapshot, a methodology, a team (its methodologies and snapshots), or all. */
export async function listDecisions(db: Database, input: TListDecisionsInput) {
  const where =
    input?.snapshotId !== undefined
      ? { snapshotId: input.snapshotId }
      : input?.methodologyId !== undefined
        ? { methodologyId: input.methodologyId }
        : input?.teamId !== undefined
          ? { OR: [{ methodology: { teamId: input.teamId } }, { snapshot: { teamId: input.teamId } }] }
          : {};
  return db.prisma.decision.findMany({
    where,
    orderBy: { createdAt: "desc" },
    take: 500,
    select: LOGGED_DECISION_SELECT,
  });
}
