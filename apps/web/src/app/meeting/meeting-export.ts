import { markdownText as md, toCsv } from "~/lib/export-format";
import { DECISION_OUTCOME_LABELS, formatDate, formatInterval, formatIntervalKind, formatRecommendation, formatScale, formatScore } from "~/lib/format";
import { DIFF_STATUS_LABELS, diffFigures } from "./diff-figures";
import { type Decision, type Entry, type EntryDiff, type Fit, type Snapshot, type SnapshotHeader } from "./types";

/** The snapshot's entries as CSV, one row per sweep; every cell through csvCell (formula-looking text escaped). */
export function snapshotCsv(s: Snapshot): string {
  return toCsv(
    ["team", "methodology", "sweep", "metric", "model", "runs", "gain_per_10x", "forecast_scale", "forecast", "forecast_lower", "forecast_upper", "forecast_interval", "recommendation"],
    s.content.entries.map((e) => [
      e.team.name,
      e.methodology.name,
      e.sweep.name,
      e.sweep.metric,
      e.fit?.model,
      e.runCount,
      e.gainPer10x,
      e.forecast?.scale,
      e.forecast?.value,
      e.forecast?.lower,
      e.forecast?.upper,
      e.forecast ? formatIntervalKind(e.forecast) : null,
      e.recommendation ? formatRecommendation(e.recommendation.action) : null,
    ]),
  );
}

/**
 * A chart's data as CSV: the runs the fit saw (its residuals: frozen with the fit, so the snapshot's runs
 * rather than today's) and the fitted curve with its band, one row each, named by methodology and sweep so
 * the files of several charts can be joined; with `ghost`, the last snapshot's curve as "previous_fit" rows.
 */
export function chartCsv(entry: Entry, fit: Fit, ghost?: Fit): string {
  const named = [entry.methodology.name, entry.sweep.name];
  const curveRows = (f: Fit, kind: string) => (f.curve ?? []).filter((c) => c.value !== null).map((c) => [...named, kind, null, c.scale, c.value, c.lower ?? null, c.upper ?? null]);
  return toCsv(
    ["methodology", "sweep", "kind", "run_key", "scale", entry.sweep.metric, "lower", "upper"],
    [...(fit.residuals ?? []).map((r) => [...named, "run", r.runKey, r.scale, r.actual, null, null]), ...curveRows(fit, "fit"), ...(ghost ? curveRows(ghost, "previous_fit") : [])],
  );
}

/** A Markdown table row of cells already safe: names through markdownText, numbers and words of our own as they are. */
function row(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function entryLines(entries: readonly Entry[]): string[] {
  const lines = ["| Methodology | Sweep | Model | Runs | Gain per 10× | Forecast | Recommendation |", "|---|---|---|---:|---:|---:|---|"];
  for (const e of entries) {
    const forecast = e.forecast ? `${formatScore(e.forecast.value)} at ${formatScale(e.forecast.scale)} ${formatInterval(e.forecast.lower, e.forecast.upper)} (${formatIntervalKind(e.forecast)})` : "—";
    lines.push(row([md(e.methodology.name), md(e.sweep.name), e.fit?.model ?? "—", String(e.runCount), formatScore(e.gainPer10x), forecast, formatRecommendation(e.recommendation?.action)]));
  }
  for (const e of entries) {
    if (e.recommendation?.reasons.length) lines.push("", `**${md(e.methodology.name)}**: ${md(e.recommendation.reasons.join("; "))}`);
  }
  return lines;
}

function diffLines(against: SnapshotHeader, changes: readonly EntryDiff[]): string[] {
  const lines = [`## Since ${md(against.title)} (${formatDate(against.createdAt)})`, ""];
  const moved = changes.filter((c) => c.status !== "unchanged");
  if (moved.length === 0) lines.push("No changes.");
  for (const c of moved) {
    lines.push(`### ${md(c.methodologyName)} · ${md(c.sweepName)} (${DIFF_STATUS_LABELS[c.status]})`, "", "| Figure | Before | After | Change |", "|---|---:|---:|---|");
    for (const f of diffFigures(c)) lines.push(row([f.label, f.before, f.after, f.change]));
    lines.push("");
  }
  const still = changes.filter((c) => c.status === "unchanged");
  if (still.length > 0) lines.push(`Unchanged: ${still.map((c) => md(c.methodologyName)).join(", ")}.`);
  return lines;
}

function decisionLine(d: Decision): string {
  const by = d.author ? ` by ${md(d.author.name)}` : "";
  const cites = d.fit ? `; cites the ${md(d.fit.model)} fit of ${md(d.fit.sweep.name)} (${d.fit.pointCount} runs)` : "";
  return `- **${md(d.title)}** (${DECISION_OUTCOME_LABELS[d.outcome]}${by}${cites})${d.rationale ? `: ${md(d.rationale)}` : ""}`;
}

/**
 * The opened snapshot as Markdown for the meeting notes: its entries, the diff against the snapshot it is
 * compared with (null: none), and its decisions; every name and text a person typed goes through markdownText.
 */
export function toMarkdown(s: Snapshot, teamName: string, diff: { against: SnapshotHeader; changes: readonly EntryDiff[] } | null, decisions: readonly Decision[]): string {
  const lines = [`# ${md(s.title)}`, "", `${md(teamName)} · snapshot taken ${formatDate(s.createdAt)}`, "", "## Methodologies", "", ...entryLines(s.content.entries), ""];
  lines.push(...(diff ? diffLines(diff.against, diff.changes) : ["## Since the last snapshot", "", "First snapshot of this team."]));
  lines.push("", "## Decisions", "");
  if (decisions.length === 0) lines.push("None recorded.");
  lines.push(...decisions.map(decisionLine));
  return lines.join("\n") + "\n";
}
