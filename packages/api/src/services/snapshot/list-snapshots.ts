import type { Database } from "@scalecast/db";

/** Snapshots newest first (of one team, or all), without their content. */
export async function listSnapshots(db: Database, teamId?: string) {
  const rows = await db.prisma.snapshot.findMany({
    where: teamId === undefined ? {} : { teamId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, title: true, teamId: true, createdAt: true, createdBy: { select: { id: true, name: true } }, _count: { select: { decisions: true } } },
  });
  return rows.map(({ _count, ...r }) => ({ ...r, decisionCount: _count.decisions }));
}
