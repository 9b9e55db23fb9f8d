"use client";

/**
 * The scale chart every view uses: runs as points, fitted curves with their bootstrap bands, and the
 * extrapolation beyond the fitted range drawn dashed. Log x axis (the scale) with decade ticks and SI labels;
 * log or linear y. Points are drawn on a canvas (10,000 stay responsive; none are sampled away), curves,
 * bands, axes and markers in SVG. Hover reads out the nearest run (its key, scales, metric, whether it is in
 * the fit, and the curve's value there) or, between runs, every curve's value at the pointer; with keyboard
 * focus the arrow keys step through the runs with the same read-out, and Enter (or a click) picks the run.
 * The wheel and drag zoom and pan the scale axis (double-click resets).
 *
 * Built for a frame budget: the SVG elements are created once per data change and a zoom only moves them
 * (new path data, tick positions); pointer and zoom events just record what changed and one animation frame
 * draws it, so a burst of events costs one redraw; hover searches the points sorted by scale (PointLayer)
 * and touches only the read-out's few elements. No React state changes while the pointer moves.
 */
import * as d3 from "d3";
import { useEffect, useImperativeHandle, useRef, type Ref } from "react";
import { formatExact, formatInterval, formatScale, formatScore } from "~/lib/format";
import { logTicks, type LogTick } from "~/lib/log-ticks";
import { chartDataCsv, chartDataMarkdown } from "./chart-data";
import { chartSvg, EXPORT_MIN_WIDTH, svgToPng, type ExportedSvg } from "./chart-export";
import type { ChartCurvePoint, ChartHandle, ChartMarker, ChartSeries, ExportMeta, PointHit } from "./chart-types";
import { PointLayer } from "./point-layer";
import styles from "./scale-chart.module.css";

export type { ChartCurvePoint, ChartHandle, ChartMarker, ChartPoint, ChartSeries, ExportMeta } from "./chart-types";

export interface ScaleChartProps {
  series: readonly ChartSeries[];
  xLabel: string;
  yLabel: string;
  yScale?: "log" | "linear";
  height?: number;
  markers?: readonly ChartMarker[];
  title?: string;
  handleRef?: Ref<ChartHandle | null>;
  testId?: string;
  /** Replaces the legend's reading guide (solid/dashed/shaded). */
  legendNote?: string;
  /** Called with the series id and point label when a run's point is clicked (within the hover reach) or picked with Enter. */
  onPointClick?: (seriesId: string, label: string) => void;
}

const NO_MARKERS: readonly ChartMarker[] = [];
const MARGIN = { top: 28, right: 24, bottom: 52, left: 72 };
const HOVER_RADIUS = 14;
/** Room per x tick label ("100M", "1e21"): decades are thinned to every 2nd or 3rd only when they are closer. */
const X_LABEL_SPACING = 64;
/** Runs this close to the one read out are drawn over it: the read-out names them too. */
const SAME_SPOT = 2;
/**
 * The read-out sits this far right of the pointer, or left of it when less than TIP_ROOM is left on the
 * right and more on the left; its width is capped by the room on its side, so it never runs past the chart.
 */
const TIP_OFFSET = 16;
const TIP_ROOM = 260;
const TIP_MAX_WIDTH = 340;
/** Relative tolerance when splitting a curve at the ends of its fitted range. */
const RANGE_EDGE = 1e-9;

/** A series' curve prepared once per data change: its band, and the fitted range solid with the extrapolation on either side dashed. */
interface DrawnCurve {
  series: ChartSeries;
  band: ChartCurvePoint[];
  parts: { series: ChartSeries; points: ChartCurvePoint[]; extrapolated: boolean }[];
}

/** A marker as drawn; its label's width is measured when first placed on screen (0 while hidden: measured again). */
interface DrawnMarker {
  m: ChartMarker;
  index: number;
  color: string;
  interval: boolean;
  labelWidth?: number;
}

function splitCurve(s: ChartSeries, plottable: (v: number) => boolean): DrawnCurve | null {
  const curve = (s.curve ?? []).filter((c) => c.x > 0 && plottable(c.y));
  if (curve.length === 0) return null;
  const band = curve.filter((c) => c.lo != null && c.hi != null && plottable(c.lo) && plottable(c.hi));
  const [f0, f1] = s.fittedRange ?? [curve[0]!.x, curve[curve.length - 1]!.x];
  const parts = [
    { series: s, points: curve.filter((c) => c.x <= f0 * (1 + RANGE_EDGE)), extrapolated: true },
    { series: s, points: curve.filter((c) => c.x >= f0 * (1 - RANGE_EDGE) && c.x <= f1 * (1 + RANGE_EDGE)), extrapolated: false },
    { series: s, points: curve.filter((c) => c.x >= f1 * (1 - RANGE_EDGE)), extrapolated: true },
  ].filter((p) => p.points.length >= 2);
  return { series: s, band, parts };
}

/** Padded x and y domains from every plottable value (no sampling: all points count). */
function chartDomains(series: readonly ChartSeries[], markers: readonly ChartMarker[], logY: boolean, plottable: (v: number) => boolean) {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of series) {
    for (const p of [...(s.points ?? []), ...(s.curve ?? [])]) {
      if (p.x > 0 && plottable(p.y)) {
        xs.push(p.x);
        ys.push(p.y);
      }
    }
  }
  for (const m of markers) if (m.x > 0) xs.push(m.x);
  const [x0 = 1, x1 = 10] = d3.extent(xs);
  const [y0 = 1, y1 = 10] = d3.extent(ys);
  const x: [number, number] = x0 === x1 ? [x0 / 3, x1 * 3] : [x0 / 10 ** 0.08, x1 * 10 ** 0.08];
  if (logY) return { x, y: (y0 === y1 ? [y0 / 2, y1 * 2] : [y0 / (y1 / y0) ** 0.06, y1 * (y1 / y0) ** 0.06]) as [number, number] };
  const span = y1 - y0 || Math.abs(y0) || 1;
  return { x, y: [y0 - span * 0.06, y1 + span * 0.06] as [number, number] };
}

export function ScaleChart({ series, xLabel, yLabel, yScale = "log", height = 420, markers = NO_MARKERS, title, handleRef, testId, legendNote, onPointClick }: ScaleChartProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const zoomRef = useRef<d3.ZoomTransform>(d3.zoomIdentity);
  const exportRef = useRef<(meta: ExportMeta) => ExportedSvg>(() => ({ text: "", width: 0, height: 0 }));
  const onPointClickRef = useRef(onPointClick);
  useEffect(() => {
    onPointClickRef.current = onPointClick;
  }, [onPointClick]);
  const dataRef = useRef({ series, xLabel, yLabel });
  useEffect(() => {
    dataRef.current = { series, xLabel, yLabel };
  }, [series, xLabel, yLabel]);

  useImperativeHandle(
    handleRef,
    () => ({
      toSvg: (meta) => exportRef.current(meta).text,
      toPng: (meta) => svgToPng(exportRef.current(meta)),
      toCsv: () => chartDataCsv(dataRef.current),
      toMarkdown: (meta) => chartDataMarkdown(dataRef.current, meta),
    }),
    [],
  );

  useEffect(() => {
    const root = rootRef.current!;
    const svgEl = svgRef.current!;
    const canvas = canvasRef.current!;
    const tip = tipRef.current!;
    const svg = d3.select(svgEl);
    svg.selectAll("*").remove();

    const plottable = (v: number) => Number.isFinite(v) && (yScale === "linear" || v > 0);
    const points = new PointLayer(series, (p) => p.x > 0 && plottable(p.y));
    const curves = series.map((s) => splitCurve(s, plottable)).filter((c): c is DrawnCurve => c !== null);
    const domains = chartDomains(series, markers, yScale === "log", plottable);

    let width = 0;
    let plotW = 0;
    const plotH = height - MARGIN.top - MARGIN.bottom;
    const xBase = d3.scaleLog().domain(domains.x);
    let x = xBase.copy();
    const y = (yScale === "log" ? d3.scaleLog() : d3.scaleLinear()).domain(domains.y).range([MARGIN.top + plotH, MARGIN.top]);
    const clampY = (v: number) => Math.max(MARGIN.top - 2000, Math.min(MARGIN.top + plotH + 2000, v));
    points.placeY(y);

    // Layers, back to front. Everything below is created once here; drawing only updates attributes.
    const gYAxis = svg.append("g").attr("class", "axis");
    const gXAxis = svg.append("g").attr("class", "axis");
    const clipId = `clip-${Math.random().toString(36).slice(2)}`;
    const clipRect = svg.append("defs").append("clipPath").attr("id", clipId).append("rect");
    const gMarkers = svg.append("g").attr("clip-path", `url(#${clipId})`);
    const gBands = svg.append("g").attr("clip-path", `url(#${clipId})`);
    const gCurves = svg.append("g").attr("clip-path", `url(#${clipId})`);
    const gHover = svg.append("g").attr("data-hover", "").style("pointer-events", "none");
    const overlay = svg.append("rect").attr("fill", "transparent").style("cursor", "crosshair");
    if (title) svg.append("title").text(title);

    const bands = gBands
      .selectAll("path")
      .data(curves.filter((c) => c.band.length > 1))
      .join("path")
      .attr("fill", (c) => c.series.style.color)
      .attr("opacity", 0.14)
      .attr("data-band", (c) => c.series.id);
    const lines = gCurves
      .selectAll("path")
      .data(curves.flatMap((c) => c.parts))
      .join("path")
      .attr("fill", "none")
      .attr("stroke", (p) => p.series.style.color)
      .attr("stroke-width", (p) => (p.extrapolated ? 2 : 2.75))
      .attr("stroke-dasharray", (p) => (p.extrapolated ? "7 5" : p.series.style.dash || null))
      .attr("opacity", (p) => (p.extrapolated ? 0.85 : 1))
      .attr("data-curve", (p) => p.series.id)
      .attr("data-extrapolated", (p) => String(p.extrapolated));
    const area = d3
      .area<ChartCurvePoint>()
      .x((c) => x(c.x))
      .y0((c) => clampY(y(c.lo!)))
      .y1((c) => clampY(y(c.hi!)));
    const line = d3
      .line<ChartCurvePoint>()
      .x((c) => x(c.x))
      .y((c) => clampY(y(c.y)));

    // Markers (crossovers, target scales) with their interval shaded; a zoom moves each marker's group.
    const markerGroups = gMarkers
      .selectAll("g")
      .data(markers.map((m, index): DrawnMarker => ({ m, index, color: m.color ?? "#444", interval: Boolean(m.lo && m.hi && m.lo > 0 && m.hi > 0) })).filter(({ m }) => m.x > 0))
      .join("g");
    markerGroups.filter((d) => d.interval).append("rect").attr("y", MARGIN.top).attr("height", plotH).attr("fill", (d) => d.color).attr("opacity", 0.08);
    markerGroups.append("line").attr("y1", MARGIN.top).attr("y2", MARGIN.top + plotH).attr("stroke", (d) => d.color).attr("stroke-dasharray", "3 3").attr("stroke-width", 1.5);
    const markerLabels = markerGroups
      .append("text")
      .attr("class", "marker-label")
      .attr("y", (d) => MARGIN.top + 14 + d.index * 16)
      .attr("fill", (d) => d.color)
      // A white halo keeps the label readable over curves and bands.
      .attr("stroke", "#fff")
      .attr("stroke-width", 3)
      .attr("stroke-linejoin", "round")
      .attr("paint-order", "stroke")
      .text((d) => d.m.label);

    const hoverRing = gHover.append("circle").attr("r", 7).attr("fill", "none").attr("stroke-width", 2).style("display", "none");
    const hoverGuide = gHover.append("line").attr("stroke", "#888").attr("stroke-width", 1).attr("y1", MARGIN.top).attr("y2", MARGIN.top + plotH).style("display", "none");
    const hoverDots = gHover.append("g");

    /** Axes that do not move with a zoom: y ticks and grid, the axis titles, the frame. */
    const drawStaticAxes = () => {
      gYAxis.selectAll("*").remove();
      const [vy0, vy1] = y.domain() as [number, number];
      svg.attr("data-y-domain", `${vy0} ${vy1}`).attr("data-y-scale", yScale);
      const yt: LogTick[] =
        yScale === "log" ? logTicks(vy0, vy1, 6) : (y as d3.ScaleLinear<number, number>).ticks(6).map((v) => ({ value: v, major: true, label: formatScore(v) }));
      for (const t of yt) {
        const py = y(t.value);
        gYAxis.append("line").attr("x1", MARGIN.left).attr("x2", MARGIN.left + plotW).attr("y1", py).attr("y2", py).attr("class", t.major ? "grid-major" : "grid-minor").attr("data-tick", "y").attr("data-value", t.value);
        if (t.label) gYAxis.append("text").attr("x", MARGIN.left - 8).attr("y", py + 4).attr("text-anchor", "end").text(t.label);
      }
      gYAxis
        .append("text")
        .attr("class", "axis-label")
        .attr("transform", `translate(16, ${MARGIN.top + plotH / 2}) rotate(-90)`)
        .attr("text-anchor", "middle")
        .text(yLabel);
      gYAxis.append("text").attr("class", "axis-label").attr("x", MARGIN.left + plotW / 2).attr("y", height - 8).attr("text-anchor", "middle").text(xLabel);
      gYAxis.append("rect").attr("class", "frame").attr("x", MARGIN.left).attr("y", MARGIN.top).attr("width", plotW).attr("height", plotH);
    };

    /** Decade ticks with SI labels on x: a tick keeps its elements while in view and only moves. */
    const drawXAxis = () => {
      const [vx0, vx1] = x.domain() as [number, number];
      gXAxis
        .selectAll<SVGGElement, LogTick>("g")
        .data(logTicks(vx0, vx1, Math.max(3, Math.floor(plotW / X_LABEL_SPACING))), (t) => `${t.value}|${t.major}|${t.label}|${plotW}`)
        .join((enter) => {
          const g = enter.append("g").attr("data-tick", "x").attr("data-value", (t) => t.value);
          g.append("line").attr("y1", MARGIN.top).attr("y2", MARGIN.top + plotH).attr("class", (t) => (t.major ? "grid-major" : "grid-minor"));
          g.append("line").attr("y1", MARGIN.top + plotH).attr("y2", (t) => MARGIN.top + plotH + (t.major ? 6 : 3)).attr("class", "tick");
          g.filter((t) => t.label !== "").append("text").attr("y", MARGIN.top + plotH + 22).attr("text-anchor", "middle").text((t) => t.label);
          return g;
        })
        .attr("transform", (t) => `translate(${x(t.value)},0)`);
    };

    const drawPoints = () => {
      const dpr = window.devicePixelRatio || 1;
      const ctx = canvas.getContext("2d")!;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, width, height);
      ctx.save();
      ctx.beginPath();
      ctx.rect(MARGIN.left, MARGIN.top, plotW, plotH);
      ctx.clip();
      points.draw(ctx, x);
      ctx.restore();
    };

    const drawView = (view = zoomRef.current.rescaleX(xBase)) => {
      x = view;
      drawPoints();
      drawXAxis();
      const [vx0, vx1] = x.domain() as [number, number];
      svg.attr("data-x-domain", `${vx0} ${vx1}`);
      // Hidden (and left out of exports) when outside the view, where the clip would only hide the line.
      markerGroups.attr("transform", (d) => `translate(${x(d.m.x)},0)`).style("display", (d) => (d.m.x >= vx0 && d.m.x <= vx1 ? null : "none"));
      markerGroups.select("rect").attr("x", (d) => x(d.m.lo!) - x(d.m.x)).attr("width", (d) => Math.max(1, x(d.m.hi!) - x(d.m.lo!)));
      // A label goes right of its line, else left of it, else as far in as the plot lets it: never cut by the edge.
      markerLabels.attr("x", function (d) {
        const labelWidth = (d.labelWidth ||= this.getComputedTextLength());
        const px = x(d.m.x);
        const [left, right] = [MARGIN.left + 2, MARGIN.left + plotW - 2];
        const start = px + 5 + labelWidth <= right ? px + 5 : px - 5 - labelWidth >= left ? px - 5 - labelWidth : Math.max(left, right - labelWidth);
        return start - px;
      });
      bands.attr("d", (c) => area(c.band));
      lines.attr("d", (p) => line(p.points));
    };

    // Hover: nearest run within reach, otherwise every curve at the pointer's scale. Keyboard: the focused run.
    let pointer: [number, number] | null = null;
    let focused: PointHit | null = null;
    let tipHtml = "";
    const hideTip = () => {
      tip.style.display = "none";
      tipHtml = "";
    };
    // Positioned from the pointer alone (no measuring of the read-out, which would force a layout per move).
    const showTip = (html: string, mx: number, my: number) => {
      if (html !== tipHtml) tip.innerHTML = html;
      tipHtml = html;
      const roomRight = width - mx - TIP_OFFSET;
      const roomLeft = mx - TIP_OFFSET;
      const flip = roomRight < TIP_ROOM && roomLeft > roomRight;
      tip.style.display = "block";
      // Anchored by its right edge when on the left, so it may grow up to the room there.
      tip.style.left = flip ? "auto" : `${mx + TIP_OFFSET}px`;
      tip.style.right = flip ? `${root.clientWidth - roomLeft}px` : "auto";
      tip.style.top = `${Math.max(0, my - 10)}px`;
      tip.style.maxWidth = `${Math.min(TIP_MAX_WIDTH, Math.max(0, flip ? roomLeft : roomRight))}px`;
    };
    const drawHover = () => {
      const hit = pointer ? points.nearest(pointer[0], pointer[1], HOVER_RADIUS, x) : focused && { ...focused, sx: x(focused.point.x) };
      hoverRing.style("display", hit ? "inline" : "none");
      hoverGuide.style("display", pointer && !hit ? "inline" : "none");
      const dots: { cy: number; color: string }[] = [];
      const rows: string[] = [];
      if (hit) {
        hoverRing.attr("cx", hit.sx).attr("cy", hit.sy).attr("stroke", hit.series.style.color);
        rows.push(...runReadout(hit, xLabel, yLabel));
        const underneath = points.within(hit.sx, hit.sy, SAME_SPOT, x).filter((h) => h.point !== hit.point);
        if (underneath.length > 0) rows.push(`<span>same spot: ${underneath.map((h) => escape(h.point.label ?? h.series.label)).join(", ")}</span>`);
      } else if (pointer) {
        const sx = x.invert(pointer[0]);
        hoverGuide.attr("x1", pointer[0]).attr("x2", pointer[0]);
        for (const s of series) {
          const v = curveAt(s.curve ?? [], sx);
          if (!v) continue;
          const band = v.lo != null && v.hi != null ? ` <span>[${formatExact(v.lo)}, ${formatExact(v.hi)}]</span>` : "";
          rows.push(`<i style="background:${s.style.color}"></i>${escape(s.label)}: ${formatExact(v.y)}${band}`);
          if (plottable(v.y)) dots.push({ cy: y(v.y), color: s.style.color });
        }
        if (rows.length > 0) rows.unshift(`<strong>${escape(xLabel)} = ${formatExact(sx)}</strong>`);
      }
      hoverDots
        .selectAll("circle")
        .data(dots)
        .join("circle")
        .attr("r", 4)
        .attr("cx", pointer?.[0] ?? 0)
        .attr("cy", (d) => d.cy)
        .attr("fill", (d) => d.color);
      const at = pointer ?? (hit ? [hit.sx, hit.sy] : null);
      if (at && rows.length > 0) showTip(rows.join("<br/>"), at[0], at[1]);
      else hideTip();
    };

    /** Arrow keys step through the runs in view by scale (Home, End: the first and last), Enter picks one, Escape leaves. */
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") focused = null;
      else if (event.key === "Enter" || event.key === " ") {
        if (!focused) return;
        if (focused.point.label !== undefined) onPointClickRef.current?.(focused.series.id, focused.point.label);
      } else {
        const runs = points.inView(x).sort((a, b) => a.sx - b.sx || a.sy - b.sy);
        if (runs.length === 0) return;
        const at = focused ? runs.findIndex((h) => h.point === focused!.point) : -1;
        const next: Record<string, number> = {
          ArrowRight: at < 0 ? 0 : Math.min(runs.length - 1, at + 1),
          ArrowDown: at < 0 ? 0 : Math.min(runs.length - 1, at + 1),
          ArrowLeft: at < 0 ? runs.length - 1 : Math.max(0, at - 1),
          ArrowUp: at < 0 ? runs.length - 1 : Math.max(0, at - 1),
          Home: 0,
          End: runs.length - 1,
        };
        if (!(event.key in next)) return;
        focused = runs[next[event.key]!]!;
      }
      event.preventDefault();
      pointer = null;
      hoverChanged = true;
      schedule();
    };
    const onBlur = () => {
      focused = null;
      hoverChanged = true;
      schedule();
    };
    root.addEventListener("keydown", onKey);
    root.addEventListener("blur", onBlur);

    // Events only record what changed; one animation frame draws it.
    let frame = 0;
    let viewChanged = true;
    let hoverChanged = true;
    const render = () => {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      if (viewChanged) drawView();
      if (hoverChanged) drawHover();
      viewChanged = hoverChanged = false;
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(render);
    };

    const applyWidth = (newWidth: number) => {
      width = newWidth;
      plotW = width - MARGIN.left - MARGIN.right;
      xBase.range([MARGIN.left, MARGIN.left + plotW]);
      svg.attr("width", width).attr("height", height).attr("viewBox", `0 0 ${width} ${height}`);
      const dpr = window.devicePixelRatio || 1;
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
      clipRect.attr("x", MARGIN.left).attr("y", MARGIN.top).attr("width", plotW).attr("height", plotH);
      overlay.attr("x", MARGIN.left).attr("y", MARGIN.top).attr("width", plotW).attr("height", plotH);
      zoom.extent([
        [MARGIN.left, MARGIN.top],
        [MARGIN.left + plotW, MARGIN.top + plotH],
      ]);
      drawStaticAxes();
    };
    const layout = () => {
      const newWidth = Math.max(320, root.clientWidth);
      if (newWidth === width) return;
      applyWidth(newWidth);
      viewChanged = hoverChanged = true;
      render();
    };

    // Zoom and pan the scale axis only.
    const zoom = d3
      .zoom<SVGRectElement, unknown>()
      .scaleExtent([0.5, 1e4])
      .filter((event: Event) => event.type !== "dblclick")
      .on("zoom", (event: d3.D3ZoomEvent<SVGRectElement, unknown>) => {
        zoomRef.current = event.transform;
        pointer = null;
        viewChanged = hoverChanged = true;
        schedule();
      });
    overlay.call(zoom).on("dblclick.reset", () => overlay.call(zoom.transform, d3.zoomIdentity));
    overlay
      .on("pointermove", (event: PointerEvent) => {
        pointer = d3.pointer(event, svgEl);
        hoverChanged = true;
        schedule();
      })
      .on("pointerleave", () => {
        pointer = null;
        hoverChanged = true;
        schedule();
      })
      .on("click", (event: MouseEvent) => {
        const [mx, my] = d3.pointer(event, svgEl);
        const hit = points.nearest(mx, my, HOVER_RADIUS, x);
        if (hit?.point.label !== undefined) onPointClickRef.current?.(hit.series.id, hit.point.label);
      });

    // Drawn again at the export's width (the same scales in view), copied, then drawn back as shown.
    exportRef.current = (meta) => {
      render();
      const shownWidth = width;
      const view = x.domain();
      applyWidth(Math.max(EXPORT_MIN_WIDTH, shownWidth));
      drawView(xBase.copy().domain(view));
      const markerIntervals = markers.filter((m) => m.lo && m.hi && m.lo > 0 && m.hi > 0 && m.x >= view[0]! && m.x <= view[1]!);
      const exported = chartSvg(svgEl, { series, points: points.inView(x), markerIntervals, meta, hasBand: curves.some((c) => c.band.length > 1), hasExtrapolation: curves.some((c) => c.parts.some((p) => p.extrapolated)) });
      applyWidth(shownWidth);
      viewChanged = hoverChanged = true;
      render();
      return exported;
    };
    const observer = new ResizeObserver(layout);
    observer.observe(root);
    layout();
    return () => {
      observer.disconnect();
      root.removeEventListener("keydown", onKey);
      root.removeEventListener("blur", onBlur);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [series, markers, xLabel, yLabel, yScale, height, title]);

  const pointCount = series.reduce((n, s) => n + (s.points?.length ?? 0), 0);
  const hollowCount = series.reduce((n, s) => n + (s.points?.filter((p) => p.hollow).length ?? 0), 0);
  return (
    <figure className="chart" data-testid={testId} data-points={pointCount} data-hollow={hollowCount} data-series={series.length}>
      <div
        className={`chart-area ${styles.focusable}`}
        ref={rootRef}
        style={{ height }}
        // Focusable when there are runs to step through.
        tabIndex={pointCount > 0 ? 0 : undefined}
        aria-label={pointCount > 0 ? `${title ?? `${yLabel} against ${xLabel}`}: arrow keys step through the runs${onPointClick ? ", Enter selects one" : ""}` : undefined}
        data-testid={testId ? `${testId}-area` : undefined}
      >
        <canvas ref={canvasRef} className="chart-canvas" />
        <svg ref={svgRef} className="chart-svg" role="img" aria-label={title ?? `${yLabel} against ${xLabel}`} />
        <div ref={tipRef} className="chart-tip" role="status" />
      </div>
      {series.length > 0 && (
        <figcaption className="legend">
          {series.map((s) => (
            <span key={s.id} className="legend-item">
              <svg width="26" height="10" aria-hidden>
                <line x1="1" x2="25" y1="5" y2="5" stroke={s.style.color} strokeWidth="3" strokeDasharray={s.style.dash || undefined} />
              </svg>
              {s.label}
            </span>
          ))}
          <span className="legend-note">{legendNote ?? "solid: fitted range · dashed: extrapolation · shaded: 5–95 % bootstrap band (parameter uncertainty only) · scroll to zoom, double-click to reset"}</span>
        </figcaption>
      )}
    </figure>
  );
}

/** The curve's value at scale s, interpolated linearly in log x between evaluated points. */
export function curveAt(curve: readonly ChartCurvePoint[], s: number): ChartCurvePoint | undefined {
  if (curve.length === 0) return undefined;
  const first = curve[0]!;
  const last = curve[curve.length - 1]!;
  if (s < first.x || s > last.x) return undefined;
  const i = Math.max(1, d3.bisector((c: ChartCurvePoint) => c.x).left(curve, s));
  const a = curve[i - 1]!;
  const b = curve[Math.min(i, curve.length - 1)]!;
  const t = a.x === b.x ? 0 : (Math.log(s) - Math.log(a.x)) / (Math.log(b.x) - Math.log(a.x));
  const mix = (u: number | null | undefined, v: number | null | undefined) => (u == null || v == null ? null : u + t * (v - u));
  return { x: s, y: a.y + t * (b.y - a.y), lo: mix(a.lo, b.lo), hi: mix(a.hi, b.hi) };
}

/** The read-out of one run: its key, series, scales, metric, whether it is in the fit, and the curve there. */
function runReadout(hit: PointHit, xLabel: string, yLabel: string): string[] {
  const { point, series } = hit;
  const rows = [`<strong>${escape(point.label ?? series.label)}</strong>`];
  if (point.label) rows.push(`<span>${escape(series.label)}</span>`);
  const scales = Object.entries(point.scales ?? {});
  for (const [name, value] of scales) rows.push(`${escape(name)} = ${formatScale(value)}`);
  // The chart's x unless it is the run's one scale (a joint N × D run is drawn at its compute 6·N·D).
  if (scales.length !== 1) rows.push(`${escape(xLabel)} = ${formatScale(point.x)}`);
  rows.push(`${escape(yLabel)} = ${formatScore(point.y)}`);
  if (point.excluded !== undefined) rows.push(point.excluded ? "<em>excluded from the fit</em>" : "in the fit");
  const fitted = curveAt(series.curve ?? [], point.x);
  if (fitted) rows.push(`<span>curve here: ${formatScore(fitted.y)}${fitted.lo != null && fitted.hi != null ? ` ${formatInterval(fitted.lo, fitted.hi)}` : ""}</span>`);
  return rows;
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
