import type { RouterOutputs } from "@scalecast/api";
import Link from "next/link";
import type { CSSProperties, ReactNode } from "react";
import { EmptyState } from "~/components/ui/states";
import { formatDate } from "~/lib/format";
import { MethodologyCard } from "./methodology-card";
import styles from "./overview.module.css";

export type TeamOverview = RouterOutputs["team"]["overview"][number];

/** The team's snapshot line: what changed since its last snapshot, or what a snapshot is and where to take one. */
function SnapshotStatus({ data }: { data: TeamOverview }) {
  const meeting = `/meeting?team=${data.team.slug}`;
  const since = data.sinceSnapshot;
  if (!since) {
    return (
      <p className={styles.snapshotStatus} data-testid="snapshot-status">
        <strong>No snapshot yet.</strong> A snapshot freezes the team&apos;s fits and forecasts (say, at this week&apos;s meeting) so the next one shows what changed. Take one
        on the <Link href={meeting}>Meeting page</Link>.
      </p>
    );
  }
  const changed = since.changes.filter((c) => c.status !== "unchanged").length;
  return (
    <p className={styles.snapshotStatus} data-testid="snapshot-status">
      Since the snapshot <Link href={meeting}>“{since.title}”</Link> ({formatDate(since.createdAt)}): {changed === 0 ? "no changes" : `${changed} sweep${changed === 1 ? "" : "s"} changed`}.
    </p>
  );
}

/** One team: its name, its snapshot line and a card per sweep; `actions` sits beside the name (present mode's controls). */
export function TeamSection({ data, actions }: { data: TeamOverview; actions?: ReactNode }) {
  return (
    <section className={styles.team} data-testid="team-overview" data-team={data.team.slug} style={{ "--cards": Math.max(1, data.entries.length) } as CSSProperties}>
      <header className={styles.teamHead}>
        <h2>{data.team.name}</h2>
        {actions}
      </header>
      <SnapshotStatus data={data} />
      {data.entries.length === 0 ? (
        <EmptyState title="No sweeps yet">
          Add a methodology and a sweep in <Link href={`/settings?team=${data.team.slug}`}>Settings</Link>.
        </EmptyState>
      ) : (
        <div className={styles.cards}>
          {data.entries.map((e) => (
            <MethodologyCard key={e.sweep.id} entry={e} change={data.sinceSnapshot?.changes.find((c) => c.sweepId === e.sweep.id)} />
          ))}
        </div>
      )}
    </section>
  );
}
