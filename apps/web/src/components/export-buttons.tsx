"use client";

import type { RefObject } from "react";
import { download } from "~/lib/download";
import type { ChartHandle } from "./charts/scale-chart";

/** Export a chart as SVG and PNG, and (when given) its data as CSV. */
export function ExportButtons({ chartRef, name, csv }: { chartRef: RefObject<ChartHandle | null>; name: string; csv?: () => string }) {
  return (
    <div className="toolbar">
      <button type="button" className="button secondary small" onClick={() => chartRef.current && download(`${name}.svg`, chartRef.current.toSvg(), "image/svg+xml")}>
        SVG
      </button>
      <button
        type="button"
        className="button secondary small"
        onClick={async () => {
          if (chartRef.current) download(`${name}.png`, await chartRef.current.toPng());
        }}
      >
        PNG
      </button>
      {csv && (
        <button type="button" className="button secondary small" onClick={() => download(`${name}.csv`, csv(), "text/csv")}>
          CSV
        </button>
      )}
    </div>
  );
}
