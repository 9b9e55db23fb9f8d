import type { Database } from "@scalecast/db";
import { overviewCharts } from "./overview-charts";
import type { TFrozenSweepEntry } from "./schemas";
import { diffSnapshotEntries } from "../snapshot/entry-diff";
import { SWEEP_ENTRY_SELECT, sweepEntries } from "./sweep-entry";

/**
 * The dashboard's overview: every team's methodologies with the latest fit of each sweep, its gain per 10×,
 * the forecast at the sweep's target scale, the recommendation, and what changed since the team's last
 * snapshot, with each fit's small chart (overviewCharts: read once per fit id, then cached). Reads stored fits,
 * their states and the per-sweep run counters (never the runs table, never fits); a sweep whose runs changed
 * shows its older fit, "refitting".
 */
export async function getTeamOverview(db: Database) {
  const [teams, sweeps] = await Promise.all([
    db.prisma.team.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } }),
    db.prisma.sweep.findMany({ orderBy: [{ methodology: { name: "asc" } }, { name: "asc" }], select: SWEEP_ENTRY_SELECT }),
  ]);
  const [{ entries, charts }, snapshots] = await Promise.all([
    sweepEntries(db, sweeps).then(async (entries) => ({ entries, charts: await overviewCharts(db, entries.flatMap((e) => (e.fit ? [e.fit.id] : []))) })),
    Promise.all(
      teams.map((t) =>
        db.prisma.snapshot.findFirst({ where: { teamId: t.id }, orderBy: { createdAt: "desc" }, select: { id: true, title: true, createdAt: true, content: true } }),
      ),
    ),
  ]);
  return teams.map((team, i) => {
    const own = entries.filter((e) => e.team.id === team.id);
    const snapshot = snapshots[i];
    const frozen = (snapshot?.content as { entries?: TFrozenSweepEntry[] } | undefined)?.entries ?? [];
    return {
      team,
      entries: own.map((e) => ({ ...e, chart: e.fit ? (charts.get(e.fit.id) ?? null) : null })),
      sinceSnapshot: snapshot ? { id: snapshot.id, title: snapshot.title, createdAt: snapshot.createdAt, changes: diffSnapshotEntries(frozen, own) } : null,
    };
  });
}
