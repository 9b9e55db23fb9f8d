import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { transformer } from "@scalecast/api/transformer";
import { artifactsDir } from "./browser";
import type { RunningApp } from "./app-server";
import { openDemoOwnerSession } from "./demo-session";

/**
 * Charts for slides and charts that name their runs, in Chromium on the seeded demo: every view's SVG and PNG
 * export (title, team, date, the key below the plot with the band's level, no two text boxes overlapping, every
 * decade tick of the domain kept, the PNG twice the SVG's size), the CSV and Markdown exports of a run whose
 * key looks like a formula and holds a `|`, and the read-out of the run under the pointer or the keyboard focus,
 * whose click or Enter selects its row in the run table.
 */

let browser: Browser;
let app: RunningApp;
let page: Page;
let problems: string[];
openDemoOwnerSession((session) => ({ browser, app, page, problems } = session));

const WIDE = { width: 1920, height: 1080 };
const NARROW = { width: 390, height: 844 };
const BAND_KEY = "shaded: 90 % interval: parameter uncertainty only";

async function query<T>(path: string, input: unknown): Promise<T> {
  const response = await page.request.get(`${app.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(transformer.serialize(input)))}`);
  expect(response.status()).toBe(200);
  return transformer.deserialize(((await response.json()) as { result: { data: unknown } }).result.data) as T;
}

async function sweepUrl(teamSlug: string, methodology: string): Promise<string> {
  const team = await query<{ id: string }>("team.get", { slug: teamSlug });
  const sweeps = await query<{ id: string; methodology: { name: string } }[]>("sweep.list", { teamId: team.id });
  return `${app.url}/sweeps/${sweeps.find((s) => s.methodology.name === methodology)!.id}`;
}

async function shots(name: string, focus?: Locator): Promise<void> {
  for (const [suffix, size] of [["", WIDE], ["-narrow", NARROW]] as const) {
    await page.setViewportSize(size);
    await focus?.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, `charts-${name}${suffix}.png`), fullPage: !focus });
  }
  await page.setViewportSize(WIDE);
}

async function downloaded(click: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  return readFileSync((await file.path())!);
}

interface Box {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface SvgReport {
  width: number;
  height: number;
  texts: Box[];
  /** Top of the plot's frame and bottom of its x axis (tick labels and title), in the SVG's coordinates. */
  frameTop: number;
  axisBottom: number;
  key: Box[];
  xDomain: [number, number];
  yDomain: [number, number];
  yScale: string;
  xTicks: number[];
  yTicks: number[];
}

/**
 * Loads an exported SVG in its own page and reads back, in the SVG's coordinates, the box of every text
 * (getBBox through the element's transform), the frame, the key and the ticks. Sent as source text so the
 * bundler adds nothing to it.
 */
const INSPECT_SVG = `(() => {
  const root = document.querySelector("svg");
  const boxOf = (el) => {
    const b = el.getBBox();
    const m = el.getCTM();
    const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]].map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
    const xs = corners.map((p) => p.x);
    const ys = corners.map((p) => p.y);
    return { text: el.textContent, x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
  };
  const texts = [...root.querySelectorAll("text")].filter((t) => t.textContent.trim() !== "").map(boxOf);
  const plot = root.querySelector("[data-plot]");
  const frame = boxOf(plot.querySelector("rect.frame"));
  const axisTexts = [...plot.querySelectorAll("[data-tick=x] text, .axis-label")].map(boxOf);
  const pair = (name) => plot.getAttribute(name).split(" ").map(Number);
  const ticks = (axis) => [...plot.querySelectorAll("[data-tick=" + axis + "]")].map((t) => Number(t.getAttribute("data-value")));
  return {
    width: Number(root.getAttribute("width")),
    height: Number(root.getAttribute("height")),
    texts,
    frameTop: frame.y,
    axisBottom: Math.max(frame.y + frame.height, ...axisTexts.map((t) => t.y + t.height)),
    key: [...root.querySelectorAll("[data-key] text")].map(boxOf),
    xDomain: pair("data-x-domain"),
    yDomain: pair("data-y-domain"),
    yScale: plot.getAttribute("data-y-scale"),
    xTicks: ticks("x"),
    yTicks: ticks("y"),
  };
})()`;

async function inspectSvg(svg: string): Promise<SvgReport> {
  const viewer = await browser.newPage();
  try {
    await viewer.setContent(svg);
    return (await viewer.evaluate(INSPECT_SVG)) as SvgReport;
  } finally {
    await viewer.close();
  }
}

/** Pairs of text boxes that overlap (by more than a quarter pixel, against rounding). */
function overlaps(boxes: readonly Box[]): string[] {
  const found: string[] = [];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      const apart = a.x + a.width <= b.x + 0.25 || b.x + b.width <= a.x + 0.25 || a.y + a.height <= b.y + 0.25 || b.y + b.height <= a.y + 0.25;
      if (!apart) found.push(`"${a.text}" overlaps "${b.text}"`);
    }),
  );
  return found;
}

/** The powers of ten inside [lo, hi]. */
function decades([lo, hi]: [number, number]): number[] {
  const out: number[] = [];
  for (let k = Math.ceil(Math.log10(lo) - 1e-9); 10 ** k <= hi * (1 + 1e-9); k++) out.push(10 ** k);
  return out;
}

const hasTick = (ticks: readonly number[], value: number) => ticks.some((t) => Math.abs(t / value - 1) < 1e-9);

/** A PNG's pixel size, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Exports the chart under `panel` as SVG and PNG and checks both are ready for slides; returns the SVG's
 * report and text. The PNG is kept with the screenshots to be looked at.
 */
async function checkExport(panel: Locator, name: string, expected: { title: string; team?: string; band: boolean; labels?: readonly string[] }): Promise<{ report: SvgReport; svg: string }> {
  const exports = panel.getByTestId("chart-exports");
  const svg = (await downloaded(() => exports.getByRole("button", { name: "SVG" }).click())).toString("utf8");
  const report = await inspectSvg(svg);
  const all = report.texts.map((t) => t.text);
  expect(all[0]).toBe(expected.title);
  expect(all[1]).toMatch(new RegExp(`^${expected.team ? `${expected.team} · ` : ""}\\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2}$`));
  for (const label of expected.labels ?? []) expect(all.some((t) => t?.startsWith(label))).toBe(true);
  expect(all.includes(BAND_KEY)).toBe(expected.band);
  // The key lies below the plot and its axis, never over the target, crossover or ranking labels.
  expect(report.key.length).toBeGreaterThan(0);
  for (const item of report.key) expect(item.y).toBeGreaterThanOrEqual(report.axisBottom);
  // The title and date lie above the plot.
  for (const head of report.texts.slice(0, 2)) expect(head.y + head.height).toBeLessThanOrEqual(report.frameTop);
  expect(overlaps(report.texts)).toEqual([]);
  for (const decade of decades(report.xDomain)) expect(hasTick(report.xTicks, decade), `x tick ${decade}`).toBe(true);
  if (report.yScale === "log") for (const decade of decades(report.yDomain)) expect(hasTick(report.yTicks, decade), `y tick ${decade}`).toBe(true);
  expect(report.width).toBeGreaterThanOrEqual(960);

  const png = await downloaded(() => exports.getByRole("button", { name: "PNG" }).click());
  expect(pngSize(png)).toEqual({ width: report.width * 2, height: report.height * 2 });
  writeFileSync(join(artifactsDir, `charts-export-${name}.png`), png);
  writeFileSync(join(artifactsDir, `charts-export-${name}.svg`), svg);
  return { report, svg };
}

describe("exports ready for slides", () => {
  it("Sweep: SVG and PNG with title, team, date and the band's level, at any screen width; CSV and Markdown keep a hostile run key as data", async () => {
    await page.setViewportSize(WIDE);
    await page.goto(await sweepUrl("pretraining", "Dense transformer"));
    const panel = page.locator("section.panel", { has: page.getByTestId("sweep-chart") });
    await panel.locator("path[data-band]").waitFor({ timeout: 90_000 });
    const wide = await checkExport(panel, "sweep", { title: "Dense transformer: IsoFLOP grid, loss", team: "Pretraining", band: true, labels: ["target "] });
    expect(wide.report.yScale).toBe("log");
    expect(wide.svg.match(/<circle /g)?.length).toBe(Number(await page.getByTestId("sweep-chart").getAttribute("data-points")));
    // A joint run reads out both its scales and the compute it is drawn at.
    await page.getByTestId("sweep-chart-area").focus();
    await page.keyboard.press("Home");
    const tip = page.getByTestId("sweep-chart").locator(".chart-tip");
    await expect.poll(() => tip.isVisible()).toBe(true);
    const names = (await tip.innerText()).split("\n").map((l) => l.split(" = ")[0]);
    expect(names).toEqual(expect.arrayContaining(["N", "D", "compute C", "loss"]));
    await shots("sweep", panel);
    // On a phone the export is drawn at slide width all the same.
    await page.setViewportSize(NARROW);
    const narrow = await checkExport(panel, "sweep-from-phone", { title: "Dense transformer: IsoFLOP grid, loss", team: "Pretraining", band: true });
    expect(narrow.report.width).toBe(960);
    await page.setViewportSize(WIDE);

    // A run key written to become a formula in a spreadsheet and to break a Markdown table.
    await page.goto(await sweepUrl("data", "Web crawl v2"));
    const hostile = "=HYPERLINK(1)|x";
    const before = Number(await page.getByTestId("sweep-chart").getAttribute("data-points"));
    await page.getByTestId("add-run-scales.D").fill("3e9");
    await page.getByTestId("add-run-metrics.accuracy").fill("0.71");
    await page.getByTestId("add-run-runKey").fill(hostile);
    await page.getByTestId("add-run-submit").click();
    await page.getByTestId("add-run-result").waitFor({ timeout: 30_000 });
    const dataPanel = page.locator("section.panel", { has: page.getByTestId("sweep-chart") });
    const exports = dataPanel.getByTestId("chart-exports");
    await expect.poll(() => page.getByTestId("sweep-chart").getAttribute("data-points"), { timeout: 30_000 }).toBe(String(before + 1));
    const csv = (await downloaded(() => exports.getByRole("button", { name: "CSV" }).click())).toString("utf8");
    const [header, ...rows] = csv.trim().split("\n");
    expect(header).toBe("series,kind,run_key,tokens / examples D,accuracy,lower,upper,excluded");
    expect(rows.filter((r) => r.includes(",run,"))).toHaveLength(before + 1);
    expect(rows.find((r) => r.includes("HYPERLINK"))).toMatch(/,run,'=HYPERLINK\(1\)\|x,3000000000,0\.71,,,no$/);
    const markdown = (await downloaded(() => exports.getByRole("button", { name: "Markdown" }).click())).toString("utf8");
    expect(markdown.split("\n")[0]).toBe("# Web crawl v2: Data size sweep, accuracy");
    expect(markdown).toContain("Band: 90 % interval: parameter uncertainty only.");
    const row = markdown.split("\n").find((l) => l.includes("HYPERLINK"))!;
    expect(row).toContain("| =HYPERLINK(1)\\|x |");
    // Every row keeps the table's 7 cells: the escaped `|` splits none.
    expect(row.split(/(?<!\\)\|/).length).toBe(9);
    expect(problems).toEqual([]);
  });

  it("Compare: the key sits below the plot, clear of the crossover and 'ranked at' labels", async () => {
    await page.goto(`${app.url}/compare`);
    await page.getByTestId("compare-chip").filter({ hasText: "Web crawl v2" }).click();
    await page.getByTestId("compare-chip").filter({ hasText: "Synthetic math data" }).click();
    const panel = page.locator("section.panel", { has: page.getByTestId("compare-chart") });
    await panel.locator("text.marker-label", { hasText: "ranked at" }).waitFor({ timeout: 90_000 });
    await checkExport(panel, "compare", { title: "Compare methodologies", team: "Data", band: true, labels: ["ranked at"] });
    await shots("compare", panel);
    expect(problems).toEqual([]);
  });

  it("Plan: the frontier and the published recipes export without a band key", async () => {
    await page.goto(`${app.url}/plan`);
    const frontier = page.locator("section.panel", { has: page.getByTestId("plan-frontier") });
    await frontier.locator("path[data-curve]").first().waitFor({ timeout: 60_000 });
    const { report } = await checkExport(frontier, "plan-frontier", { title: `Loss on the compute-optimal frontier: ${await frontier.locator(".panel-head .muted").innerText()}`, band: false, labels: ["budget"] });
    expect(report.yScale).toBe("log");
    // A chart without runs has nothing for the keyboard to step through: it takes no focus.
    expect(await page.getByTestId("plan-frontier-area").getAttribute("tabindex")).toBeNull();
    const recipes = page.locator("section.panel", { has: page.getByTestId("plan-recipes") });
    await checkExport(recipes, "plan-recipes", { title: "Published recipes against compute", band: false });
    await shots("plan", frontier);
    expect(problems).toEqual([]);
  });

  it("Meeting: a snapshot's chart exports with its team", async () => {
    await page.goto(`${app.url}/meeting?team=data`);
    await page.getByTestId("take-snapshot").click();
    const panel = page.getByTestId("meeting-chart").first();
    await panel.locator("path[data-curve]").first().waitFor({ timeout: 90_000 });
    const title = await panel.locator("h3").innerText();
    const { svg } = await checkExport(panel, "meeting", { title: `${title}: Data size sweep, accuracy`, team: "Data", band: true, labels: ["target"] });
    expect(svg.match(/<circle /g)?.length).toBe(Number(await panel.getByTestId("meeting-chart-plot").getAttribute("data-points")));
    await shots("meeting", panel);
    expect(problems).toEqual([]);
  });
});

describe("charts that name their runs", () => {
  it("the pointer and the arrow keys read out the run (key, scales, metric, excluded or not, curve); a click or Enter selects its row", async () => {
    await page.setViewportSize(WIDE);
    await page.goto(await sweepUrl("post-training", "Instruction mix A"));
    const chart = page.getByTestId("sweep-chart");
    await chart.locator("path[data-curve]").first().waitFor({ timeout: 90_000 });
    const table = page.getByTestId("run-table");
    // The smallest run is excluded: the read-out says so.
    const smallest = table.getByTestId("run-row").first();
    const smallestKey = (await smallest.getAttribute("data-run-key"))!;
    await smallest.getByRole("checkbox").check();
    await page.getByTestId("exclude-reason").fill("diverged");
    await page.getByTestId("exclude-runs").click();
    await expect.poll(() => chart.getAttribute("data-hollow"), { timeout: 30_000 }).toBe("1");
    await smallest.getByRole("checkbox").uncheck();
    // The refit without it has landed (a new fit redraws the chart).
    const runs = await table.getByTestId("run-row").count();
    await expect.poll(() => page.getByTestId("fit-draws").innerText(), { timeout: 60_000 }).toMatch(new RegExp(`^${runs - 1} points .* current$`));

    const area = page.getByTestId("sweep-chart-area");
    const tip = chart.locator(".chart-tip");
    const readout = async () => ((await tip.isVisible()) ? await tip.innerText() : "");
    /** Presses a key and waits for the read-out to name another run (it is drawn on the next frame). */
    const step = async (key: string) => {
      const before = (await readout()).split("\n")[0];
      await page.keyboard.press(key);
      await expect.poll(async () => (await readout()).split("\n")[0]).not.toBe(before);
      return readout();
    };
    await area.focus();
    const first = await step("Home");
    expect(first.split("\n")[0]).toBe(smallestKey);
    expect(first).toContain("excluded from the fit");
    // The third run by scale: the read-out names it with its scale, metric and the curve there.
    await step("ArrowRight");
    const third = await step("ArrowRight");
    const [thirdKey] = third.split("\n");
    const thirdRow = table.locator(`tr[data-run-key="${thirdKey}"]`);
    const cells = await thirdRow.locator("td.num").allInnerTexts();
    expect(third).toContain(`D = ${cells[0]}`);
    expect(third).toContain(`accuracy = ${cells[1]}`);
    expect(third).toContain("in the fit");
    expect(third).toMatch(/curve here: [\d.]+/);
    await shots("readout-keyboard", chart);
    // Enter selects the run's row and brings it into view.
    await page.setViewportSize(NARROW);
    await area.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => thirdRow.getAttribute("aria-selected")).toBe("true");
    await expect.poll(() => thirdRow.evaluate((row) => row.getBoundingClientRect().top >= 0 && row.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    await page.screenshot({ path: join(artifactsDir, "charts-selected-row-narrow.png") });
    await page.setViewportSize(WIDE);

    // The pointer over the run just read out (the ring marks it) gives the same read-out; a click selects it.
    await chart.scrollIntoViewIfNeeded();
    await area.focus();
    const lastKey = (await step("End")).split("\n")[0]!;
    const ring = chart.locator("[data-hover] circle").first();
    const [cx, cy] = await Promise.all([ring.getAttribute("cx"), ring.getAttribute("cy")]).then((v) => v.map(Number));
    await page.keyboard.press("Escape");
    await expect.poll(readout).toBe("");
    const svgBox = (await chart.locator("svg.chart-svg").boundingBox())!;
    await page.mouse.move(svgBox.x + cx!, svgBox.y + cy!);
    await expect.poll(() => tip.innerText()).toContain(lastKey);
    expect(await tip.innerText()).toContain("in the fit");
    await page.screenshot({ path: join(artifactsDir, "charts-readout-pointer.png") });
    const lastRow = table.locator(`tr[data-run-key="${lastKey}"]`);
    await page.mouse.click(svgBox.x + cx!, svgBox.y + cy!);
    await expect.poll(() => lastRow.getAttribute("aria-selected")).toBe("true");
    expect(problems).toEqual([]);
  });
});
