"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Suspense } from "react";
import { pollWhileFitting } from "~/components/fit-status";
import { OverviewLegend } from "~/components/overview/legend";
import styles from "~/components/overview/overview.module.css";
import { usePresentMode } from "~/components/overview/present-mode";
import { TeamSection, type TeamOverview } from "~/components/overview/team-section";
import { CardsSkeleton, EmptyState, QueryView } from "~/components/ui/states";
import { useTRPC } from "~/trpc/react";

/**
 * Every team's methodologies, a card each with its chart, call and changes since the snapshot, in a grid that
 * uses the screen's width; "Present" shows one team per screen in large type for the meeting room.
 */
export function Overview() {
  return (
    <Suspense fallback={<CardsSkeleton count={6} />}>
      <OverviewData />
    </Suspense>
  );
}

function OverviewData() {
  const trpc = useTRPC();
  // Polled while a sweep's fit is being computed: its card shows the previous fit, marked, until the new one lands.
  const overview = useQuery({
    ...trpc.team.overview.queryOptions(),
    refetchInterval: pollWhileFitting((teams) => teams.flatMap((t) => t.entries.map((e) => e.fitStatus))),
  });
  return (
    <QueryView query={overview} skeleton={<CardsSkeleton count={6} />}>
      {(teams) =>
        teams.length === 0 ? (
          <EmptyState title="No teams yet">
            Create one in <Link href="/settings">Settings</Link>, or run <code>npm run db:seed</code> for the demo data.
          </EmptyState>
        ) : (
          <Teams teams={teams} />
        )
      }
    </QueryView>
  );
}

function Teams({ teams }: { teams: TeamOverview[] }) {
  const present = usePresentMode(teams.map((t) => t.team.slug));
  if (present.presenting) {
    const shown = teams[present.index]!;
    return (
      <div className={styles.present} data-testid="present-mode" role="dialog" aria-modal="true" aria-label={`${shown.team.name}: present mode`}>
        <TeamSection
          data={shown}
          actions={
            <nav className={styles.presentNav} aria-label="Teams">
              <button type="button" className="button secondary" onClick={present.previous} aria-label="Previous team">
                ←
              </button>
              <span className="muted" data-testid="present-position">
                team {present.index + 1} of {teams.length}
              </span>
              <button type="button" className="button secondary" onClick={present.next} aria-label="Next team">
                →
              </button>
              <button type="button" className="button secondary" onClick={present.exit}>
                Exit (Esc)
              </button>
            </nav>
          }
        />
      </div>
    );
  }
  return (
    <div className={styles.overview}>
      <div className={styles.toolbar}>
        <OverviewLegend />
        <button type="button" className="button" onClick={present.start} data-testid="present-toggle" title="One team per screen, large type; ←/→ between teams, Esc leaves">
          Present
        </button>
      </div>
      <div className={styles.teams}>
        {teams.map((t) => (
          <TeamSection key={t.team.id} data={t} />
        ))}
      </div>
    </div>
  );
}
