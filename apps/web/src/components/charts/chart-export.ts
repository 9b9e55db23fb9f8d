import type { ChartSeries, PointHit } from "./chart-types";

const SVG_NS = "http://www.w3.org/2000/svg";
const EXPORT_STYLE = `text{font:13px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#1b1d21}.axis-label{font-weight:600}.grid-major{stroke:#e3e5e8}.grid-minor{stroke:#f1f2f4}.tick{stroke:#777}.frame{fill:none;stroke:#bbb}.marker-label{font-weight:600}`;

/**
 * A standalone SVG of the chart as shown: the on-screen SVG (axes, bands, curves, markers) without the hover
 * read-out, the runs (drawn on a canvas on screen) added as circles, styles inlined, title and legend as text.
 */
export function chartSvg(svgEl: SVGSVGElement, series: readonly ChartSeries[], points: readonly PointHit[], title?: string): string {
  const clone = svgEl.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", SVG_NS);
  clone.querySelectorAll("[data-hover]").forEach((el) => el.remove());
  const style = document.createElementNS(SVG_NS, "style");
  style.textContent = EXPORT_STYLE;
  clone.insertBefore(style, clone.firstChild);
  const bg = document.createElementNS(SVG_NS, "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", "#ffffff");
  clone.insertBefore(bg, style.nextSibling);
  const gPoints = document.createElementNS(SVG_NS, "g");
  gPoints.setAttribute("data-points", "runs");
  for (const h of points) {
    const c = document.createElementNS(SVG_NS, "circle");
    c.setAttribute("cx", h.sx.toFixed(1));
    c.setAttribute("cy", h.sy.toFixed(1));
    c.setAttribute("r", "4");
    c.setAttribute("fill", h.point.hollow ? "none" : h.series.style.color);
    c.setAttribute("stroke", h.series.style.color);
    gPoints.appendChild(c);
  }
  clone.appendChild(gPoints);
  if (title) {
    const t = document.createElementNS(SVG_NS, "text");
    t.setAttribute("x", "72");
    t.setAttribute("y", "18");
    t.setAttribute("font-weight", "700");
    t.textContent = title;
    clone.appendChild(t);
  }
  // Legend as text lines at the top right of the plot.
  series.forEach((s, i) => {
    const t = document.createElementNS(SVG_NS, "text");
    t.setAttribute("x", String(Number(svgEl.getAttribute("width")) - 30));
    t.setAttribute("y", String(46 + i * 16));
    t.setAttribute("text-anchor", "end");
    t.setAttribute("style", `fill:${s.style.color};font-weight:600`);
    t.textContent = s.label;
    clone.appendChild(t);
  });
  return new XMLSerializer().serializeToString(clone);
}

/** Renders an exported SVG (of `svgEl`'s size) as a PNG at twice the resolution. */
export async function svgToPng(svg: string, svgEl: SVGSVGElement): Promise<Blob> {
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
