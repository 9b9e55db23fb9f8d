import { CURVE_BAND } from "@scalecast/api/curve-band";
import { formatDate, formatIntervalKind } from "~/lib/format";
import type { ChartMarker, ChartSeries, ExportMeta, PointHit } from "./chart-types";

const SVG_NS = "http://www.w3.org/2000/svg";
const FONT_FAMILY = `system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif`;
const EXPORT_STYLE = `text{font:13px ${FONT_FAMILY};fill:#1b1d21}.axis-label{font-weight:600}.grid-major{stroke:#e3e5e8}.grid-minor{stroke:#f1f2f4}.tick{stroke:#777}.frame{fill:none;stroke:#bbb}.marker-label{font-weight:600}.export-title{font-size:18px;font-weight:700}.export-subtitle{fill:#5b626b}`;

/** Exports are drawn at least this wide (a slide), whatever the width on screen. */
export const EXPORT_MIN_WIDTH = 960;

/** Title and subtitle above the plot, the key below it. */
const HEADER_HEIGHT = 60;
const PAD = 16;
const KEY_ROW = 22;
const SWATCH = 26;
const KEY_GAP = 22;

/** What the exported chart shows besides the on-screen SVG. */
export interface ExportContent {
  series: readonly ChartSeries[];
  /** The runs in view, with their positions at the export's width. */
  points: readonly PointHit[];
  /** Markers in view drawn with their interval shaded (a crossover's). */
  markerIntervals: readonly ChartMarker[];
  meta: ExportMeta;
  /** Whether the chart draws a shaded band (the key then names its level and method). */
  hasBand: boolean;
  /** Whether a curve goes past its fitted range (the key then reads solid and dashed). */
  hasExtrapolation: boolean;
}

export interface ExportedSvg {
  text: string;
  width: number;
  height: number;
}

type KeySwatch = { kind: "line"; color: string; dash?: string } | { kind: "band"; color: string } | { kind: "run"; hollow: boolean };
interface KeyItem {
  swatch: KeySwatch;
  text: string;
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A screen coordinate rounded to a tenth of a pixel (short SVG text). */
const coordinate = (v: number) => Math.round(v * 10) / 10;

/** The key's entries: each series, then how to read the lines, the band and the runs. */
function keyItems({ series, points, markerIntervals, meta, hasBand, hasExtrapolation }: ExportContent): KeyItem[] {
  const items: KeyItem[] = series.map((s) => ({ swatch: { kind: "line", color: s.style.color, ...(s.style.dash ? { dash: s.style.dash } : {}) }, text: s.label }));
  if (hasExtrapolation) {
    items.push({ swatch: { kind: "line", color: "#555" }, text: "solid: fitted range" });
    items.push({ swatch: { kind: "line", color: "#555", dash: "7 5" }, text: "dashed: extrapolation" });
  }
  if (hasBand) items.push({ swatch: { kind: "band", color: "#555" }, text: `shaded: ${formatIntervalKind(meta.band ?? CURVE_BAND)}` });
  for (const m of markerIntervals) items.push({ swatch: { kind: "band", color: m.color ?? "#444" }, text: `shaded around ${m.label}: its interval` });
  if (points.length > 0) items.push({ swatch: { kind: "run", hollow: false }, text: "run" });
  if (points.some((p) => p.point.hollow)) items.push({ swatch: { kind: "run", hollow: true }, text: "hollow: not in the fit" });
  return items;
}

function swatchElement(swatch: KeySwatch, x: number, y: number): SVGElement {
  if (swatch.kind === "line") return el("line", { x1: x, x2: x + SWATCH - 4, y1: y, y2: y, stroke: swatch.color, "stroke-width": 3, ...(swatch.dash ? { "stroke-dasharray": swatch.dash } : {}) });
  if (swatch.kind === "band") return el("rect", { x, y: y - 6, width: SWATCH - 4, height: 12, fill: swatch.color, opacity: 0.18 });
  // A path, not a circle: the export's circles are its runs.
  const cx = x + 11;
  return el("path", { d: `M${cx - 4},${y}a4,4 0 1,0 8,0a4,4 0 1,0 -8,0`, fill: swatch.hollow ? "none" : "#555", stroke: "#555", "stroke-width": 1.5 });
}

/** Text widths for laying the key out, measured with the export's font. */
function textMeasure(): (text: string) => number {
  const ctx = document.createElement("canvas").getContext("2d")!;
  ctx.font = `13px ${FONT_FAMILY}`;
  return (text) => ctx.measureText(text).width;
}

/** The key below the plot, its entries flowed into rows as wide as the chart; returns its height. */
function appendKey(root: SVGSVGElement, items: readonly KeyItem[], top: number, width: number): number {
  const measure = textMeasure();
  const key = el("g", { "data-key": "" });
  let x = PAD;
  let row = 0;
  for (const item of items) {
    const itemWidth = SWATCH + measure(item.text);
    if (x > PAD && x + itemWidth > width - PAD) {
      x = PAD;
      row++;
    }
    const y = top + KEY_ROW * row + KEY_ROW / 2;
    key.appendChild(swatchElement(item.swatch, x, y));
    key.appendChild(el("text", { x: x + SWATCH, y: y + 4.5 }, item.text));
    x += itemWidth + KEY_GAP;
  }
  root.appendChild(key);
  return items.length === 0 ? 0 : KEY_ROW * (row + 1) + PAD / 2;
}

/**
 * A standalone SVG of the chart for slides: the title and "team · date" above, the on-screen SVG (axes,
 * bands, curves, markers, drawn at the export's width) without the hover read-out or anything hidden, the
 * runs (a canvas on screen) added as circles, and the key below the plot, outside it, so it covers no label.
 */
export function chartSvg(svgEl: SVGSVGElement, content: ExportContent): ExportedSvg {
  const chartWidth = Number(svgEl.getAttribute("width"));
  const chartHeight = Number(svgEl.getAttribute("height"));
  const root = el("svg", { xmlns: SVG_NS, width: chartWidth });
  root.appendChild(el("style", {}, EXPORT_STYLE));
  const background = el("rect", { width: "100%", height: "100%", fill: "#ffffff" });
  root.appendChild(background);
  const { meta } = content;
  root.appendChild(el("text", { class: "export-title", x: PAD, y: 26 }, meta.title));
  root.appendChild(el("text", { class: "export-subtitle", x: PAD, y: 47 }, [meta.team, formatDate(meta.date ?? new Date())].filter(Boolean).join(" · ")));

  const plot = svgEl.cloneNode(true) as SVGSVGElement;
  plot.querySelectorAll("[data-hover], title").forEach((node) => node.remove());
  for (const node of plot.querySelectorAll<SVGElement>("[style]")) if (node.style.display === "none") node.remove();
  const chart = el("g", { transform: `translate(0,${HEADER_HEIGHT})`, "data-plot": "" });
  for (const name of ["data-x-domain", "data-y-domain", "data-y-scale"]) chart.setAttribute(name, svgEl.getAttribute(name) ?? "");
  while (plot.firstChild) chart.appendChild(plot.firstChild);
  const runs = el("g", { "data-points": "runs" });
  for (const h of content.points) {
    runs.appendChild(el("circle", { cx: coordinate(h.sx), cy: coordinate(h.sy), r: 4, fill: h.point.hollow ? "none" : h.series.style.color, stroke: h.series.style.color }));
  }
  chart.appendChild(runs);
  root.appendChild(chart);

  const keyHeight = appendKey(root, keyItems(content), HEADER_HEIGHT + chartHeight, chartWidth);
  const height = HEADER_HEIGHT + chartHeight + keyHeight;
  root.setAttribute("height", String(height));
  root.setAttribute("viewBox", `0 0 ${chartWidth} ${height}`);
  return { text: new XMLSerializer().serializeToString(root), width: chartWidth, height };
}

/** Renders an exported SVG as a PNG at twice its pixel size (sharp on high-density screens and projectors). */
export async function svgToPng({ text, width, height }: ExportedSvg): Promise<Blob> {
  const image = new Image();
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
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
    ctx.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
