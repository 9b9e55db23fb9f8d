import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { transformer } from "@scalecast/api/transformer";
import { artifactsDir } from "./browser";
import type { RunningApp } from "./app-server";
import { openDemoOwnerSession } from "./demo-session";

/**
 * Excluding a run from the Sweep view's run table: the row is struck through, its point hollow, the trail says who
 * and why; including it again undoes it. Adding a run outside the metric's bounds is refused next to the field.
 */

let app: RunningApp;
let page: Page;
let problems: string[];
openDemoOwnerSession((session) => ({ app, page, problems } = session));

async function query<T>(path: string, input: unknown): Promise<T> {
  const response = await page.request.get(`${app.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(transformer.serialize(input)))}`);
  expect(response.status()).toBe(200);
  return transformer.deserialize(((await response.json()) as { result: { data: unknown } }).result.data) as T;
}

describe("the Sweep view", () => {
  it("excludes a selected run with a reason (struck-through row, hollow marker, trail) and includes it again", async () => {
    const team = await query<{ id: string }>("team.get", { slug: "pretraining" });
    const sweeps = await query<{ id: string; name: string }[]>("sweep.list", { teamId: team.id });
    const sweep = sweeps.find((s) => s.name === "IsoFLOP grid")!;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${app.url}/sweeps/${sweep.id}`);
    const table = page.getByTestId("run-table");
    await table.locator("tbody tr").first().waitFor({ timeout: 60_000 });
    const chart = page.getByTestId("sweep-chart");
    expect(await chart.getAttribute("data-hollow")).toBe("0");

    const row = table.getByTestId("run-row").first();
    const runKey = (await row.getAttribute("data-run-key"))!;
    await row.getByRole("checkbox").check();
    const actions = page.getByTestId("run-actions");
    expect(await actions.innerText()).toContain(runKey);
    await actions.getByTestId("exclude-reason").fill("loss spike after a restart");
    await actions.getByTestId("exclude-runs").click();

    const excludedRow = table.locator(`tr[data-run-key="${runKey}"]`);
    await expect.poll(() => excludedRow.getAttribute("class"), { timeout: 30_000 }).toBe("excluded");
    expect(await excludedRow.locator("td").nth(2).evaluate((td) => getComputedStyle(td).textDecorationLine)).toBe("line-through");
    await expect.poll(() => chart.getAttribute("data-hollow"), { timeout: 30_000 }).toBe("1");
    await expect.poll(() => page.getByTestId("run-trail").innerText(), { timeout: 30_000 }).toMatch(
      new RegExp(`${runKey} excluded by .*owner@demo\\.scalecast\\.dev.* UTC: loss spike after a restart`),
    );
    await excludedRow.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactsDir, "sweep-run-excluded.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(artifactsDir, "sweep-run-excluded-narrow.png"), fullPage: true });
    await page.setViewportSize({ width: 1920, height: 1080 });

    await excludedRow.getByRole("checkbox").check();
    await actions.getByTestId("include-runs").click();
    await expect.poll(() => excludedRow.getAttribute("class"), { timeout: 30_000 }).toBeNull();
    await expect.poll(() => chart.getAttribute("data-hollow"), { timeout: 30_000 }).toBe("0");
    expect(await page.getByTestId("run-trail").innerText()).toMatch(new RegExp(`${runKey} included again by`));
    expect(problems).toEqual([]);
  });

  it("Add one run names a value outside the metric's bounds next to its field and adds nothing", async () => {
    const form = page.getByTestId("add-run");
    const rows = await page.getByTestId("run-row").count();
    await page.getByTestId("add-run-scales.N").fill("1e8");
    await page.getByTestId("add-run-scales.D").fill("2e9");
    await page.getByTestId("add-run-metrics.loss").fill("0");
    await form.getByTestId("add-run-submit").click();
    const error = form.locator("label", { has: page.getByTestId("add-run-metrics.loss") }).getByTestId("add-run-field-error");
    await expect.poll(() => error.innerText(), { timeout: 30_000 }).toBe("loss = 0 is outside the metric's bounds (0, ∞)");
    expect(await page.getByTestId("run-row").count()).toBe(rows);
    // The refused run answered 400 on purpose (the browser logs it too); nothing else went wrong.
    expect(problems.filter((p) => !p.startsWith("HTTP 400: ") && !p.includes("status of 400"))).toEqual([]);
  });
});
