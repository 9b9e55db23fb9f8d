import { markdownText, toCsv, type CsvValue } from "~/lib/export-format";
import { formatDate, formatInterval, formatIntervalKind, formatScale, formatScore } from "~/lib/format";
import { CURVE_BAND } from "@scalecast/api/curve-band";
import type { ChartSeries, ExportMeta } from "./chart-types";

/** What a chart plots, for its data exports. */
export interface ChartData {
  series: readonly ChartSeries[];
  xLabel: string;
  yLabel: string;
}

const yesNo = (value: boolean | undefined) => (value === undefined ? null : value ? "yes" : "no");

/** One row per run, then one per curve point, each named by its series. */
function dataRows({ series }: ChartData): { series: string; kind: "run" | "curve"; runKey: string | null; x: number; y: number; lower: number | null; upper: number | null; excluded: boolean | undefined }[] {
  return series.flatMap((s) => [
    ...(s.points ?? []).map((p) => ({ series: s.label, kind: "run" as const, runKey: p.label ?? null, x: p.x, y: p.y, lower: null, upper: null, excluded: p.excluded })),
    ...(s.curve ?? []).map((c) => ({ series: s.label, kind: "curve" as const, runKey: null, x: c.x, y: c.y, lower: c.lo ?? null, upper: c.hi ?? null, excluded: undefined })),
  ]);
}

/** The chart's data as CSV (numbers unformatted; names through csvCell, so none runs as a formula). */
export function chartDataCsv(data: ChartData): string {
  return toCsv(
    ["series", "kind", "run_key", data.xLabel, data.yLabel, "lower", "upper", "excluded"],
    dataRows(data).map((r): CsvValue[] => [r.series, r.kind, r.runKey, r.x, r.y, r.lower, r.upper, yesNo(r.excluded)]),
  );
}

/** The chart's data as a Markdown document: title, team and date, the band's kind, and one table row per point. */
export function chartDataMarkdown(data: ChartData, meta: ExportMeta): string {
  const rows = dataRows(data);
  const cell = (text: string) => markdownText(text);
  const lines = [`# ${cell(meta.title)}`, "", [meta.team, formatDate(meta.date ?? new Date())].filter(Boolean).map((t) => cell(t!)).join(" · "), ""];
  if (rows.some((r) => r.lower !== null)) lines.push(`Band: ${formatIntervalKind(meta.band ?? CURVE_BAND)}.`, "");
  lines.push(`| Series | Kind | Run | ${cell(data.xLabel)} | ${cell(data.yLabel)} | Band | Excluded |`, "|---|---|---|---:|---:|---:|---|");
  for (const r of rows) {
    lines.push(`| ${cell(r.series)} | ${r.kind} | ${r.runKey === null ? "" : cell(r.runKey)} | ${formatScale(r.x)} | ${formatScore(r.y)} | ${r.lower === null ? "" : formatInterval(r.lower, r.upper)} | ${yesNo(r.excluded) ?? ""} |`);
  }
  return lines.join("\n") + "\n";
}
