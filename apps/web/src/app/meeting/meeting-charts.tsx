"use client";

import { useQueries } from "@tanstack/react-query";
import { useMemo, useRef } from "react";
import { ScaleChart, type ChartHandle, type ChartMarker, type ChartSeries } from "~/components/charts/scale-chart";
import { CURVE_BAND } from "@scalecast/api/curve-band";
import { ExportButtons } from "~/components/export-buttons";
import { useMethodologyStyles } from "~/components/use-methodology-styles";
import { ErrorPanel, Skeleton } from "~/components/ui/states";
import { formatScale } from "~/lib/format";
import type { SeriesStyle } from "~/lib/palette";
import { sweepScaleAxis } from "~/lib/sweep-scale";
import { useTRPC } from "~/trpc/react";
import { chartCsv } from "./meeting-export";
import type { Entry, EntryDiff, Fit } from "./types";

/** The compared snapshot's curve: grey and dashed, drawn first so it lies under this snapshot's. */
const GHOST_STYLE: SeriesStyle = { color: "#9aa0a6", dash: "5 4" };

/**
 * One chart per sweep of the snapshot: its fit's runs, curve and band, and (when compared with another
 * snapshot that froze another fit of the sweep) that fit's stored curve as a ghost; each exportable as SVG,
 * PNG and CSV. Both curves are the stored fits' own (fit.get): nothing is refitted. A ghost that cannot be
 * read is left out; the chart of this snapshot's fit still shows.
 */
export function MeetingCharts({ entries, changes, againstTitle, takenAt }: { entries: readonly Entry[]; changes: readonly EntryDiff[]; againstTitle: string | null; takenAt: Date }) {
  const trpc = useTRPC();
  const withFits = entries.filter((e) => e.fit);
  const ghostIds = withFits.map((e) => {
    const from = changes.find((c) => c.sweepId === e.sweep.id)?.fit.from ?? null;
    return from !== null && from !== e.fit!.id ? from : null;
  });
  const fitIds = [...withFits.map((e) => e.fit!.id), ...ghostIds.flatMap((id) => (id === null ? [] : [id]))];
  const fits = useQueries({ queries: fitIds.map((fitId) => ({ ...trpc.fit.get.queryOptions({ fitId }), retry: false })) });
  const byId = new Map(fitIds.map((id, i) => [id, fits[i]]));
  if (withFits.length === 0) return null;
  return (
    <div className="grid-2">
      {withFits.map((e, i) => {
        const current = byId.get(e.fit!.id);
        const ghost = ghostIds[i] ? byId.get(ghostIds[i]) : undefined;
        return <EntryChart key={e.sweep.id} entry={e} fit={current?.data} ghost={ghost?.data} ghostLabel={againstTitle} takenAt={takenAt} error={current?.error} />;
      })}
    </div>
  );
}

/** A stored fit's curve as chart points (with its band unless `bare`). */
function curveOf(fit: Fit, bare = false) {
  return (fit.curve ?? []).filter((c) => c.value !== null).map((c) => ({ x: c.scale, y: c.value!, lo: bare ? null : (c.lower ?? null), hi: bare ? null : (c.upper ?? null) }));
}

function EntryChart({ entry, fit, ghost, ghostLabel, takenAt, error }: { entry: Entry; fit: Fit | undefined; ghost: Fit | undefined; ghostLabel: string | null; takenAt: Date; error: unknown }) {
  const ref = useRef<ChartHandle | null>(null);
  const styles = useMethodologyStyles();
  const name = `${entry.methodology.name}-${entry.sweep.name}`.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  const series: ChartSeries[] = useMemo(() => {
    if (!fit) return [];
    const previous: ChartSeries[] = ghost ? [{ id: `${entry.methodology.id}-previous`, label: `${ghostLabel ?? "compared snapshot"} · ${ghost.model}`, style: GHOST_STYLE, curve: curveOf(ghost, true) }] : [];
    return [
      ...previous,
      {
        id: entry.methodology.id,
        label: `${entry.methodology.name} · ${fit.model}`,
        style: styles(entry.methodology.id),
        points: (fit.residuals ?? []).map((r) => ({ x: r.scale, y: r.actual, label: r.runKey })),
        curve: curveOf(fit),
        ...(fit.smallest !== null && fit.frontier !== null ? { fittedRange: [fit.smallest, fit.frontier] as const } : {}),
      },
    ];
  }, [entry.methodology, fit, ghost, ghostLabel, styles]);
  const markers: ChartMarker[] = useMemo(
    () => (entry.forecast ? [{ x: entry.forecast.scale, label: `target ${formatScale(entry.forecast.scale)}`, color: "#D55E00" }] : []),
    [entry.forecast],
  );
  const ghostNote = ghost ? ` · grey dashed: the fit of ${ghostLabel ?? "the compared snapshot"}` : "";
  return (
    <section className="panel" data-testid="meeting-chart">
      <div className="panel-head">
        <h3 style={{ margin: 0 }}>{entry.methodology.name}</h3>
        <ExportButtons
          chartRef={ref}
          name={name}
          meta={{ title: `${entry.methodology.name}: ${entry.sweep.name}, ${entry.sweep.metric}`, team: entry.team.name, date: takenAt, band: CURVE_BAND }}
          csv={fit ? () => chartCsv(entry, fit, ghost) : undefined}
        />
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
          legendNote={`points: the snapshot's runs · solid: fitted range · dashed: extrapolation · shaded: 5–95 % bootstrap band (parameter uncertainty only)${ghostNote}`}
        />
      )}
    </section>
  );
}
