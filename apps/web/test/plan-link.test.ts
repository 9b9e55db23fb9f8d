/**
 * The Plan view's link and what-if exponents, and the Sweep view's law in the link, in Chromium against
 * `npm start`'s server: the law, budget and unique-token cap come back from a link; what-if α and β start
 * again from each law picked (and a button resets them); a team fit's N*, D*, tokens per parameter and loss
 * show the percentile intervals analysis.plan computes over the fit's stored bootstrap draws; a Sweep link
 * keeps the picked law. Screenshots at 1920×1080 and 390 px wide.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { RouterOutputs } from "@scalecast/api";
import { transformer } from "@scalecast/api/transformer";
import { PUBLISHED_DATA_CONSTRAINED_LAWS, PUBLISHED_LAWS } from "@scalecast/core";
import { formatInterval, formatScale, formatScore } from "../src/lib/format";
import { artifactsDir } from "./browser";
import type { RunningApp } from "./app-server";
import { openDemoOwnerSession } from "./demo-session";

let app: RunningApp;
let page: Page;
let problems: string[];
openDemoOwnerSession((session) => ({ app, page, problems } = session));

const text = (testId: string) => page.getByTestId(testId).first().innerText();
const param = (name: string) => new URL(page.url()).searchParams.get(name);

/** A tRPC query as the page's signed-in user. */
async function query<T>(path: string, input: unknown): Promise<T> {
  const response = await page.request.get(`${app.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(transformer.serialize(input)))}`);
  expect(response.status(), await response.text()).toBe(200);
  return transformer.deserialize(((await response.json()) as { result: { data: unknown } }).result.data) as T;
}

/**
 * How wide the page scrolls, and the elements sticking out past the window's right edge (the outermost of
 * each, by test id or tag and class) to name in a failure.
 */
function pageWidth(): Promise<{ width: number; sticking: string[] }> {
  return page.evaluate(() => {
    const sticksOut = (e: Element) => e.getBoundingClientRect().right > window.innerWidth + 1;
    const sticking = [...document.body.querySelectorAll("*")]
      .filter((e) => sticksOut(e) && !(e.parentElement && sticksOut(e.parentElement)))
      .map((e) => (e as HTMLElement).dataset.testid ?? `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`);
    return { width: document.documentElement.scrollWidth, sticking };
  });
}

/** Full-page screenshots at 1920×1080 and 390 px wide (the viewport is left at 1920×1080). */
async function shots(name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(artifactsDir, `${name}-390.png`), fullPage: true });
  const { width, sticking } = await pageWidth();
  expect(width, `sticking out: ${sticking.join(", ")}`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(artifactsDir, `${name}-1920.png`), fullPage: true });
}

/** Sets a range input until it takes (a fill before hydration is lost). */
async function slide(selector: string, value: string, shown: () => Promise<string>, expected: string) {
  await expect.poll(async () => (await page.locator(selector).fill(value), shown())).toContain(expected);
}

describe("Plan link and what-if", () => {
  it("opens a link's law, budget and cap, and writes every change back into the link", async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${app.url}/plan?law=muennighoff-2023-c4&budget=1e22&cap=5e10`);
    await expect.poll(() => page.getByTestId("law-source").inputValue()).toBe("published:muennighoff-2023-c4");
    expect(await text("budget")).toBe("1e22 FLOPs");
    expect(await page.getByTestId("unique-tokens").inputValue()).toBe("5e10");
    await page.getByTestId("cap-plan").waitFor();

    await slide("#budget", "23.5", () => text("budget"), "3.16e23");
    expect(param("budget")).toBe("3.16e23");
    await page.getByTestId("unique-tokens").fill("2e11");
    await expect.poll(() => param("cap")).toBe("2e11");
    await page.getByTestId("law-source").selectOption("published:epoch-2024");
    await expect.poll(() => param("law")).toBe("epoch-2024");

    // Opened again, the link gives the same plan.
    await page.goto(page.url());
    await expect.poll(() => page.getByTestId("law-source").inputValue()).toBe("published:epoch-2024");
    expect(await text("budget")).toBe("3.16e23 FLOPs");
    expect(await page.getByTestId("unique-tokens").inputValue()).toBe("2e11");
    // Clearing the cap takes it out of the link.
    await page.getByTestId("unique-tokens").fill("");
    await expect.poll(() => param("cap")).toBeNull();
    expect(problems).toEqual([]);
  });

  it("resets the what-if exponents when another law is picked, and with the reset button", async () => {
    await page.goto(`${app.url}/plan?law=hoffmann-2022&budget=1e22`);
    const hoffmann = PUBLISHED_LAWS["hoffmann-2022"].params;
    await expect.poll(() => text("alpha-value")).toBe(formatScore(hoffmann.alpha));
    expect(await page.getByTestId("reset-what-if").isDisabled()).toBe(true);
    await slide("#alpha", "0.05", () => text("alpha-value"), formatScore(hoffmann.alpha + 0.05));
    await slide("#beta", "-0.02", () => text("beta-value"), formatScore(hoffmann.beta - 0.02));
    expect(await text("plan-source")).toContain("with what-if exponents");

    // Another law: its own α and β, no what-if left over.
    const c4 = PUBLISHED_DATA_CONSTRAINED_LAWS["muennighoff-2023-c4"].params;
    await page.getByTestId("law-source").selectOption("published:muennighoff-2023-c4");
    await expect.poll(() => text("alpha-value")).toBe(formatScore(c4.alpha));
    expect(await text("beta-value")).toBe(formatScore(c4.beta));
    expect(await page.locator("#alpha").inputValue()).toBe("0");
    expect(await text("plan-source")).not.toContain("what-if");

    // The reset button puts the law's own exponents back.
    await slide("#alpha", "-0.03", () => text("alpha-value"), formatScore(c4.alpha - 0.03));
    await page.getByTestId("reset-what-if").click();
    await expect.poll(() => text("alpha-value")).toBe(formatScore(c4.alpha));
    expect(await page.getByTestId("reset-what-if").isDisabled()).toBe(true);
    expect(problems).toEqual([]);
  });

  it("shows a team fit's N*, D*, tokens per parameter and loss with the intervals over its bootstrap draws", async () => {
    type Plannable = RouterOutputs["fit"]["plannable"];
    let fitId: string | null = null;
    await expect
      .poll(async () => (fitId = (await query<Plannable>("fit.plannable", undefined)).find((f) => f.sweep.name === "IsoFLOP grid" && f.model === "chinchilla")?.fitId ?? null), { timeout: 120_000 })
      .not.toBeNull();
    await page.goto(`${app.url}/plan?fit=${fitId}&budget=1e23`);
    const plan = await query<RouterOutputs["analysis"]["plan"]>("analysis.plan", { fitId, budget: 1e23 });
    const intervals = plan.optimalIntervals!;
    expect(intervals.draws).toBeGreaterThan(1);
    const shown = (field: keyof typeof intervals.bounds, fmt: (v: number) => string) => `90 % ${formatInterval(intervals.bounds[field]!.lower, intervals.bounds[field]!.upper, fmt)}`;
    const kpi = async (label: string) => (await page.getByTestId("plan-results").locator(".kpi", { hasText: label }).locator("small").innerText()).replaceAll("\u00a0", " ");
    await expect.poll(() => kpi("Compute-optimal N"), { timeout: 30_000 }).toContain(shown("n", formatScale));
    expect(await kpi("Compute-optimal D")).toContain(shown("d", formatScale));
    expect(await kpi("Tokens per parameter")).toBe(shown("tokensPerParam", formatScore));
    expect(await kpi("Predicted loss")).toContain(shown("loss", formatScore));
    expect(await text("plan-intervals")).toBe(`Intervals: 90 % over ${intervals.draws} bootstrap draws of the fit (parameter uncertainty only).`);
    await shots("plan-fit-intervals");

    // A what-if law is not the fitted one: no intervals, and the page says why.
    await slide("#beta", "0.02", () => text("plan-source"), "what-if");
    await expect.poll(() => text("plan-intervals-note")).toBe("No intervals for a what-if law: the fit's bootstrap draws are of the law as fitted.");
    expect(await page.getByTestId("plan-results").locator(".kpi", { hasText: "Tokens per parameter" }).locator("small").count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("keeps the Sweep view's picked law in the link", async () => {
    type Sweeps = RouterOutputs["sweep"]["list"];
    const sweep = (await query<Sweeps>("sweep.list", {})).find((s) => s.name === "IsoFLOP grid")!;
    // The page writes as it shows a law (a backtest; a fit of a picked law no job fits): each backtest is
    // waited for and no write is left running, so no navigation cuts one off.
    const isBacktest = (r: { url(): string }) => r.url().includes("/api/trpc/analysis.backtest");
    const isWrite = (r: { method(): string; url(): string }) => r.method() === "POST" && r.url().includes("/api/trpc/");
    let writing = 0;
    page.on("request", (r) => void (isWrite(r) && writing++));
    page.on("requestfinished", (r) => void (isWrite(r) && writing--));
    page.on("requestfailed", (r) => void (isWrite(r) && writing--));
    const settled = async (backtest: Promise<unknown>) => {
      await backtest;
      await expect.poll(() => writing, { timeout: 120_000 }).toBe(0);
    };
    const backtested = () => page.waitForResponse(isBacktest, { timeout: 120_000 });

    let backtest = backtested();
    await page.goto(`${app.url}/sweeps/${sweep.id}`);
    const picker = page.getByTestId("model-picker");
    await expect.poll(() => picker.locator("option").allInnerTexts(), { timeout: 60_000 }).toContain("data-constrained");
    await settled(backtest);
    backtest = backtested();
    await expect.poll(async () => (await picker.selectOption("data-constrained"), param("law"))).toBe("data-constrained");
    await settled(backtest);
    // The picked law had no fit: the page asked for one (fit.request); once it is stored that write is long done.
    type Latest = RouterOutputs["fit"]["latest"];
    await expect.poll(async () => (await query<Latest>("fit.latest", { sweepId: sweep.id, model: "data-constrained" })).fit !== null, { timeout: 120_000 }).toBe(true);
    await settled(backtest);
    backtest = backtested();
    await page.goto(page.url());
    await expect.poll(() => page.getByTestId("model-picker").inputValue(), { timeout: 30_000 }).toBe("data-constrained");
    await expect.poll(() => text("fit-draws"), { timeout: 120_000 }).toMatch(/bootstrap draws/);
    await settled(backtest);
    await shots("sweep-law-link");
    // Back to the default law: the link no longer names one.
    backtest = backtested();
    await page.getByTestId("model-picker").selectOption("");
    await expect.poll(() => param("law")).toBeNull();
    await settled(backtest);
    expect(problems).toEqual([]);
  });
});
