import { describe, expect, it } from "vitest";
import { diffFigures } from "../src/app/meeting/diff-figures";
import { toMarkdown } from "../src/app/meeting/meeting-export";
import type { EntryDiff, Snapshot, SnapshotHeader } from "../src/app/meeting/types";

const unchanged = (v: number | null) => ({ from: v, to: v, delta: v === null ? null : 0, relative: v === null ? null : 0 });

/** A methodology whose gain per 10× dropped from 0.15 to 0.11 while its recommendation turned to plateau. */
const DROP: EntryDiff = {
  sweepId: "s1",
  sweepName: "sizes | v2",
  methodologyId: "m1",
  methodologyName: "Crawl | dedup",
  teamName: "Data",
  metric: "accuracy",
  direction: "higher",
  status: "changed",
  runs: { from: 8, to: 11 },
  newRuns: 3,
  fit: { from: "f1", to: "f2" },
  law: { from: "power-law", to: "power-law", changed: false },
  parameters: [{ name: "a", from: 0.2, to: 0.25, delta: 0.05, relative: 0.25 }],
  gainPer10x: { from: 0.15, to: 0.11, delta: 0.11 - 0.15, relative: (0.11 - 0.15) / 0.15 },
  forecast: {
    from: { scale: 1e10, value: 0.7, lower: 0.68, upper: 0.72 },
    to: { scale: 1e10, value: 0.66, lower: 0.65, upper: 0.67 },
    sameTarget: true,
    value: { from: 0.7, to: 0.66, delta: -0.04, relative: -0.04 / 0.7 },
  },
  recommendation: { from: "scale-further", to: "plateau", changed: true },
  movement: { recommendationChanged: true, forecastShift: 0.04 / 0.7, gainShift: 0.04 / 0.15 },
};

const STILL: EntryDiff = {
  ...DROP,
  sweepId: "s2",
  methodologyName: "=SUM(A1) | math",
  status: "unchanged",
  runs: { from: 8, to: 8 },
  newRuns: 0,
  fit: { from: "f3", to: "f3" },
  parameters: [],
  gainPer10x: unchanged(0.12),
  forecast: { ...DROP.forecast, from: DROP.forecast.to, value: unchanged(0.66) },
  recommendation: { from: "scale-further", to: "scale-further", changed: false },
  movement: { recommendationChanged: false, forecastShift: 0, gainShift: 0 },
};

describe("the Meeting diff in words", () => {
  it("lists the gain per 10× drop before → after with its difference and relative change", () => {
    const figures = Object.fromEntries(diffFigures(DROP).map((f) => [f.key, f]));
    expect(figures.gain).toMatchObject({ label: "Gain per 10×", before: "0.15", after: "0.11", change: "−0.04 (−26.67 %)", moved: true });
    expect(figures.recommendation).toMatchObject({ before: "Scale further", after: "Plateau: move on", change: "changed", moved: true });
    expect(figures.forecast).toMatchObject({ label: "Forecast at 10B", before: "0.7 [0.68, 0.72]", after: "0.66 [0.65, 0.67]", change: "−5.714 %" });
    expect(figures.law).toMatchObject({ before: "power-law", after: "power-law", moved: false });
    expect(figures["param-a"]).toMatchObject({ before: "0.2", after: "0.25", change: "+0.05 (+25 %)" });
  });

  it("says forecasts at different targets are not comparable", () => {
    const retargeted: EntryDiff = { ...DROP, forecast: { ...DROP.forecast, to: { ...DROP.forecast.to!, scale: 1e11 }, sameTarget: false, value: { from: 0.7, to: 0.66, delta: null, relative: null } } };
    const forecast = diffFigures(retargeted).find((f) => f.key === "forecast")!;
    expect(forecast).toMatchObject({ label: "Forecast at 10B → 100B", change: "target moved: not comparable" });
  });

  it("writes the diff to Markdown with every name escaped: a `|` stays inside its cell or heading", () => {
    const snapshot = { id: "x", title: "Week | 48", teamId: "t", createdAt: new Date("2026-12-03T10:00:00Z"), content: { kind: "team", entries: [] }, createdBy: null, decisions: [] } as Snapshot;
    const against = { id: "y", title: "Week | 47", teamId: "t", createdAt: new Date("2026-11-26T10:00:00Z"), createdBy: null, decisionCount: 0 } as SnapshotHeader;
    const markdown = toMarkdown(snapshot, "Data | team", { against, changes: [DROP, STILL] }, []);
    expect(markdown).toMatch(/^# Week \\\| 48\n/);
    expect(markdown).toContain("## Since Week \\| 47 (");
    expect(markdown).toContain("### Crawl \\| dedup · sizes \\| v2 (changed)");
    expect(markdown).toContain("| Gain per 10× | 0.15 | 0.11 | −0.04 (−26.67 %) |");
    expect(markdown).toContain("| Recommendation | Scale further | Plateau: move on | changed |");
    expect(markdown).toContain("Unchanged: =SUM(A1) \\| math.");
    const diffSection = markdown.slice(markdown.indexOf("## Since"), markdown.indexOf("## Decisions"));
    for (const line of diffSection.split("\n").filter((l) => l.startsWith("| "))) expect(line.split(/(?<!\\)\|/).length).toBe(6);
  });
});
