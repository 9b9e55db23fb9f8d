"use client";

/**
 * The scale chart every view uses: runs as points, fitted curves with their bootstrap bands, and the
 * extrapolation beyond the fitted range drawn dashed. Log x axis (the scale) with decade ticks and SI labels;
 * log or linear y. Points are drawn on a canvas (10,000 stay responsive; none are sampled away), curves,
 * bands, axes and markers in SVG. Hover reads out the nearest run or, between runs, every curve's value at
 * the pointer; the wheel and drag zoom and pan the scale axis (double-click resets).
 */
import * as d3 from "d3";
import { useEffect, useImperativeHandle, useRef, type Ref } from "react";
import { formatExact, formatScore } from "~/lib/format";
import { logTicks } from "~/lib/log-ticks";
import type { SeriesStyle } from "~/lib/palette";

export interface ChartPoint {
  x: number;
  y: number;
  /** Shown on hover, e.g. the run key. */
  label?: string;
  /** Drawn hollow: held-out runs of a backtest, or runs outside the fit. */
  hollow?: boolean;
}

export interface ChartCurvePoint {
  x: number;
  y: number;
  lo?: number | null;
  hi?: number | null;
}

export interface ChartSeries {
  id: string;
  label: string;
  style: SeriesStyle;
  points?: readonly ChartPoint[];
  curve?: readonly ChartCurvePoint[];
  /** The scales the fit saw: the curve is solid inside, dashed (extrapolation) outside. */
  fittedRange?: readonly [number, number];
}

export interface ChartMarker {
  x: number;
  lo?: number | null;
  hi?: number | null;
  label: string;
  color?: string;
}

export interface ChartHandle {
  /** A standalone SVG of the chart as shown (points included as circles). */
  toSvg(): string;
  /** The same chart as a PNG. */
  toPng(): Promise<Blob>;
}

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
}

const NO_MARKERS: readonly ChartMarker[] = [];
const MARGIN = { top: 28, right: 24, bottom: 52, left: 72 };
const HOVER_RADIUS = 14;

interface Hit {
  series: ChartSeries;
  point: ChartPoint;
  sx: number;
  sy: number;
}

export function ScaleChart({ series, xLabel, yLabel, yScale = "log", height = 420, markers = NO_MARKERS, title, handleRef, testId, legendNote }: ScaleChartProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const zoomRef = useRef<d3.ZoomTransform>(d3.zoomIdentity);
  const drawRef = useRef<() => void>(() => {});
  const hitsRef = useRef<Hit[]>([]);

  useImperativeHandle(
    handleRef,
    () => ({
      toSvg: () => exportSvg(svgRef.current!, series, drawRef, hitsRef, title),
      toPng: () => exportPng(exportSvg(svgRef.current!, series, drawRef, hitsRef, title), svgRef.current!),
    }),
    [series, title],
  );

  useEffect(() => {
    const root = rootRef.current!;
    const svgEl = svgRef.current!;
    const canvas = canvasRef.current!;
    const tip = tipRef.current!;
    const svg = d3.select(svgEl);
    svg.selectAll("*").remove();

    // Domains from every finite, plottable value (no sampling: all points count).
    const yOk = (v: number) => Number.isFinite(v) && (yScale === "linear" || v > 0);
    const xs: number[] = [];
    const ys: number[] = [];
    for (const s of series) {
      for (const p of s.points ?? []) {
        if (p.x > 0 && yOk(p.y)) {
          xs.push(p.x);
          ys.push(p.y);
        }
      }
      for (const c of s.curve ?? []) {
        if (c.x > 0 && yOk(c.y)) {
          xs.push(c.x);
          ys.push(c.y);
        }
      }
    }
    for (const m of markers) if (m.x > 0) xs.push(m.x);
    const [x0 = 1, x1 = 10] = d3.extent(xs);
    const [y0 = 1, y1 = 10] = d3.extent(ys);
    const xDomain: [number, number] = x0 === x1 ? [x0 / 3, x1 * 3] : [x0 / 10 ** 0.08, x1 * 10 ** 0.08];
    const yPad = yScale === "log" ? (y0 === y1 ? [y0 / 2, y1 * 2] : [y0 / (y1 / y0) ** 0.06, y1 * (y1 / y0) ** 0.06]) : (() => {
      const span = y1 - y0 || Math.abs(y0) || 1;
      return [y0 - span * 0.06, y1 + span * 0.06];
    })();

    const gAxes = svg.append("g");
    const defs = svg.append("defs");
    const clipId = `clip-${Math.random().toString(36).slice(2)}`;
    const clipRect = defs.append("clipPath").attr("id", clipId).append("rect");
    const gMarkers = svg.append("g").attr("clip-path", `url(#${clipId})`);
    const gBands = svg.append("g").attr("clip-path", `url(#${clipId})`);
    const gCurves = svg.append("g").attr("clip-path", `url(#${clipId})`);
    const gHover = svg.append("g").style("pointer-events", "none");
    const overlay = svg.append("rect").attr("fill", "transparent").style("cursor", "crosshair");
    if (title) svg.append("title").text(title);

    let width = 0;
    let plotW = 0;
    const plotH = height - MARGIN.top - MARGIN.bottom;
    const xBase = d3.scaleLog().domain(xDomain);
    const y = (yScale === "log" ? d3.scaleLog() : d3.scaleLinear()).domain(yPad as [number, number]).range([MARGIN.top + plotH, MARGIN.top]);
    let x = xBase.copy();
    let quadtree: d3.Quadtree<Hit> | null = null;
    const hoverIndex = () =>
      (quadtree ??= d3
        .quadtree<Hit>()
        .x((h) => h.sx)
        .y((h) => h.sy)
        .addAll(hitsRef.current));
    let frame = 0;

    const draw = () => {
      frame = 0;
      x = zoomRef.current.rescaleX(xBase);
      const dpr = window.devicePixelRatio || 1;
      const ctx = canvas.getContext("2d")!;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, width, height);
      ctx.save();
      ctx.beginPath();
      ctx.rect(MARGIN.left, MARGIN.top, plotW, plotH);
      ctx.clip();
      const hits: Hit[] = [];
      const [vx0, vx1] = x.domain() as [number, number];
      for (const s of series) {
        const pts = s.points ?? [];
        const r = pts.length > 2000 ? 2 : 4.5;
        ctx.fillStyle = s.style.color;
        ctx.strokeStyle = s.style.color;
        ctx.lineWidth = 1.5;
        const filled = new Path2D();
        const hollow = new Path2D();
        // Many points: small squares (one fillRect each is far cheaper than arcs); every point is drawn.
        const dense = pts.length > 2000;
        ctx.globalAlpha = dense ? 0.55 : 0.9;
        for (const p of pts) {
          if (!(p.x > 0) || !yOk(p.y) || p.x < vx0 || p.x > vx1) continue;
          const sx = x(p.x);
          const sy = y(p.y);
          if (dense && !p.hollow) ctx.fillRect(sx - r, sy - r, 2 * r, 2 * r);
          else {
            const path = p.hollow ? hollow : filled;
            path.moveTo(sx + r, sy);
            path.arc(sx, sy, r, 0, 2 * Math.PI);
          }
          hits.push({ series: s, point: p, sx, sy });
        }
        ctx.fill(filled);
        ctx.globalAlpha = 1;
        ctx.stroke(hollow);
      }
      ctx.restore();
      hitsRef.current = hits;
      // The hover index is rebuilt on the first hover after a redraw, not on every zoom frame.
      quadtree = null;

      // Axes: decade ticks with SI labels on x (and on log y), d3 ticks on linear y.
      gAxes.selectAll("*").remove();
      const xt = logTicks(vx0, vx1, Math.max(3, Math.floor(plotW / 90)));
      const gx = gAxes.append("g").attr("class", "axis");
      for (const t of xt) {
        const px = x(t.value);
        gx.append("line").attr("x1", px).attr("x2", px).attr("y1", MARGIN.top).attr("y2", MARGIN.top + plotH).attr("class", t.major ? "grid-major" : "grid-minor");
        gx.append("line").attr("x1", px).attr("x2", px).attr("y1", MARGIN.top + plotH).attr("y2", MARGIN.top + plotH + (t.major ? 6 : 3)).attr("class", "tick");
        if (t.label) gx.append("text").attr("x", px).attr("y", MARGIN.top + plotH + 22).attr("text-anchor", "middle").text(t.label);
      }
      gx.append("text").attr("class", "axis-label").attr("x", MARGIN.left + plotW / 2).attr("y", height - 8).attr("text-anchor", "middle").text(xLabel);
      const gy = gAxes.append("g").attr("class", "axis");
      const [vy0, vy1] = y.domain() as [number, number];
      const yt =
        yScale === "log"
          ? logTicks(vy0, vy1, 6)
          : (y as d3.ScaleLinear<number, number>).ticks(6).map((v) => ({ value: v, major: true, label: formatScore(v) }));
      for (const t of yt) {
        const py = y(t.value);
        gy.append("line").attr("x1", MARGIN.left).attr("x2", MARGIN.left + plotW).attr("y1", py).attr("y2", py).attr("class", t.major ? "grid-major" : "grid-minor");
        if (t.label) gy.append("text").attr("x", MARGIN.left - 8).attr("y", py + 4).attr("text-anchor", "end").text(t.label);
      }
      gy.append("text")
        .attr("class", "axis-label")
        .attr("transform", `translate(16, ${MARGIN.top + plotH / 2}) rotate(-90)`)
        .attr("text-anchor", "middle")
        .text(yLabel);
      gAxes.append("rect").attr("class", "frame").attr("x", MARGIN.left).attr("y", MARGIN.top).attr("width", plotW).attr("height", plotH);

      // Markers (crossovers, target scales) with their interval shaded.
      gMarkers.selectAll("*").remove();
      markers.forEach((m, index) => {
        if (!(m.x > 0)) return;
        const color = m.color ?? "#444";
        if (m.lo && m.hi && m.lo > 0 && m.hi > 0) {
          gMarkers
            .append("rect")
            .attr("x", x(m.lo))
            .attr("width", Math.max(1, x(m.hi) - x(m.lo)))
            .attr("y", MARGIN.top)
            .attr("height", plotH)
            .attr("fill", color)
            .attr("opacity", 0.08);
        }
        gMarkers.append("line").attr("x1", x(m.x)).attr("x2", x(m.x)).attr("y1", MARGIN.top).attr("y2", MARGIN.top + plotH).attr("stroke", color).attr("stroke-dasharray", "3 3").attr("stroke-width", 1.5);
        // Labels near the right edge go on the left of their line.
        const flip = x(m.x) > MARGIN.left + plotW - 150;
        gMarkers
          .append("text")
          .attr("class", "marker-label")
          .attr("x", x(m.x) + (flip ? -5 : 5))
          .attr("text-anchor", flip ? "end" : "start")
          .attr("y", MARGIN.top + 14 + index * 16)
          .attr("fill", color)
          .text(m.label);
      });

      // Bands and curves: solid in the fitted range, dashed beyond it.
      gBands.selectAll("*").remove();
      gCurves.selectAll("*").remove();
      for (const s of series) {
        const curve = (s.curve ?? []).filter((c) => c.x > 0 && yOk(c.y));
        if (curve.length === 0) continue;
        const band = curve.filter((c) => c.lo != null && c.hi != null && yOk(c.lo) && yOk(c.hi));
        if (band.length > 1) {
          const area = d3
            .area<ChartCurvePoint>()
            .x((c) => x(c.x))
            .y0((c) => clampY(y(c.lo!)))
            .y1((c) => clampY(y(c.hi!)));
          gBands.append("path").attr("d", area(band)).attr("fill", s.style.color).attr("opacity", 0.14).attr("data-band", s.id);
        }
        const line = d3
          .line<ChartCurvePoint>()
          .x((c) => x(c.x))
          .y((c) => clampY(y(c.y)));
        const [f0, f1] = s.fittedRange ?? [curve[0]!.x, curve[curve.length - 1]!.x];
        const inside = curve.filter((c) => c.x >= f0 * (1 - 1e-9) && c.x <= f1 * (1 + 1e-9));
        const before = curve.filter((c) => c.x <= f0 * (1 + 1e-9));
        const after = curve.filter((c) => c.x >= f1 * (1 - 1e-9));
        const dashBase = s.style.dash;
        for (const [part, extrapolated] of [
          [before, true],
          [inside, false],
          [after, true],
        ] as const) {
          if (part.length < 2) continue;
          gCurves
            .append("path")
            .attr("d", line(part))
            .attr("fill", "none")
            .attr("stroke", s.style.color)
            .attr("stroke-width", extrapolated ? 2 : 2.75)
            .attr("stroke-dasharray", extrapolated ? "7 5" : dashBase || null)
            .attr("opacity", extrapolated ? 0.85 : 1)
            .attr("data-curve", s.id)
            .attr("data-extrapolated", String(extrapolated));
        }
      }
    };
    const clampY = (v: number) => Math.max(MARGIN.top - 2000, Math.min(MARGIN.top + plotH + 2000, v));
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    drawRef.current = draw;

    const layout = () => {
      width = Math.max(320, root.clientWidth);
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
      draw();
    };

    // Zoom and pan the scale axis only.
    const zoom = d3
      .zoom<SVGRectElement, unknown>()
      .scaleExtent([0.5, 1e4])
      .filter((event: Event) => event.type !== "dblclick")
      .on("zoom", (event: d3.D3ZoomEvent<SVGRectElement, unknown>) => {
        zoomRef.current = event.transform;
        tip.style.display = "none";
        gHover.selectAll("*").remove();
        schedule();
      });
    overlay.call(zoom).on("dblclick.reset", () => overlay.call(zoom.transform, d3.zoomIdentity));

    // Hover: nearest run within reach, otherwise every curve at the pointer's scale.
    overlay
      .on("pointermove", (event: PointerEvent) => {
        const [mx, my] = d3.pointer(event, svgEl);
        gHover.selectAll("*").remove();
        const hit = hoverIndex().find(mx, my, HOVER_RADIUS);
        const rows: string[] = [];
        if (hit) {
          gHover.append("circle").attr("cx", hit.sx).attr("cy", hit.sy).attr("r", 7).attr("fill", "none").attr("stroke", hit.series.style.color).attr("stroke-width", 2);
          rows.push(`<strong>${escape(hit.point.label ?? hit.series.label)}</strong>`);
          if (hit.point.label) rows.push(`<span>${escape(hit.series.label)}</span>`);
          rows.push(`${escape(xLabel)} = ${formatExact(hit.point.x)}`, `${escape(yLabel)} = ${formatExact(hit.point.y)}`);
        } else {
          const sx = x.invert(mx);
          gHover.append("line").attr("x1", mx).attr("x2", mx).attr("y1", MARGIN.top).attr("y2", MARGIN.top + plotH).attr("stroke", "#888").attr("stroke-width", 1);
          rows.push(`<strong>${escape(xLabel)} = ${formatExact(sx)}</strong>`);
          for (const s of series) {
            const v = curveAt(s.curve ?? [], sx);
            if (!v) continue;
            const band = v.lo != null && v.hi != null ? ` <span>[${formatExact(v.lo)}, ${formatExact(v.hi)}]</span>` : "";
            rows.push(`<i style="background:${s.style.color}"></i>${escape(s.label)}: ${formatExact(v.y)}${band}`);
            if (yOk(v.y)) gHover.append("circle").attr("cx", mx).attr("cy", y(v.y)).attr("r", 4).attr("fill", s.style.color);
          }
          if (rows.length === 1) {
            tip.style.display = "none";
            return;
          }
        }
        tip.innerHTML = rows.join("<br/>");
        tip.style.display = "block";
        const left = mx + 16 + 260 > width ? mx - 16 - tip.offsetWidth : mx + 16;
        tip.style.left = `${Math.max(0, left)}px`;
        tip.style.top = `${Math.max(0, my - 10)}px`;
      })
      .on("pointerleave", () => {
        tip.style.display = "none";
        gHover.selectAll("*").remove();
      });

    const observer = new ResizeObserver(() => layout());
    observer.observe(root);
    layout();
    return () => {
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [series, markers, xLabel, yLabel, yScale, height, title]);

  const pointCount = series.reduce((n, s) => n + (s.points?.length ?? 0), 0);
  return (
    <figure className="chart" data-testid={testId} data-points={pointCount} data-series={series.length}>
      <div className="chart-area" ref={rootRef} style={{ height }}>
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
          <span className="legend-note">{legendNote ?? "solid: fitted range · dashed: extrapolation · shaded: 95 % band · scroll to zoom, double-click to reset"}</span>
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

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

const EXPORT_STYLE = `text{font:13px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#1b1d21}.axis-label{font-weight:600}.grid-major{stroke:#e3e5e8}.grid-minor{stroke:#f1f2f4}.tick{stroke:#777}.frame{fill:none;stroke:#bbb}.marker-label{font-weight:600}`;

/** Serialises the chart's SVG with the canvas points added as circles and styles inlined. */
function exportSvg(
  svgEl: SVGSVGElement,
  series: readonly ChartSeries[],
  drawRef: { current: () => void },
  hitsRef: { current: readonly Hit[] },
  title?: string,
): string {
  drawRef.current();
  const clone = svgEl.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const style = document.createElementNS("http://www.w3.org/2000/svg", "style");
  style.textContent = EXPORT_STYLE;
  clone.insertBefore(style, clone.firstChild);
  const bg = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", "#ffffff");
  clone.insertBefore(bg, style.nextSibling);
  const gPoints = document.createElementNS("http://www.w3.org/2000/svg", "g");
  gPoints.setAttribute("data-points", "runs");
  for (const h of hitsRef.current) {
    const c = document.createElementNS("http://www.w3.org/2000/svg", "circle");
    c.setAttribute("cx", h.sx.toFixed(1));
    c.setAttribute("cy", h.sy.toFixed(1));
    c.setAttribute("r", "4");
    c.setAttribute("fill", h.point.hollow ? "none" : h.series.style.color);
    c.setAttribute("stroke", h.series.style.color);
    gPoints.appendChild(c);
  }
  clone.appendChild(gPoints);
  if (title) {
    const t = document.createElementNS("http://www.w3.org/2000/svg", "text");
    t.setAttribute("x", "72");
    t.setAttribute("y", "18");
    t.setAttribute("font-weight", "700");
    t.textContent = title;
    clone.appendChild(t);
  }
  // Legend as text lines at the bottom right of the plot.
  series.forEach((s, i) => {
    const t = document.createElementNS("http://www.w3.org/2000/svg", "text");
    t.setAttribute("x", String(Number(svgEl.getAttribute("width")) - 30));
    t.setAttribute("y", String(46 + i * 16));
    t.setAttribute("text-anchor", "end");
    t.setAttribute("style", `fill:${s.style.color};font-weight:600`);
    t.textContent = s.label;
    clone.appendChild(t);
  });
  return new XMLSerializer().serializeToString(clone);
}

async function exportPng(svg: string, svgEl: SVGSVGElement): Promise<Blob> {
  const width = Number(svgEl.getAttribute("width"));
  const height = Number(svgEl.getAttribute("height"));
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("the chart could not be rendered as an image"));
      image.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = width * 2;
    canvas.height = height * 2;
    const ctx = canvas.getContext("2d")!;
    ctx.scale(2, 2);
    ctx.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
