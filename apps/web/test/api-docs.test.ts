import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { artifactsDir, launchBrowser, openPage } from "./browser";
import { startApp, type RunningApp } from "./app-server";

/**
 * The API reference at /api/docs: Swagger UI, bundled with the app, draws every operation of the OpenAPI
 * document for anyone (no sign-in), with no console error and no request leaving the app's origin.
 */

let browser: Browser;
let app: RunningApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startApp()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("the API reference page", () => {
  it("renders every REST operation from /api/v1/openapi.json without signing in, fetching nothing from elsewhere", async () => {
    const { page, problems } = await openPage(browser);
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    const document = (await (await page.request.get(`${app.url}/api/v1/openapi.json`)).json()) as { info: { title: string }; paths: Record<string, object> };
    const operations = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);

    await page.goto(`${app.url}/api/docs`);
    const reference = page.getByTestId("api-reference");
    await expect.poll(() => reference.locator(".opblock").count(), { timeout: 60_000 }).toBe(operations);
    expect(await reference.locator(".info .title").innerText()).toContain(document.info.title);
    expect(await reference.locator(".opblock-summary-path").allInnerTexts()).toContain("/api/v1/methodologies/{methodology}/sweeps/{sweep}");
    expect(page.url()).toBe(`${app.url}/api/docs`);

    // An operation opens with its parameters and answers.
    await reference.locator("#operations-default-postSweepsSweepIdFits .opblock-summary").click();
    await expect.poll(() => reference.locator("#operations-default-postSweepsSweepIdFits").innerText(), { timeout: 30_000 }).toContain("sweepId");
    await page.screenshot({ path: join(artifactsDir, "api-docs.png"), fullPage: false });

    expect(problems).toEqual([]);
    expect(requested.filter((url) => !url.startsWith(app.url) && !url.startsWith("data:") && !url.startsWith("blob:"))).toEqual([]);
  });
});
