"use client";

import type { RouterOutputs } from "@scalecast/api";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { FitStatusBadge, fitStatusText, pollWhileFitting } from "~/components/fit-status";
import { useMethodologyStyles } from "~/components/use-methodology-styles";
import { CardsSkeleton, EmptyState, QueryView } from "~/components/ui/states";
import { formatDate, formatDelta, formatIntervalKind, formatScale, formatScore, formatSummaryInterval } from "~/lib/format";
import { useTRPC } from "~/trpc/react";

type TeamOverview = RouterOutputs["team"]["overview"][number];
type Entry = TeamOverview["entries"][number];

/** Every team's methodologies: latest fit, gain per 10×, forecast at the target scale, recommendation, changes. */
export function Overview() {
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
          <>
            {teams.map((t) => (
              <TeamBlock key={t.team.id} data={t} />
            ))}
          </>
        )
      }
    </QueryView>
  );
}

function TeamBlock({ data }: { data: TeamOverview }) {
  const changed = data.sinceSnapshot?.changes.filter((c) => c.status !== "unchanged") ?? [];
  return (
    <section className="team-block" data-testid="team-overview">
      <h2>
        {data.team.name}
        <span className="muted small" style={{ fontWeight: 400 }}>
          {data.sinceSnapshot
            ? `since “${data.sinceSnapshot.title}” (${formatDate(data.sinceSnapshot.createdAt)}): ${changed.length === 0 ? "no changes" : `${changed.length} change${changed.length === 1 ? "" : "s"}`}`
            : "no snapshot yet"}
        </span>
      </h2>
      {data.entries.length === 0 ? (
        <EmptyState title="No sweeps yet">
          Add a methodology and a sweep in <Link href={`/settings?team=${data.team.slug}`}>Settings</Link>.
        </EmptyState>
      ) : (
        <div className="cards">
          {data.entries.map((e) => (
            <EntryCard key={e.sweep.id} entry={e} change={data.sinceSnapshot?.changes.find((c) => c.sweepId === e.sweep.id)} />
          ))}
        </div>
      )}
    </section>
  );
}

function EntryCard({ entry, change }: { entry: Entry; change: TeamOverview["sinceSnapshot"] extends infer S ? (S extends { changes: (infer C)[] } ? C : never) | undefined : never }) {
  const styles = useMethodologyStyles();
  const action = entry.recommendation?.action;
  return (
    <Link href={`/sweeps/${entry.sweep.id}`} className="card card-link" data-testid="sweep-card">
      <h2 style={{ display: "flex", alignItems: "center", flexWrap: "wrap", gap: "4px 8px" }}>
        <span className="swatch" style={{ background: styles(entry.methodology.id).color }} />
        {entry.methodology.name}
        {entry.methodology.synthetic && <span className="badge">synthetic demo</span>}
      </h2>
      <div className="muted small" style={{ marginBottom: 8 }}>
        {entry.sweep.name} · {entry.sweep.metric} ({entry.sweep.direction} is better) · {entry.runCount} runs
      </div>
      {!entry.fit && entry.fitStatus.state === "failed" ? (
        <p className="muted" data-testid="fit-failed">
          {fitStatusText(entry.fitStatus)}
        </p>
      ) : (
        <>
          <div className="stat">
            <span>Latest fit</span>
            <strong>
              {entry.fit ? entry.fit.model : "—"}
              <FitStatusBadge status={entry.fitStatus} />
            </strong>
          </div>
          <div className="stat">
            <span>Gain per 10×</span>
            <strong>{entry.gainPer10x === null ? "—" : formatScore(entry.gainPer10x)}</strong>
          </div>
          <div className="stat">
            <span>Forecast at {entry.forecast ? formatScale(entry.forecast.scale) : "target"}</span>
            <strong>
              {formatScore(entry.forecast?.value)} <span className="muted small" title={entry.forecast?.unreliable}>{entry.forecast ? formatSummaryInterval(entry.forecast.lower, entry.forecast.upper, entry.forecast.unreliable) : ""}</span>
            </strong>
          </div>
          {entry.forecast && entry.forecast.unreliable === undefined ? (
            <div className="muted small" data-testid="forecast-interval-kind" title={entry.forecast.reason}>
              {formatIntervalKind(entry.forecast)}
            </div>
          ) : null}
        </>
      )}
      <div style={{ marginTop: 10, display: "flex", gap: 8, flexWrap: "wrap", alignItems: "center" }}>
        {action && <span className={`badge big ${action}`}>{action.replace("-", " ")}</span>}
        {change && change.status !== "unchanged" && (
          <span className="badge neutral" data-testid="change">
            {change.status === "added" ? "new since snapshot" : [change.newRuns > 0 ? `+${change.newRuns} runs` : null, change.forecastShift !== null ? `forecast ${formatDelta(change.forecastShift)}` : null, change.recommendation ? `was ${change.recommendation.from ?? "—"}` : null].filter(Boolean).join(" · ") || "changed"}
          </span>
        )}
      </div>
      {entry.recommendation?.reasons[0] && <p className="muted small" style={{ margin: "8px 0 0" }}>{entry.recommendation.reasons[0]}</p>}
    </Link>
  );
}
