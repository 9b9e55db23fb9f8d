import type { Database } from "@scalecast/db";
import type { TListDecisionsInput } from "./schemas";

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
    select: {
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
    },
  });
}
