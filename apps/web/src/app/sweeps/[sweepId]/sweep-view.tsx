"use client";

import type { RouterOutputs } from "@scalecast/api";
import { MODEL_NAMES, bootstrapDrawsProblem, getModel } from "@scalecast/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { ScaleChart, type ChartHandle, type ChartMarker, type ChartSeries } from "~/components/charts/scale-chart";
import { CURVE_BAND } from "@scalecast/api/curve-band";
import { ExportButtons } from "~/components/export-buttons";
import { FitStatusBadge, pollWhileFitting, type FitStatus } from "~/components/fit-status";
import { useMethodologyStyles } from "~/components/use-methodology-styles";
import { ErrorPanel, QueryView, Skeleton } from "~/components/ui/states";
import { formatExact, formatInterval, formatIntervalKind, formatRecommendation, formatScale, formatScore, formatSummaryInterval, DEGENERATE_INTERVAL_NOTE, UNRELIABLE_INTERVAL_NOTE } from "~/lib/format";
import { sweepScaleAxis } from "~/lib/sweep-scale";
import { useTRPC } from "~/trpc/react";
import { AddRunForm } from "./add-run-form";
import { BacktestPanel } from "./backtest-panel";
import { ImportRuns } from "./import-runs";
import { LossAtNd } from "./loss-at-nd";
import { ModelScores } from "./model-scores";
import { MetricBoundsControl } from "./metric-bounds-control";
import { RunActions, RunTrail } from "./run-actions";
import { metricsOf, RunTable } from "./run-table";
import { TeamWriteGate } from "./team-write-gate";
import { useLawParam } from "./use-law-param";
import { Kpi } from "~/components/ui/kpi";

export type SweepData = RouterOutputs["sweep"]["get"];
export type FitData = NonNullable<RouterOutputs["fit"]["latest"]["fit"]>;

/** The chart's legend when the API left the band out where the bootstrap is unstable (see the fit's curve). */
const BAND_CUT_NOTE = "solid: fitted range · dashed: extrapolation · shaded: 5–95 % bootstrap band (parameter uncertainty only), left out where the bootstrap is unstable · scroll to zoom, double-click to reset";

/** Models that draw a score curve against one scale (isoflop predicts an optimum instead). */
const CURVE_MODELS = MODEL_NAMES.filter((m) => getModel(m).predicts === "y");

export function SweepView({ sweepId }: { sweepId: string }) {
  const trpc = useTRPC();
  const sweep = useQuery(trpc.sweep.get.queryOptions({ sweepId }));
  return (
    <QueryView query={sweep} skeleton={<SweepSkeleton />}>
      {(data) => <SweepContent data={data} />}
    </QueryView>
  );
}

function SweepSkeleton() {
  return (
    <>
      <Skeleton lines={2} />
      <div className="panel">
        <Skeleton chart lines={0} />
      </div>
    </>
  );
}

function compatible(model: string, axes: readonly string[]): boolean {
  const joint = axes.length >= 2;
  return getModel(model as (typeof MODEL_NAMES)[number]).axes === (joint ? "n+d" : "x");
}

function SweepContent({ data }: { data: SweepData }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { sweep, methodology, team, runs } = data;
  const models = CURVE_MODELS.filter((m) => compatible(m, sweep.axes));
  // null: the sweep's default law (the pinned one, else model selection's choice), resolved by fit.latest.
  const [picked, setPicked] = useLawParam(models);
  const [bootstrap, setBootstrap] = useState(200);
  const [yScale, setYScale] = useState<"log" | "linear">(sweep.direction === "lower" ? "log" : "linear");
  const styles = useMethodologyStyles();
  const style = styles(methodology.id);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (runKey: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (!next.delete(runKey)) next.add(runKey);
      return next;
    });

  const latestInput = { sweepId: sweep.id, ...(picked ? { model: picked as never } : {}) };
  // The latest stored fit of the default law, re-read every second while a job computes a newer one (then
  // swapped in). No job fits a picked law: its fit comes from the write below.
  const latest = useQuery({
    ...trpc.fit.latest.queryOptions(latestInput),
    enabled: runs.length > 0,
    retry: false,
    refetchInterval: picked === null ? pollWhileFitting((d) => [d.fitStatus]) : false,
  });
  const fit = latest.data?.fit ?? undefined;
  const fitStatus = latest.data?.fitStatus;
  const model = picked ?? fit?.model ?? sweep.pinnedModel;
  const refreshFits = () => Promise.all([queryClient.invalidateQueries(trpc.fit.latest.pathFilter()), queryClient.invalidateQueries(trpc.fit.history.pathFilter())]);
  // A member's "Fit again" is computed in this write and then shown as the picked law's latest fit.
  const refit = useMutation(
    trpc.fit.create.mutationOptions({
      onSuccess: async (result) => {
        setPicked(result.model);
        await refreshFits();
      },
    }),
  );
  // Jobs fit the default law only: a picked law without a fit of these runs is asked for through a write any
  // reader may make (fit.request), once per law and runs.
  const request = useMutation(trpc.fit.request.mutationOptions({ onSuccess: refreshFits }));
  const requested = useRef<{ model: string; runs: SweepData["runs"] } | null>(null);
  const { mutate: requestFit } = request;
  useEffect(() => {
    if (picked === null || fitStatus?.state !== "fitting") return;
    if (requested.current?.model === picked && requested.current.runs === runs) return;
    requested.current = { model: picked, runs };
    requestFit({ sweepId: sweep.id, model: picked as never });
  }, [picked, fitStatus?.state, runs, sweep.id, requestFit]);
  const shownStatus: FitStatus | undefined =
    refit.isPending || request.isPending
      ? { state: "fitting", reason: null }
      : picked !== null && !fit && request.error
        ? { state: "failed", reason: request.error.message }
        : fitStatus;

  const axis = useMemo(() => sweepScaleAxis(sweep.axes), [sweep.axes]);
  const chart = useMemo(() => {
    // Excluded runs stay on the chart, hollow.
    const points = runs.map((r) => ({ x: axis.of(r.scales), y: r.metrics[sweep.metric] ?? Number.NaN, label: r.runKey, hollow: r.excluded !== null, scales: r.scales, excluded: r.excluded !== null }));
    const f = fit;
    const series: ChartSeries[] = [
      {
        id: methodology.id,
        label: `${methodology.name}${f ? ` · ${f.model}` : ""}`,
        style,
        points,
        curve: (f?.curve ?? []).filter((c) => c.value !== null).map((c) => ({ x: c.scale, y: c.value!, lo: c.lower ?? null, hi: c.upper ?? null })),
        ...(f && f.smallest !== null && f.frontier !== null ? { fittedRange: [f.smallest, f.frontier] as const } : {}),
      },
    ];
    const markers: ChartMarker[] = [];
    const target = f?.summary?.targetScale ?? sweep.targetScale;
    if (target) markers.push({ x: target, label: `target ${formatScale(target)}`, color: "#D55E00" });
    const residuals: ChartSeries[] = f?.residuals
      ? [
          {
            id: methodology.id,
            label: "residual ln(actual / predicted)",
            style,
            points: f.residuals.filter((r) => r.residualLog !== null).map((r) => ({ x: r.scale, y: r.residualLog!, label: r.runKey })),
            curve: f.residuals.length > 1 ? [{ x: Math.min(...f.residuals.map((r) => r.scale)), y: 0 }, { x: Math.max(...f.residuals.map((r) => r.scale)), y: 0 }] : [],
          },
        ]
      : [];
    const bandCut = f !== undefined && f.drawCount > 0 && (f.curve ?? []).some((c) => c.value !== null && c.lower == null);
    return { series, markers, residuals, bandCut };
  }, [runs, fit, axis, sweep.metric, sweep.targetScale, methodology, style]);

  const chartRef = useRef<ChartHandle | null>(null);
  const summary = fit?.summary;
  const action = summary?.recommendation?.action;
  return (
    <>
      <div className="page-head">
        <div>
          <div className="crumbs">
            <Link href="/">Overview</Link> · {team.name} · {methodology.name}
          </div>
          <h1>
            {methodology.name}: {sweep.name}
            {sweep.synthetic && <span className="badge">synthetic demo</span>}
          </h1>
          <p className="lede">
            {sweep.metric} ({sweep.direction} is better) against {sweep.axes.join(" × ")} · {runs.length} runs
            {methodology.description ? ` · ${methodology.description}` : ""}
          </p>
        </div>
        <div className="toolbar">
          <Link className="button secondary" href={`/compare?sweeps=${sweep.id}`}>
            Compare with…
          </Link>
        </div>
      </div>

      {runs.length === 0 ? (
        <div className="empty" data-testid="empty">
          <strong>No runs yet</strong>
          <div className="empty-body">Add a run by hand or import a CSV, JSON or JSONL file below, or log runs from a training script with a team API token (Settings).</div>
        </div>
      ) : (
        <>
          <div className="kpis" data-testid="fit-kpis">
            <Kpi
              label={`Forecast at ${summary ? formatScale(summary.targetScale) : "target"}`}
              value={formatScore(summary?.atTarget.value)}
              detail={
                !summary
                  ? undefined
                  : summary.atTarget.unreliable === undefined
                    ? `${formatInterval(summary.atTarget.lower, summary.atTarget.upper)} · ${formatIntervalKind(summary.atTarget)}`
                    : formatSummaryInterval(summary.atTarget.lower, summary.atTarget.upper, summary.atTarget.unreliable)
              }
              detailTitle={summary?.atTarget.unreliable ?? summary?.atTarget.reason}
            />
            <Kpi
              label="Gain per 10×"
              value={formatScore(summary?.gainPer10x)}
              detail={summary?.gainPer10xInterval || summary?.gainPer10xUnreliable ? formatSummaryInterval(summary.gainPer10xInterval?.[0], summary.gainPer10xInterval?.[1], summary.gainPer10xUnreliable) : undefined}
              detailTitle={summary?.gainPer10xUnreliable}
            />
            <Kpi label="Asymptote" value={formatScore(summary?.asymptote ?? null)} detail={summary?.frontierValue != null ? `now ${formatScore(summary.frontierValue)}` : undefined} />
            <div className="kpi">
              <span>Recommendation</span>
              {action ? <span className={`badge big ${action}`}>{formatRecommendation(action)}</span> : <strong>—</strong>}
              {summary?.recommendation && <small>{summary.recommendation.confidence} confidence</small>}
            </div>
          </div>

          <section className="panel">
            <div className="panel-head">
              <h2>
                Runs and fitted {model ?? "default law"}
                <FitStatusBadge status={shownStatus} />
              </h2>
              <div className="toolbar">
                <label className="inline-label">
                  <select value={picked ?? ""} onChange={(e) => setPicked(e.target.value || null)} data-testid="model-picker" aria-label="Model">
                    <option value="">default law{!picked && fit ? ` (${fit.model})` : ""}</option>
                    {models.map((m) => (
                      <option key={m} value={m}>
                        {m}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="button" className="button secondary small" onClick={() => setYScale(yScale === "log" ? "linear" : "log")}>
                  y: {yScale}
                </button>
                <ExportButtons chartRef={chartRef} name={`${methodology.name} ${sweep.name}`} meta={{ title: `${methodology.name}: ${sweep.name}, ${sweep.metric}`, team: team.name, band: CURVE_BAND }} />
              </div>
            </div>
            {latest.error ? <ErrorPanel error={latest.error} retry={() => void latest.refetch()} /> : null}
            {(latest.isPending || (!fit && shownStatus?.state === "fitting")) && (
              <p className="muted small" data-testid="fit-pending">
                Fitting {model ?? "the default law"} with bootstrap… the runs are shown meanwhile, and the fit appears when it lands.
              </p>
            )}
            {summary?.degenerate && (
              <div className="notice warn" data-testid="degenerate">
                <strong>Degenerate fit: not a law to decide on.</strong> Its interval is not shown and its recommendation has low confidence.
                <ul>
                  {summary.degenerate.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </div>
            )}
            <ScaleChart series={chart.series} markers={chart.markers} xLabel={axis.label} yLabel={sweep.metric} yScale={yScale} testId="sweep-chart" handleRef={chartRef} title={`${methodology.name}: ${sweep.metric}`} onPointClick={(_series, runKey) => toggle(runKey)} {...(chart.bandCut ? { legendNote: BAND_CUT_NOTE } : {})} />
            {summary?.recommendation && (
              <ul className="reasons" data-testid="reasons">
                {summary.recommendation.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
          </section>

          <div className="grid-2">
            <section className="panel">
              <div className="panel-head">
                <h2>Parameters</h2>
                {fit && (
                  <span className="muted small" data-testid="fit-draws">
                    {fit.pointCount} points · {fit.drawCount} bootstrap draws{failedRefits(fit) > 0 ? ` (${failedRefits(fit)} refits failed)` : ""} ·{" "}
                    {fit.current ? "current" : "runs changed since"}
                  </span>
                )}
              </div>
              {fit ? <ParamTable fit={fit} /> : fitStatus?.state === "failed" ? <p className="muted" data-testid="fit-failed">{fitStatus.reason}</p> : <Skeleton lines={4} />}
              <TeamWriteGate team={team} action="fit this sweep again" as="line">
                <div className="inline-form" style={{ marginTop: 14 }}>
                  <label>
                    Bootstrap resamples
                    <input type="number" min={0} max={2000} value={bootstrap} onChange={(e) => setBootstrap(Number(e.target.value))} style={{ width: 120 }} />
                  </label>
                  <button type="button" className="button" disabled={refit.isPending || model === null} onClick={() => model && refit.mutate({ sweepId: sweep.id, model: model as never, bootstrap })}>
                    {refit.isPending ? "Fitting…" : "Fit again"}
                  </button>
                </div>
                {refit.error && <ErrorPanel error={refit.error} />}
              </TeamWriteGate>
            </section>
            <section className="panel">
              <div className="panel-head">
                <h2>Residuals</h2>
                <span className="muted small">ln(actual / predicted) per run</span>
              </div>
              {fit?.residuals ? (
                <ScaleChart series={chart.residuals} xLabel={axis.label} yLabel="residual (ln)" yScale="linear" height={260} testId="residual-chart" legendNote="a pattern here means the model misses the shape" />
              ) : (
                <Skeleton chart lines={0} />
              )}
            </section>
          </div>

          {fit && getModel(fit.model).axes === "n+d" && <LossAtNd key={fit.id} fitId={fit.id} metric={sweep.metric} runs={runs} />}

          <div className="grid-2">
            <ModelScores sweepId={sweep.id} teamSlug={team.slug} current={model} pinnedModel={sweep.pinnedModel} onPick={setPicked} />
            {model && <BacktestPanel team={team} sweepId={sweep.id} model={model} metric={sweep.metric} runCount={runs.length} />}
          </div>
        </>
      )}

      <div className="grid-side">
        <section className="panel">
          <div className="panel-head">
            <h2>Runs</h2>
            <span className="muted small">click a column to sort</span>
          </div>
          {runs.length === 0 ? <p className="muted">No runs yet.</p> : <RunTable runs={runs} axes={sweep.axes} metric={sweep.metric} selected={selected} onToggle={toggle} />}
        </section>
        <div className="side-stack">
          <TeamWriteGate team={team}>
            <RunActions sweepId={sweep.id} runs={runs} selected={selected} onDone={() => setSelected(new Set())} />
            <MetricBoundsControl sweep={sweep} />
            <AddRunForm sweepId={sweep.id} axes={sweep.axes} metrics={metricsOf(runs, sweep.metric)} />
            <ImportRuns sweepId={sweep.id} axes={sweep.axes} metric={sweep.metric} />
          </TeamWriteGate>
          <RunTrail sweepId={sweep.id} />
        </div>
      </div>
    </>
  );
}

/** Bootstrap refits of a stored fit that failed (they are not among its draws). */
function failedRefits(fit: FitData): number {
  return fit.metrics.bootstrapFailures ?? 0;
}

function ParamTable({ fit }: { fit: FitData }) {
  // Too many failed refits: the surviving draws understate the spread (core's rule, as for the forecast).
  const drawsProblem = bootstrapDrawsProblem(failedRefits(fit), fit.drawCount);
  // A degenerate fit's intervals (zero-width draws, a step) are not shown as ranges.
  const degenerate = fit.summary?.degenerate?.join("; ");
  return (
    <table data-testid="param-table">
      <thead>
        <tr>
          <th>Parameter</th>
          <th className="num">Value</th>
          <th className="num">90 % interval</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(fit.params).map(([name, value]) => {
          const interval = fit.intervals?.[name];
          return (
            <tr key={name}>
              <td>
                <code>{name}</code>
              </td>
              <td className="num">{value === null ? "—" : formatExact(value)}</td>
              <td className="num" title={degenerate ?? drawsProblem}>
                {!interval ? "—" : degenerate ? DEGENERATE_INTERVAL_NOTE : drawsProblem ? UNRELIABLE_INTERVAL_NOTE : formatInterval(interval.lo, interval.hi, formatExact)}
              </td>
            </tr>
          );
        })}
        {["rmseLog", "r2Log", "aic", "bic"].map((k) =>
          fit.metrics[k] !== undefined ? (
            <tr key={k} className="muted">
              <td>{k}</td>
              <td className="num">{formatScore(fit.metrics[k])}</td>
              <td />
            </tr>
          ) : null,
        )}
      </tbody>
    </table>
  );
}
