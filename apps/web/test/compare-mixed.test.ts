import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { RouterOutputs } from "@scalecast/api";
import { transformer } from "@scalecast/api/transformer";
import { COMPARABLE_PROBLEMS, JOINT_INTERVAL_COVERS } from "@scalecast/core";
import { artifactsDir, launchBrowser, openPage, signInDemoOwner } from "./browser";
import { startApp, type RunningApp } from "./app-server";

/**
 * Compare only what can be compared, and a joint law at a planned run, in Chromium on the seeded demo: a
 * shared link mixing an accuracy sweep with a loss sweep shows the API's reason (a 400) in place of the
 * comparison, the picker greys out sweeps that cannot join the first one and says why, and the Sweep view
 * of the seeded Chinchilla grid answers "loss at N, D" with its interval.
 */

type Sweep = RouterOutputs["sweep"]["list"][number];

let browser: Browser;
let app: RunningApp;
let page: Page;
let problems: string[];
let sweeps: Sweep[];

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startApp()]);
  ({ page, problems } = await openPage(browser));
  await signInDemoOwner(page.request, app.url);
  const list = await page.request.get(`${app.url}/api/trpc/sweep.list`);
  sweeps = transformer.deserialize(((await list.json()) as { result: { data: unknown } }).result.data) as Sweep[];
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const shot = async (name: string) => {
  for (const [suffix, width, height] of [["", 1920, 1080], ["-narrow", 390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(artifactsDir, `${name}${suffix}.png`), fullPage: true });
  }
};
/**
 * What the page logged besides the refusal it expects: the mixed link's analysis.compare answers 400, and
 * Chromium logs each 4xx resource as a console error without its address.
 */
const unexpected = () =>
  problems.filter((p) => !(p.startsWith("HTTP 400") && p.includes("analysis.compare")) && p !== "console error: Failed to load resource: the server responded with a status of 400 (Bad Request)");
const sweepNamed = (methodology: string) => {
  const s = sweeps.find((x) => x.methodology.name === methodology);
  if (!s) throw new Error(`no seeded sweep of ${methodology}`);
  return s;
};

describe("Compare on a mixed selection", () => {
  it("a link mixing an accuracy sweep with a loss sweep shows the API's 400 reason in both panels, not a stuck panel", async () => {
    const accuracy = sweepNamed("Web crawl v2");
    const loss = sweepNamed("Dense transformer");
    const answers: number[] = [];
    page.on("response", (r) => {
      if (r.url().includes("analysis.compare")) answers.push(r.status());
    });
    await page.goto(`${app.url}/compare?sweeps=${accuracy.id},${loss.id}`);
    const refused = page.getByTestId("compare-refused");
    await expect.poll(() => refused.count(), { timeout: 90_000 }).toBe(2);
    const reason = await refused.first().innerText();
    expect(reason).toContain("These sweeps cannot be compared");
    expect(reason).toContain(`"${accuracy.name}" and "${loss.name}" cannot be compared`);
    expect(reason).toContain(COMPARABLE_PROBLEMS.metric("accuracy", "loss"));
    expect(reason).toContain(COMPARABLE_PROBLEMS.direction("higher", "lower"));
    expect(answers).toContain(400);
    expect(answers).not.toContain(500);
    expect(await page.getByTestId("compare-ranking").locator(".skeleton").count()).toBe(0);
    await shot("compare-mixed");
    expect(unexpected()).toEqual([]);
  });

  it("the picker greys out the sweeps that cannot join the first one, with why, and keeps the rest", async () => {
    const accuracy = sweepNamed("Web crawl v2");
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${app.url}/compare?sweeps=${accuracy.id}`);
    await page.getByTestId("compare-anchor").waitFor({ timeout: 60_000 });
    const lossChip = page.getByTestId("compare-chip").filter({ hasText: "Dense transformer" });
    expect(await lossChip.getAttribute("class")).toContain("off");
    expect(await lossChip.locator("input").isDisabled()).toBe(true);
    expect(await lossChip.getByTestId("compare-chip-why").innerText()).toContain(COMPARABLE_PROBLEMS.metric("accuracy", "loss"));
    const errorChip = page.getByTestId("compare-chip").filter({ hasText: "RL with verifier" });
    expect(await errorChip.getByTestId("compare-chip-why").innerText()).toBe(
      [COMPARABLE_PROBLEMS.metric("accuracy", "error"), COMPARABLE_PROBLEMS.direction("higher", "lower")].join("; "),
    );
    const sameKind = page.getByTestId("compare-chip").filter({ hasText: "Synthetic math data" });
    expect(await sameKind.locator("input").isDisabled()).toBe(false);
    expect(await sameKind.getByTestId("compare-chip-why").count()).toBe(0);
    await sameKind.click();
    await page.getByTestId("probability-best").first().waitFor({ timeout: 90_000 });
    const probability = await page.getByTestId("probability-best").first().innerText();
    expect(probability).toMatch(/^(< 1 %|> 99 %|\d{1,2} %|not reliable[\s\S]*)$/);
    await shot("compare-picker");
    expect(unexpected()).toEqual([]);
  });
});

describe("Sweep view of a joint law", () => {
  it("answers 'loss at N, D' for a planned run with its parameter-uncertainty interval", async () => {
    const grid = sweepNamed("Dense transformer");
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${app.url}/sweeps/${grid.id}`);
    const box = page.getByTestId("loss-at-nd");
    await box.waitFor({ timeout: 90_000 });
    await box.getByLabel("N", { exact: true }).fill("1.3e10");
    await box.getByLabel("D", { exact: true }).fill("5e12");
    await box.getByRole("button", { name: "Predict" }).click();
    await expect.poll(() => box.getByTestId("loss-at-nd-answer").innerText(), { timeout: 60_000 }).toContain("N = 13B, D = 5T");
    const interval = await box.getByTestId("loss-at-nd-interval").innerText();
    expect(interval).toMatch(new RegExp(`^\\d+ % interval \\[[\\d.]+, [\\d.]+\\], ${JOINT_INTERVAL_COVERS.replace(/[()]/g, "\\$&")}$|^interval not reliable: `));
    await box.getByLabel("N", { exact: true }).fill("-1");
    await box.getByRole("button", { name: "Predict" }).click();
    await box.getByTestId("loss-at-nd-invalid").waitFor();
    await box.getByLabel("N", { exact: true }).fill("1.3e10");
    await box.getByRole("button", { name: "Predict" }).click();
    await box.getByTestId("loss-at-nd-answer").waitFor();
    await box.scrollIntoViewIfNeeded();
    await shot("sweep-loss-at-nd");
    expect(unexpected()).toEqual([]);
  });
});
