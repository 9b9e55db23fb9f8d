import type { Database } from "@scalecast/db";

/** Every team with how many methodologies, sweeps and runs it has: the home page's summary. */
export async function listTeams(db: Database) {
  const teams = await db.prisma.team.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      methodologies: { select: { synthetic: true, _count: { select: { sweeps: true } } } },
    },
  });
  return teams.map((team) => ({
    id: team.id,
    slug: team.slug,
    name: team.name,
    methodologyCount: team.methodologies.length,
    sweepCount: team.methodologies.reduce((sum, m) => sum + m._count.sweeps, 0),
    synthetic: team.methodologies.some((m) => m.synthetic),
  }));
}
