import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import type { RouterOutputs } from "@scalecast/api";
import type { RunningApp } from "./app-server";
import { formatScore } from "../src/lib/format";
import { artifactsDir } from "./browser";
import { callTrpc, openDemoOwnerSession } from "./demo-session";

/**
 * The Overview for the meeting room, on the seeded demo: a grid that uses a 1920 px screen (4 card columns),
 * a small chart per card from the stored fit, the call in plain words built from the gain per 10× and its
 * interval, plain-English reasons, a legend for the badges, what "no snapshot yet" means, the changes since a
 * snapshot as before → after with arrows, and present mode (one team per screen, ←/→, Escape, kept in the URL).
 */

let app: RunningApp;
let page: Page;
let problems: string[];
openDemoOwnerSession((session) => ({ app, page, problems } = session));

type TeamOverview = RouterOutputs["team"]["overview"][number];
const call = <T>(path: string, input: unknown, method: "GET" | "POST") => callTrpc<T>(page, app.url, path, input, method);
const shot = (name: string, fullPage = true) => page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage });
const card = (methodology: string) => page.getByTestId("sweep-card").filter({ hasText: methodology });

/** How many cards sit side by side in the first row: the number of columns the page lays them in. */
async function columns(): Promise<number> {
  const tops = await page.getByTestId("sweep-card").evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
  return tops.filter((top) => top === Math.min(...tops)).length;
}

/** The number in a card's "Gain per 10×" line. */
async function gainStat(c: Locator): Promise<number> {
  return Number((await c.locator(".stat", { hasText: "Gain per 10×" }).locator("strong").innerText()).trim());
}

async function openOverview(width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto(`${app.url}/`);
  await expect.poll(() => page.getByTestId("sweep-card").count(), { timeout: 60_000 }).toBe(6);
}

describe("Overview for the meeting room", () => {
  it("at 1920 px: 4 card columns, each card with its stored fit's chart, the call in words and plain reasons", async () => {
    await openOverview(1920, 1080);
    // The first start's fit worker fits the seeded sweeps; every card then has its chart.
    await expect.poll(() => page.locator('[data-testid="fit-status"][data-state$="fitting"]').count(), { timeout: 180_000 }).toBe(0);
    await expect.poll(() => page.getByTestId("overview-chart").count()).toBe(6);
    expect(await columns()).toBe(4);
    const widest = await page.getByTestId("sweep-card").evaluateAll((els) => Math.max(...els.map((el) => el.getBoundingClientRect().right)));
    expect(widest).toBeGreaterThan(1800);

    const overview = await call<TeamOverview[]>("team.overview", undefined, "GET");
    for (const entry of overview.flatMap((t) => t.entries)) {
      const chart = card(entry.methodology.name).getByTestId("overview-chart");
      // Runs, the fitted curve (solid over the runs, dashed to the target), the band and the next planned scale.
      expect(Number(await chart.getAttribute("data-runs"))).toBe(entry.chart!.runs.length);
      expect(entry.chart!.runs.length).toBe(entry.runCount);
      expect(await chart.locator('path[data-curve="fitted"]').getAttribute("d")).toMatch(/^M/);
      expect(await chart.locator('path[data-curve="extrapolated"]').getAttribute("d")).toMatch(/^M/);
      expect(await chart.locator(`g[data-target="${entry.forecast!.scale}"]`).count()).toBe(1);
      expect(await chart.locator("circle").count()).toBe(entry.runCount + 1);
      if (entry.chart!.curve.some((p) => p.lower !== undefined)) expect(await chart.locator("path[data-band]").getAttribute("d")).toMatch(/^M/);
    }

    // The call in words, from the gain per 10× and its interval: accuracy in points (×100), loss in its units.
    const web = card("Web crawl v2");
    const webSentence = await web.getByTestId("recommendation-sentence").innerText();
    const points = /^Scale further: the next 10× of data is forecast to add ([\d.]+) accuracy points \(([\d.]+)–([\d.]+)\)\.$/.exec(webSentence);
    expect(points, webSentence).not.toBeNull();
    const [gain, lo, hi] = points!.slice(1).map(Number) as [number, number, number];
    expect(Math.abs(gain - 100 * (await gainStat(web)))).toBeLessThanOrEqual(0.05 * gain);
    expect(lo).toBeLessThan(gain);
    expect(hi).toBeGreaterThan(gain);
    const dense = await card("Dense transformer").getByTestId("recommendation-sentence").innerText();
    expect(dense).toMatch(/^(Scale further:|Plateau: move on —) the next 10× of compute is forecast to lower loss by (only )?[\d.]+( \([\d.]+–[\d.]+\))?\./);
    for (const sentence of await page.getByTestId("recommendation-sentence").allInnerTexts()) expect(sentence).toMatch(/^(Scale further|Plateau: move on|Switch methodology)/);

    // Reasons read as English: no "3.000e+9", no "plateau threshold 1.00%".
    const reasons = await page.getByTestId("reason").allInnerTexts();
    expect(reasons).toHaveLength(6);
    for (const reason of reasons) {
      expect(reason).not.toMatch(/\de[+-]?\d/);
      expect(reason).toMatch(/10× more scale than the largest run|the largest run's score|low confidence|the fitted law has no limit/i);
    }

    // The legend names the three badges and the thresholds that drive them.
    const legend = page.getByTestId("overview-legend");
    for (const badge of ["Scale further", "Plateau: move on", "Switch methodology"]) expect(await legend.locator(".badge", { hasText: badge }).count()).toBe(1);
    expect(await legend.innerText()).toMatch(/at least 1 % of today's score.*80 % or more/s);

    // No snapshot yet: what a snapshot is, and a link to take one on the Meeting page.
    const status = page.locator('[data-team="data"]').getByTestId("snapshot-status");
    expect(await status.innerText()).toMatch(/^No snapshot yet\. A snapshot freezes the team's fits and forecasts/);
    expect(await status.getByRole("link", { name: "Meeting page" }).getAttribute("href")).toBe("/meeting?team=data");
    await shot("overview-1920");
    expect(problems).toEqual([]);
  }, 240_000);

  it("after a snapshot and a new run: runs and then the forecast as before → after with arrows", async () => {
    const overview = await call<TeamOverview[]>("team.overview", undefined, "GET");
    const data = overview.find((t) => t.team.slug === "data")!;
    const entry = data.entries.find((e) => e.methodology.name === "Web crawl v2")!;
    await call("snapshot.create", { teamId: data.team.id, title: "Week 49" }, "POST");
    // A run beyond the frontier, below the forecast curve: the refit lowers the forecast at 10B (↓, worse).
    const frontier = entry.chart!.frontier!;
    await call("run.ingest", { sweepId: entry.sweep.id, runs: [{ runKey: "late", scales: { D: frontier * 2 }, metrics: { accuracy: 0.6 } }] }, "POST");

    await page.goto(`${app.url}/`);
    const web = card("Web crawl v2");
    await expect.poll(() => web.getByTestId("change").innerText(), { timeout: 60_000 }).toContain(`Runs ${entry.runCount} → ${entry.runCount + 1}`);
    expect(await page.locator('[data-team="data"]').getByTestId("snapshot-status").innerText()).toMatch(/^Since the snapshot “Week 49” \(.+\): 1 sweep changed\.$/);
    // Once the refit lands, the forecast at the target scale moves, with its arrow.
    const forecastRow = web.getByTestId("change").locator("li", { hasText: "Forecast at 10B" });
    await expect.poll(() => forecastRow.count(), { timeout: 180_000 }).toBe(1);
    expect(await forecastRow.innerText()).toMatch(new RegExp(`^Forecast at 10B ${formatScore(entry.forecast!.value).replace(".", "\\.")} → [\\d.]+ ↓$`));
    expect(await forecastRow.locator('[aria-label="worse"]').count()).toBe(1);
    expect(await card("Synthetic math data").getByTestId("change").innerText()).toBe("No change since the snapshot");
    await shot("overview-changes-1920");
    expect(problems).toEqual([]);
  }, 240_000);

  it("present mode: one team per screen in large type, ←/→ between teams, kept on reload, Escape leaves", async () => {
    await openOverview(1920, 1080);
    const fontSize = (l: Locator) => l.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const normalSize = await fontSize(page.getByTestId("recommendation-sentence"));
    await page.getByTestId("present-toggle").click();
    await page.waitForURL(/\/\?present=1&team=data$/);
    const present = page.getByTestId("present-mode");
    await present.waitFor();
    expect(await page.getByTestId("team-overview").count()).toBe(1);
    expect(await present.getByTestId("present-position").innerText()).toBe("team 1 of 3");
    expect(await fontSize(present.getByTestId("recommendation-sentence"))).toBeGreaterThanOrEqual(1.4 * normalSize);
    expect(await fontSize(present.locator("h2"))).toBeGreaterThanOrEqual(36);
    await shot("present-1920");

    await page.keyboard.press("ArrowRight");
    await page.waitForURL(/team=post-training$/);
    expect(await present.locator("h2").first().innerText()).toBe("Post-training");
    await page.reload();
    await present.waitFor();
    expect(await present.locator("h2").first().innerText()).toBe("Post-training");
    // The browser's own icon request on a reload finds the app's icon (not a console 404).
    expect((await page.request.get(`${app.url}/favicon.ico`)).headers()["content-type"]).toMatch(/^image\/svg\+xml/);
    await page.keyboard.press("ArrowRight");
    await page.waitForURL(/team=pretraining$/);
    await page.keyboard.press("ArrowRight");
    await page.waitForURL(/team=data$/);
    await page.keyboard.press("ArrowLeft");
    await page.waitForURL(/team=pretraining$/);
    await page.keyboard.press("Escape");
    await page.waitForURL(`${app.url}/`);
    await expect.poll(() => page.getByTestId("team-overview").count()).toBe(3);
    expect(await present.count()).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);

  it("at 390 px: one column, nothing wider than the screen, present mode fits too", async () => {
    await openOverview(390, 844);
    expect(await columns()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot("overview-390");
    await card("Web crawl v2").scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -120)); // clear of the sticky top bar
    await shot("overview-390-card", false);
    await page.getByTestId("present-toggle").click();
    await page.getByTestId("present-mode").waitFor();
    expect(await page.getByTestId("present-mode").evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390);
    await shot("present-390", false);
    await page.keyboard.press("Escape");
    await page.waitForURL(`${app.url}/`);
    expect(problems).toEqual([]);
  }, 120_000);
});
