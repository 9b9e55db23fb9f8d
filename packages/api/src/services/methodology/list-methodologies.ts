import type { Database } from "@scalecast/db";
import type { TListMethodologiesInput } from "./schemas";

/** Methodologies of one team or of every team (cross-team comparison), with their team and sweep count. */
export async function listMethodologies(db: Database, input: TListMethodologiesInput) {
  const rows = await db.prisma.methodology.findMany({
    where: input?.teamId ? { teamId: input.teamId } : {},
    orderBy: [{ team: { name: "asc" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      description: true,
      synthetic: true,
      createdAt: true,
      team: { select: { id: true, slug: true, name: true } },
      _count: { select: { sweeps: true } },
    },
  });
  return rows.map(({ _count, ...m }) => ({ ...m, sweepCount: _count.sweeps }));
}
