import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { RouterOutputs } from "@scalecast/api";
import { transformer } from "@scalecast/api/transformer";
import { formatScore, RECOMMENDATION_LABELS } from "../src/lib/format";
import { artifactsDir } from "./browser";
import { openDemoOwnerSession, type DemoSession } from "./demo-session";

/**
 * The Meeting view on the seeded Data team: two snapshots a week apart with the Web crawl v2 sweep grown onto
 * its plateau in between; the diff tells each methodology's story before → after, most moved first; the chart
 * draws the earlier fit as a ghost; any snapshot opens and compares with any other; decisions show their
 * author and cited fit; the exports keep names as data. No console error anywhere.
 */

type Overview = RouterOutputs["team"]["overview"];
type Diff = RouterOutputs["snapshot"]["diff"];

let session: DemoSession;
openDemoOwnerSession((opened) => (session = opened));
const page = (): Page => session.page;

/** A name built to break the exports: a formula for spreadsheets and a cell break for Markdown tables. */
const HOSTILE_METHODOLOGY = "=1+1 | dedup crawl";
const HOSTILE_SWEEP = "sizes | v1";

async function query<T>(path: string, input: unknown): Promise<T> {
  const response = await page().request.get(`${session.app.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(transformer.serialize(input)))}`);
  expect(response.status()).toBe(200);
  return transformer.deserialize(((await response.json()) as { result: { data: unknown } }).result.data) as T;
}

async function mutate<T>(path: string, input: unknown): Promise<T> {
  const response = await page().request.post(`${session.app.url}/api/trpc/${path}`, { data: transformer.serialize(input), headers: { origin: session.app.url } });
  expect(response.status(), await response.text()).toBe(200);
  return transformer.deserialize(((await response.json()) as { result: { data: unknown } }).result.data) as T;
}

async function dataTeam() {
  return (await query<Overview>("team.overview", undefined)).find((t) => t.team.slug === "data")!;
}

/** Waits until the named methodologies' sweeps have a current fit (other than `not`, when given) and returns their fit ids. */
async function currentFits(names: readonly string[], not?: Record<string, string>): Promise<Record<string, string>> {
  let fits: Record<string, string> = {};
  await expect
    .poll(
      async () => {
        const entries = (await dataTeam()).entries.filter((e) => names.includes(e.methodology.name));
        fits = Object.fromEntries(entries.map((e) => [e.methodology.name, e.fit?.id ?? ""]));
        return entries.every((e) => e.fit && e.fitStatus.state === "current" && e.fit.id !== not?.[e.methodology.name]);
      },
      { timeout: 90_000 },
    )
    .toBe(true);
  return fits;
}

async function takeSnapshot(title: string) {
  await page().getByTestId("snapshot-title").fill(title);
  await page().getByTestId("take-snapshot").click();
  await expect.poll(() => page().getByTestId("snapshot").locator("h2").innerText(), { timeout: 60_000 }).toContain(title);
}

async function save(click: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page().waitForEvent("download"), click()]);
  return readFileSync((await file.path())!, "utf8");
}

/** Full-page screenshots at 1920×1080 and 390 px wide, from the top (a scrolled page repeats the sticky header); the page is left at 1920 px. */
async function shots(name: string) {
  await page().evaluate(() => window.scrollTo(0, 0));
  await page().setViewportSize({ width: 390, height: 844 });
  await page().screenshot({ path: join(artifactsDir, `${name}-390.png`), fullPage: true });
  await page().setViewportSize({ width: 1920, height: 1080 });
  await page().screenshot({ path: join(artifactsDir, `${name}-1920.png`), fullPage: true });
}

describe("the Meeting view", () => {
  const SEEDED = ["Web crawl v2", "Synthetic math data"];
  let diff: Diff;
  let crawlSweepId: string;

  it("diffs two snapshots per methodology, before → after, most moved first, and draws last week's curve as a ghost", async () => {
    const team = await dataTeam();
    const methodology = await mutate<{ id: string }>("methodology.create", { teamId: team.team.id, name: HOSTILE_METHODOLOGY });
    await mutate("sweep.create", { methodologyId: methodology.id, name: HOSTILE_SWEEP, axes: ["D"], metric: "accuracy", direction: "higher" });
    const week1Fits = await currentFits(SEEDED);
    await page().setViewportSize({ width: 1920, height: 1080 });
    await page().goto(`${session.app.url}/meeting?team=data`);
    await takeSnapshot("Week 47");
    await expect.poll(() => page().getByTestId("changes").innerText()).toContain("first snapshot");

    // Web crawl v2 reaches its plateau: three larger runs that no longer gain. Synthetic math data gets one
    // larger run on its own line: its figures move a little.
    const crawl = team.entries.find((e) => e.methodology.name === "Web crawl v2")!;
    const math = team.entries.find((e) => e.methodology.name === "Synthetic math data")!;
    crawlSweepId = crawl.sweep.id;
    const runs = [6e9, 1.2e10, 2.4e10].map((d, i) => ({ runKey: `plateau-${i}`, scales: { D: d }, metrics: { accuracy: 0.645 + 0.001 * i } }));
    await mutate("run.ingest", { sweepId: crawl.sweep.id, runs });
    await mutate("run.ingest", { sweepId: math.sweep.id, runs: [{ runKey: "larger-1", scales: { D: 6e9 }, metrics: { accuracy: 0.725 } }] });
    await currentFits(SEEDED, week1Fits);
    await takeSnapshot("Week 48");

    const list = await query<RouterOutputs["snapshot"]["list"]>("snapshot.list", { teamId: team.team.id });
    diff = await query<Diff>("snapshot.diff", { fromId: list[1]!.id, toId: list[0]!.id });
    const moved = diff.changes.find((c) => c.methodologyName === "Web crawl v2")!;
    expect(moved.gainPer10x.to!).toBeLessThan(moved.gainPer10x.from!);

    const changes = page().getByTestId("changes");
    await expect.poll(() => changes.locator("h2").innerText()).toBe("From Week 47 to Week 48");
    const entry = changes.getByTestId("diff-entry").filter({ hasText: "Web crawl v2" });
    await entry.waitFor();
    const gain = await entry.getByTestId("diff-gain").locator("td").allInnerTexts();
    expect(gain.slice(0, 3)).toEqual(["Gain per 10×", formatScore(moved.gainPer10x.from), formatScore(moved.gainPer10x.to)]);
    expect(gain[3]).toMatch(/^−/);
    expect(await entry.getByTestId("diff-runs").locator("td").allInnerTexts()).toEqual(["Runs", "8", "11", "+3"]);
    const forecast = await entry.getByTestId("diff-forecast").locator("td").allInnerTexts();
    expect(forecast[0]).toBe("Forecast at 10B");
    expect(forecast[1]).toContain(formatScore(moved.forecast.from!.value));
    expect(forecast[2]).toContain(formatScore(moved.forecast.to!.value));
    expect(forecast[2]).toMatch(/\[.+, .+\]/); // the interval
    const recommendation = await entry.getByTestId("diff-recommendation").locator("td").allInnerTexts();
    expect(recommendation.slice(1, 3)).toEqual([moved.recommendation.from, moved.recommendation.to].map((a) => RECOMMENDATION_LABELS[a as keyof typeof RECOMMENDATION_LABELS]));
    expect(await entry.getByTestId("diff-law").locator("td").nth(1).innerText()).toBe(moved.law.from);
    const parameterRows = entry.locator("tr[data-testid^='diff-param-']");
    expect(await parameterRows.count()).toBe(moved.parameters.length);
    // The story's order is the API's, most moved first: the larger relative forecast shift (no recommendation changed here).
    const changed = diff.changes.filter((c) => c.status !== "unchanged");
    expect(changed.map((c) => c.methodologyName).sort()).toEqual([...SEEDED].sort());
    expect(changed.map((c) => c.movement.recommendationChanged)).toEqual([false, false]);
    expect(changed[0]!.movement.forecastShift!).toBeGreaterThan(changed[1]!.movement.forecastShift!);
    const shown = await changes.getByTestId("diff-entry").locator("h3").allInnerTexts();
    expect(shown.map((h) => h.split("\n")[0]!.replace(/ Data size sweep$/, ""))).toEqual(changed.map((c) => c.methodologyName));

    // The chart of Web crawl v2 draws Week 47's fit (grey, dashed) under Week 48's.
    const chart = page().getByTestId("meeting-chart").filter({ hasText: "Web crawl v2" });
    const ghost = chart.locator(`path[data-curve="${crawl.methodology.id}-previous"]`);
    await ghost.first().waitFor({ timeout: 30_000 });
    expect(await ghost.first().getAttribute("stroke-dasharray")).toBe("5 4");
    const curves = await chart.locator("path[data-curve]").evaluateAll((paths) => paths.map((p) => p.getAttribute("data-curve")));
    expect(curves.indexOf(`${crawl.methodology.id}-previous`)).toBeLessThan(curves.indexOf(crawl.methodology.id));
    expect(await chart.innerText()).toContain("grey dashed: the fit of Week 47");
    // The added sweep has no fit, so no chart: every chart drawn is of a sweep that moved, each with its ghost.
    await expect.poll(() => page().locator("path[data-curve$='-previous']").count()).toBeGreaterThanOrEqual(2);
    await shots("meeting-diff");
    expect(session.problems).toEqual([]);
  });

  it("opens any snapshot and compares it with any other", async () => {
    const rows = page().getByTestId("snapshot-row");
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toContain("open");
    expect(await rows.nth(1).innerText()).toContain("compared with");
    await rows.nth(1).getByTestId("open-snapshot").click();
    await expect.poll(() => page().getByTestId("snapshot").locator("h2").innerText()).toContain("Week 47");
    await expect.poll(() => page().getByTestId("changes").innerText()).toContain("first snapshot");
    expect(page().url()).toContain("snapshot=");
    // Week 47 against Week 48: the same story read backwards.
    await page().getByTestId("snapshot-row").nth(0).getByTestId("compare-snapshot").click();
    const changes = page().getByTestId("changes");
    await expect.poll(() => changes.locator("h2").innerText()).toBe("From Week 48 to Week 47");
    const crawl = diff.changes.find((c) => c.methodologyName === "Web crawl v2")!;
    const gain = changes.getByTestId("diff-entry").filter({ hasText: "Web crawl v2" }).getByTestId("diff-gain").locator("td");
    await expect.poll(async () => (await gain.allInnerTexts()).slice(1, 3)).toEqual([formatScore(crawl.gainPer10x.to), formatScore(crawl.gainPer10x.from)]);
    await page().reload();
    await expect.poll(() => page().getByTestId("changes").locator("h2").innerText()).toBe("From Week 48 to Week 47");
    await shots("meeting-compare");
    expect(session.problems).toEqual([]);
  });

  it("records a decision with its author and the fit it cites; exports keep names as data", async () => {
    await page().goto(`${session.app.url}/meeting?team=data`);
    await expect.poll(() => page().getByTestId("snapshot").locator("h2").innerText()).toContain("Week 48");
    const decisions = page().getByTestId("decisions");
    await page().getByTestId("decision-title").fill("Move Web crawl v2 budget to synthetic math");
    await page().getByTestId("decision-outcome").selectOption("switch_strategy");
    const cited = page().getByTestId("decision-cites-fit");
    await cited.selectOption({ label: await cited.locator("option", { hasText: "Web crawl v2" }).innerText() });
    await page().getByTestId("add-decision").click();
    const logged = decisions.getByTestId("decision").filter({ hasText: "Move Web crawl v2 budget" });
    await logged.waitFor();
    expect(await logged.innerText()).toContain(RECOMMENDATION_LABELS.switch);
    expect(await logged.getByTestId("decision-source").innerText()).toMatch(/^by Demo Owner · .* · cites the [a-z-]+ fit of Data size sweep \(11 runs\)$/);
    expect(await logged.getByTestId("decision-cites").getAttribute("href")).toBe(`/sweeps/${crawlSweepId}`);
    expect(await page().getByTestId("snapshot-row").first().innerText()).toContain("1 decision");

    const markdown = await save(() => page().getByTestId("export-markdown").click());
    expect(markdown).toContain("## Since Week 47");
    expect(markdown).toContain("| Gain per 10× |");
    expect(markdown).toContain("| =1+1 \\| dedup crawl | sizes \\| v1 |");
    expect(markdown).toMatch(/\*\*Move Web crawl v2 budget to synthetic math\*\* \(Switch methodology by Demo Owner; cites the [a-z-]+ fit of Data size sweep \(11 runs\)\)/);
    for (const line of markdown.split("\n").filter((l) => l.startsWith("| =1+1"))) expect(line.split(/(?<!\\)\|/).length).toBe(9);
    const csv = await save(() => page().getByTestId("export-csv").click());
    expect(csv).toContain(`Data,'${HOSTILE_METHODOLOGY},${HOSTILE_SWEEP},accuracy,`);
    expect(csv).toMatch(/,(Scale further|Switch methodology|Plateau: move on)\n/);
    const chart = page().getByTestId("meeting-chart").filter({ hasText: "Web crawl v2" });
    await chart.locator("path[data-curve$='-previous']").first().waitFor({ timeout: 30_000 });
    const chartCsv = await save(() => chart.getByRole("button", { name: "CSV" }).click());
    expect(chartCsv.split("\n").filter((r) => r.split(",")[2] === "previous_fit").length).toBeGreaterThan(10);
    await shots("meeting-decisions");
    expect(session.problems).toEqual([]);
  });
});
