"use client";

import type { RefObject } from "react";
import { download } from "~/lib/download";
import type { ChartHandle, ExportMeta } from "./charts/scale-chart";

/**
 * Export a chart for slides and notes: SVG and PNG (titled, dated, with its key), and its data as CSV and
 * Markdown. `csv` replaces the chart's own data CSV when the view has a better one (e.g. a snapshot's runs).
 */
export function ExportButtons({ chartRef, name: title, meta, csv }: { chartRef: RefObject<ChartHandle | null>; name: string; meta: ExportMeta; csv?: () => string }) {
  const name = fileName(title);
  const chart = () => chartRef.current;
  const button = (label: string, save: (c: ChartHandle) => void | Promise<void>) => (
    <button type="button" className="button secondary small" onClick={() => void (chart() && save(chart()!))}>
      {label}
    </button>
  );
  return (
    <div className="toolbar" data-testid="chart-exports">
      {button("SVG", (c) => download(`${name}.svg`, c.toSvg(meta), "image/svg+xml"))}
      {button("PNG", async (c) => download(`${name}.png`, await c.toPng(meta)))}
      {button("CSV", (c) => download(`${name}.csv`, csv ? csv() : c.toCsv(), "text/csv"))}
      {button("Markdown", (c) => download(`${name}.md`, c.toMarkdown(meta), "text/markdown"))}
    </div>
  );
}

/** A file name from a title: lower case, runs of anything but letters and digits as one dash. */
function fileName(title: string): string {
  return title.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase() || "chart";
}
