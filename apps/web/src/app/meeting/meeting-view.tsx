"use client";

import type { RouterOutputs } from "@scalecast/api";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useRef, useState, type FormEvent } from "react";
import { ScaleChart, type ChartHandle, type ChartMarker, type ChartSeries } from "~/components/charts/scale-chart";
import { ExportButtons } from "~/components/export-buttons";
import { CURVE_BAND } from "~/components/charts/chart-export";
import { FitStatusBadge, fitStatusText } from "~/components/fit-status";
import { useMethodologyStyles } from "~/components/use-methodology-styles";
import { EmptyState, ErrorPanel, QueryView, Skeleton } from "~/components/ui/states";
import { download } from "~/lib/download";
import { markdownText as md, toCsv } from "~/lib/export-format";
import { formatDate, formatDelta, formatInterval, formatIntervalKind, formatScale, formatScore } from "~/lib/format";
import { sweepScaleAxis } from "~/lib/sweep-scale";
import { useTRPC } from "~/trpc/react";

type Snapshot = RouterOutputs["snapshot"]["get"];
type Entry = Snapshot["content"]["entries"][number];
type Change = RouterOutputs["snapshot"]["diff"]["changes"][number];
type Decision = RouterOutputs["decision"]["list"][number];

const OUTCOMES = [
  ["scale_further", "Scale further"],
  ["switch_strategy", "Switch strategy"],
  ["plateau", "Plateau, move on"],
  ["other", "Other"],
] as const;

export function MeetingView() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const teams = useQuery(trpc.team.list.queryOptions());
  const slug = params.get("team") ?? teams.data?.[0]?.slug;
  const team = teams.data?.find((t) => t.slug === slug);
  return (
    <>
      <div className="toolbar" style={{ marginBottom: 16 }}>
        {(teams.data ?? []).map((t) => (
          <button key={t.id} type="button" className={t.slug === slug ? "button small" : "button secondary small"} onClick={() => router.replace(`${pathname}?team=${t.slug}`)}>
            {t.name}
          </button>
        ))}
      </div>
      {teams.error ? <ErrorPanel error={teams.error} /> : !team ? teams.isPending ? <Skeleton lines={4} /> : <EmptyState title="No teams yet">Create a team in Settings first.</EmptyState> : <TeamMeeting teamId={team.id} teamName={team.name} />}
    </>
  );
}

function TeamMeeting({ teamId, teamName }: { teamId: string; teamName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const snapshots = useQuery(trpc.snapshot.list.queryOptions({ teamId }));
  const [title, setTitle] = useState(() => `Week of ${new Date().toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" })}`);
  const create = useMutation(
    trpc.snapshot.create.mutationOptions({
      onSuccess: () =>
        Promise.all([queryClient.invalidateQueries(trpc.snapshot.pathFilter()), queryClient.invalidateQueries(trpc.team.overview.pathFilter())]),
    }),
  );
  return (
    <>
      <section className="panel">
        <form
          className="inline-form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            create.mutate({ teamId, title });
          }}
        >
          <label style={{ flex: 1 }}>
            Snapshot title
            <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="snapshot-title" />
          </label>
          <button className="button" type="submit" disabled={create.isPending} data-testid="take-snapshot">
            {create.isPending ? "Freezing fits…" : "Take snapshot"}
          </button>
        </form>
        {create.error && <ErrorPanel error={create.error} />}
      </section>
      <QueryView query={snapshots} skeleton={<Skeleton lines={5} />}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={`No snapshot of ${teamName} yet`}>Take one to freeze this week&apos;s fits and forecasts; next week you will see what changed.</EmptyState>
          ) : (
            <SnapshotReport id={list[0]!.id} previousId={list[1]?.id} teamName={teamName} />
          )
        }
      </QueryView>
    </>
  );
}

function SnapshotReport({ id, previousId, teamName }: { id: string; previousId: string | undefined; teamName: string }) {
  const trpc = useTRPC();
  const snapshot = useQuery(trpc.snapshot.get.queryOptions({ id }));
  const diff = useQuery({ ...trpc.snapshot.diff.queryOptions({ fromId: previousId ?? id, toId: id }), enabled: previousId !== undefined });
  const decisions = useQuery(trpc.decision.list.queryOptions({ snapshotId: id }));
  return (
    <QueryView query={snapshot} skeleton={<Skeleton chart lines={3} />}>
      {(s) => {
        const changes = diff.data?.changes ?? [];
        const markdown = () => toMarkdown(s, teamName, previousId ? changes : null, decisions.data ?? []);
        const csv = () =>
          toCsv(
            ["team", "methodology", "sweep", "metric", "model", "runs", "gain_per_10x", "forecast_scale", "forecast", "forecast_lower", "forecast_upper", "forecast_interval", "recommendation"],
            s.content.entries.map((e) => [e.team.name, e.methodology.name, e.sweep.name, e.sweep.metric, e.fit?.model, e.runCount, e.gainPer10x, e.forecast?.scale, e.forecast?.value, e.forecast?.lower, e.forecast?.upper, e.forecast ? formatIntervalKind(e.forecast) : null, e.recommendation?.action]),
          );
        const slug = s.title.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
        return (
          <>
            <section className="panel" data-testid="snapshot">
              <div className="panel-head">
                <h2>
                  {s.title} <span className="muted small">{formatDate(s.createdAt)}</span>
                </h2>
                <div className="toolbar">
                  <button type="button" className="button secondary small" onClick={() => download(`${slug}.csv`, csv(), "text/csv")} data-testid="export-csv">
                    Data CSV
                  </button>
                  <button type="button" className="button secondary small" onClick={() => download(`${slug}.md`, markdown(), "text/markdown")} data-testid="export-markdown">
                    Markdown summary
                  </button>
                </div>
              </div>
              <EntriesTable entries={s.content.entries} />
            </section>
            <section className="panel" data-testid="changes">
              <h2>This week against the last snapshot</h2>
              {!previousId ? (
                <p className="muted">This is the team&apos;s first snapshot: next time, the changes since it appear here.</p>
              ) : diff.error ? (
                <ErrorPanel error={diff.error} />
              ) : !diff.data ? (
                <Skeleton lines={3} />
              ) : (
                <ChangesTable changes={changes} />
              )}
            </section>
            <Charts entries={s.content.entries} />
            <Decisions snapshotId={s.id} decisions={decisions} />
          </>
        );
      }}
    </QueryView>
  );
}

/** Why a frozen entry has no fit: its status (fitting, failed with the reason), or the `problem` older snapshots froze. */
function notFitted(e: Entry): string | null {
  return e.fitStatus ? fitStatusText(e.fitStatus) : (e.problem ?? null);
}

function EntriesTable({ entries }: { entries: readonly Entry[] }) {
  if (entries.length === 0) return <p className="muted">The team had no sweeps when this snapshot was taken.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>Methodology</th>
          <th>Model</th>
          <th className="num">Runs</th>
          <th className="num">Gain per 10×</th>
          <th className="num">Forecast</th>
          <th>Recommendation</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.sweep.id}>
            <td>
              <Link href={`/sweeps/${e.sweep.id}`}>{e.methodology.name}</Link>
              <div className="muted small">
                {e.sweep.name} · {e.sweep.metric}
              </div>
            </td>
            <td>
              {e.fit ? (
                <>
                  {e.fit.model}
                  <FitStatusBadge status={e.fitStatus} />
                </>
              ) : notFitted(e) ? (
                <>
                  <span className="badge" title={notFitted(e)!} data-testid="not-fitted">
                    not fitted
                  </span>
                  <div className="muted small">{notFitted(e)}</div>
                </>
              ) : (
                "—"
              )}
            </td>
            <td className="num">{e.runCount}</td>
            <td className="num">{formatScore(e.gainPer10x)}</td>
            <td className="num">
              {formatScore(e.forecast?.value)}
              <div className="muted small" title={e.forecast?.reason}>
                {e.forecast ? `at ${formatScale(e.forecast.scale)} ${formatInterval(e.forecast.lower, e.forecast.upper)} (${formatIntervalKind(e.forecast)})` : ""}
              </div>
            </td>
            <td>{e.recommendation ? <span className={`badge ${e.recommendation.action}`}>{e.recommendation.action.replace("-", " ")}</span> : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ChangesTable({ changes }: { changes: readonly Change[] }) {
  const changed = changes.filter((c) => c.status !== "unchanged");
  if (changed.length === 0) return <p className="muted">Nothing changed: no new runs, no parameter, forecast or recommendation shifts.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>Methodology</th>
          <th>Status</th>
          <th className="num">New runs</th>
          <th>Parameter shifts</th>
          <th className="num">Forecast shift</th>
          <th>Recommendation</th>
        </tr>
      </thead>
      <tbody>
        {changed.map((c) => (
          <tr key={c.sweepId}>
            <td>
              {c.methodologyName}
              <div className="muted small">{c.sweepName}</div>
            </td>
            <td>{c.status}</td>
            <td className="num">{c.newRuns}</td>
            <td className="small">
              {Object.entries(c.parameterShifts)
                .filter(([, v]) => v !== null && Math.abs(v) > 1e-9)
                .map(([k, v]) => `${k} ${formatDelta(v!, true)}`)
                .join(", ") || "—"}
            </td>
            <td className="num">{c.forecastShift === null ? "—" : formatDelta(c.forecastShift)}</td>
            <td>{c.recommendation ? `${c.recommendation.from ?? "—"} → ${c.recommendation.to ?? "—"}` : "unchanged"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One chart per sweep of the snapshot: its fit's runs, curve and band, each exportable as SVG, PNG and CSV. */
function Charts({ entries }: { entries: readonly Entry[] }) {
  const trpc = useTRPC();
  const withFits = entries.filter((e) => e.fit);
  const fits = useQueries({ queries: withFits.map((e) => ({ ...trpc.fit.get.queryOptions({ fitId: e.fit!.id }), retry: false })) });
  if (withFits.length === 0) return null;
  return (
    <div className="grid-2">
      {withFits.map((e, i) => (
        <EntryChart key={e.sweep.id} entry={e} fit={fits[i]?.data} error={fits[i]?.error} />
      ))}
    </div>
  );
}

type Fit = RouterOutputs["fit"]["get"];

/**
 * A chart's data as CSV: the runs the fit saw (its residuals: frozen with the fit, so the snapshot's runs
 * rather than today's) and the fitted curve with its band, one row each, named by methodology and sweep so
 * the files of several charts can be joined.
 */
export function chartCsv(entry: Entry, fit: Fit): string {
  const named = [entry.methodology.name, entry.sweep.name];
  return toCsv(
    ["methodology", "sweep", "kind", "run_key", "scale", entry.sweep.metric, "lower", "upper"],
    [
      ...(fit.residuals ?? []).map((r) => [...named, "run", r.runKey, r.scale, r.actual, null, null]),
      ...(fit.curve ?? []).filter((c) => c.value !== null).map((c) => [...named, "fit", null, c.scale, c.value, c.lower ?? null, c.upper ?? null]),
    ],
  );
}

function EntryChart({ entry, fit, error }: { entry: Entry; fit: Fit | undefined; error: unknown }) {
  const ref = useRef<ChartHandle | null>(null);
  const styles = useMethodologyStyles();
  const name = `${entry.methodology.name}-${entry.sweep.name}`.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  const series: ChartSeries[] = useMemo(
    () =>
      fit
        ? [
            {
              id: entry.methodology.id,
              label: `${entry.methodology.name} · ${fit.model}`,
              style: styles(entry.methodology.id),
              points: (fit.residuals ?? []).map((r) => ({ x: r.scale, y: r.actual, label: r.runKey })),
              curve: (fit.curve ?? []).filter((c) => c.value !== null).map((c) => ({ x: c.scale, y: c.value!, lo: c.lower ?? null, hi: c.upper ?? null })),
              ...(fit.smallest !== null && fit.frontier !== null ? { fittedRange: [fit.smallest, fit.frontier] as const } : {}),
            },
          ]
        : [],
    [entry.methodology, fit, styles],
  );
  const markers: ChartMarker[] = useMemo(
    () => (entry.forecast ? [{ x: entry.forecast.scale, label: `target ${formatScale(entry.forecast.scale)}`, color: "#D55E00" }] : []),
    [entry.forecast],
  );
  return (
    <section className="panel" data-testid="meeting-chart">
      <div className="panel-head">
        <h3 style={{ margin: 0 }}>{entry.methodology.name}</h3>
        <ExportButtons chartRef={ref} name={name} meta={{ title: `${entry.methodology.name}: ${entry.sweep.name}, ${entry.sweep.metric}`, team: entry.team.name, band: CURVE_BAND }} csv={fit ? () => chartCsv(entry, fit) : undefined} />
      </div>
      {error ? (
        <ErrorPanel error={error} />
      ) : !fit ? (
        <Skeleton chart lines={0} />
      ) : (
        <ScaleChart
          series={series}
          markers={markers}
          xLabel={entry.sweep.axes ? sweepScaleAxis(entry.sweep.axes).label : "scale"}
          yLabel={entry.sweep.metric}
          yScale={entry.sweep.direction === "lower" ? "log" : "linear"}
          height={260}
          handleRef={ref}
          testId="meeting-chart-plot"
          title={`${entry.methodology.name}: ${entry.sweep.metric}`}
          legendNote="points: the snapshot's runs · solid: fitted range · dashed: extrapolation · shaded: 5–95 % bootstrap band (parameter uncertainty only)"
        />
      )}
    </section>
  );
}

function Decisions({ snapshotId, decisions }: { snapshotId: string; decisions: { data: Decision[] | undefined; error: unknown; isPending: boolean; refetch: () => unknown } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.decision.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.decision.pathFilter()) }));
  return (
    <section className="panel" data-testid="decisions">
      <h2>Decision log</h2>
      <QueryView query={decisions} skeleton={<Skeleton lines={2} />}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No decisions recorded for this snapshot yet.</p>
          ) : (
            <table>
              <tbody>
                {list.map((d) => (
                  <tr key={d.id}>
                    <td style={{ width: 160 }}>
                      <span className="badge neutral" style={{ marginLeft: 0 }}>
                        {OUTCOMES.find(([k]) => k === d.outcome)?.[1] ?? d.outcome}
                      </span>
                    </td>
                    <td>
                      <strong>{d.title}</strong>
                      {d.rationale && <div className="muted">{d.rationale}</div>}
                    </td>
                    <td className="muted small num">{formatDate(d.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
      <form
        className="form"
        style={{ marginTop: 14 }}
        onSubmit={(e: FormEvent<HTMLFormElement>) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const form = e.currentTarget;
          create.mutate(
            { snapshotId, title: String(f.get("title") ?? "").trim(), rationale: String(f.get("rationale") ?? "").trim(), outcome: String(f.get("outcome")) as (typeof OUTCOMES)[number][0] },
            { onSuccess: () => form.reset() },
          );
        }}
      >
        <div className="inline-form">
          <label style={{ flex: 1 }}>
            Decision
            <input name="title" placeholder="Scale web crawl v2 to 10B tokens" data-testid="decision-title" />
          </label>
          <label>
            Outcome
            <select name="outcome">
              {OUTCOMES.map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          Why (the numbers)
          <input name="rationale" placeholder="gain per 10× still 0.04; crossover with synthetic math at 1e9" />
        </label>
        <div>
          <button type="submit" className="button" disabled={create.isPending} data-testid="add-decision">
            Record decision
          </button>
        </div>
        {create.error && <ErrorPanel error={create.error} />}
      </form>
    </section>
  );
}

/** The whole page as Markdown for the meeting notes; every name and text a person typed goes through markdownText. */
export function toMarkdown(s: Snapshot, teamName: string, changes: readonly Change[] | null, decisions: readonly Decision[]): string {
  const lines = [`# ${md(s.title)}`, "", `${md(teamName)} · snapshot taken ${formatDate(s.createdAt)}`, "", "## Methodologies", ""];
  lines.push("| Methodology | Sweep | Model | Runs | Gain per 10× | Forecast | Recommendation |", "|---|---|---|---:|---:|---:|---|");
  for (const e of s.content.entries) {
    const forecast = e.forecast ? `${formatScore(e.forecast.value)} at ${formatScale(e.forecast.scale)} ${formatInterval(e.forecast.lower, e.forecast.upper)} (${formatIntervalKind(e.forecast)})` : "—";
    lines.push(`| ${md(e.methodology.name)} | ${md(e.sweep.name)} | ${e.fit?.model ?? "—"} | ${e.runCount} | ${formatScore(e.gainPer10x)} | ${forecast} | ${e.recommendation?.action ?? "—"} |`);
  }
  for (const e of s.content.entries) {
    if (e.recommendation?.reasons.length) lines.push("", `**${md(e.methodology.name)}**: ${md(e.recommendation.reasons.join("; "))}`);
  }
  lines.push("", "## Since the last snapshot", "");
  if (changes === null) lines.push("First snapshot of this team.");
  else {
    const changed = changes.filter((c) => c.status !== "unchanged");
    if (changed.length === 0) lines.push("No changes.");
    for (const c of changed) {
      const parts = [`${c.newRuns} new runs`];
      if (c.forecastShift !== null) parts.push(`forecast ${formatDelta(c.forecastShift)}`);
      if (c.recommendation) parts.push(`recommendation ${c.recommendation.from ?? "—"} → ${c.recommendation.to ?? "—"}`);
      lines.push(`- ${md(c.methodologyName)} (${md(c.sweepName)}): ${c.status}; ${parts.join("; ")}`);
    }
  }
  lines.push("", "## Decisions", "");
  if (decisions.length === 0) lines.push("None recorded.");
  for (const d of decisions) lines.push(`- **${md(d.title)}** (${d.outcome})${d.rationale ? `: ${md(d.rationale)}` : ""}`);
  return lines.join("\n") + "\n";
}
