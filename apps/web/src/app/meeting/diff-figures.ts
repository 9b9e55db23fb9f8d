import { formatDelta, formatInterval, formatRecommendation, formatScale, formatScore } from "~/lib/format";
import type { EntryDiff } from "./types";

/** One line of a methodology's story: a figure before → after, the change in words, and whether it moved. */
export interface DiffFigure {
  key: string;
  label: string;
  before: string;
  after: string;
  change: string;
  moved: boolean;
}

type NumberChange = EntryDiff["gainPer10x"];
type ForecastSide = EntryDiff["forecast"]["from"];

/** "−0.04 (−26.7 %)": the difference and, where there is one, the relative change. */
function numberChangeText(c: NumberChange): string {
  if (c.delta === null) return c.from === c.to ? "" : "not comparable";
  if (c.delta === 0) return "unchanged";
  return c.relative === null ? formatDelta(c.delta) : `${formatDelta(c.delta)} (${formatDelta(c.relative, true)})`;
}

function forecastText(f: ForecastSide): string {
  if (!f) return "—";
  const interval = formatInterval(f.lower, f.upper);
  return interval === "—" ? formatScore(f.value) : `${formatScore(f.value)} ${interval}`;
}

function forecastLabel(d: EntryDiff): string {
  const scales = [...new Set([d.forecast.from?.scale, d.forecast.to?.scale].filter((s): s is number => s !== undefined))];
  return scales.length === 0 ? "Forecast at target" : `Forecast at ${scales.map(formatScale).join(" → ")}`;
}

function forecastChange(d: EntryDiff): string {
  const { from, to, sameTarget, value } = d.forecast;
  if (from && to && !sameTarget) return "target moved: not comparable";
  if (value.relative !== null) return value.relative === 0 ? "unchanged" : formatDelta(value.relative, true);
  return numberChangeText(value);
}

const text = (v: string | null) => v ?? "—";
const count = (v: number | null) => (v === null ? "—" : String(v));

/**
 * The figures of one methodology's diff, in the order a meeting reads them: the recommendation, the law, the
 * forecast at the target with its interval, the gain per 10×, the runs, then each of the fit's parameters.
 */
export function diffFigures(d: EntryDiff): DiffFigure[] {
  const forecastMoved = JSON.stringify(d.forecast.from) !== JSON.stringify(d.forecast.to);
  return [
    {
      key: "recommendation",
      label: "Recommendation",
      before: formatRecommendation(d.recommendation.from),
      after: formatRecommendation(d.recommendation.to),
      change: d.recommendation.changed ? "changed" : "unchanged",
      moved: d.recommendation.changed,
    },
    { key: "law", label: "Law", before: text(d.law.from), after: text(d.law.to), change: d.law.changed ? "changed" : "unchanged", moved: d.law.changed },
    { key: "forecast", label: forecastLabel(d), before: forecastText(d.forecast.from), after: forecastText(d.forecast.to), change: forecastChange(d), moved: forecastMoved },
    {
      key: "gain",
      label: "Gain per 10×",
      before: formatScore(d.gainPer10x.from),
      after: formatScore(d.gainPer10x.to),
      change: numberChangeText(d.gainPer10x),
      moved: d.gainPer10x.from !== d.gainPer10x.to,
    },
    { key: "runs", label: "Runs", before: count(d.runs.from), after: count(d.runs.to), change: d.newRuns === 0 ? "unchanged" : formatDelta(d.newRuns), moved: d.newRuns !== 0 },
    ...d.parameters.map((p) => ({
      key: `param-${p.name}`,
      label: `Parameter ${p.name}`,
      before: formatScore(p.from),
      after: formatScore(p.to),
      change: d.law.changed ? "other law" : numberChangeText(p),
      moved: p.from !== p.to,
    })),
  ];
}

/** The status of a diff entry in words. */
export const DIFF_STATUS_LABELS: Record<EntryDiff["status"], string> = {
  added: "new since then",
  removed: "gone since then",
  changed: "changed",
  unchanged: "unchanged",
};
