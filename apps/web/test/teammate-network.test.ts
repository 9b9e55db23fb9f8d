import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_NOT_KEPT } from "../src/lib/auth-client";
import { startApp, type RunningApp } from "./app-server";
import { artifactsDir, launchBrowser, openPage } from "./browser";
import { createTeammateHost, type TeammateHost } from "./network-namespace";

/**
 * A teammate on the same network: Chromium in its own network namespace opens the dashboard by the
 * server's address over plain http (not localhost, where Chromium would keep even a Secure cookie).
 */
describe("a teammate signing in over http://<server address>:<port>", () => {
  let host: TeammateHost;
  let app: RunningApp;
  let browser: Browser;
  let url: string;
  beforeAll(async () => {
    host = createTeammateHost();
    app = await startApp();
    url = `http://${host.serverAddress}:${app.port}`;
    browser = await launchBrowser([], host.chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    host?.remove();
  });

  async function signInThroughForm(page: Page): Promise<void> {
    await page.goto(`${url}/sign-in`);
    const form = page.getByTestId("sign-in-form");
    await form.locator('input[name="email"]').fill("owner@demo.scalecast.dev");
    await form.locator('input[name="password"]').fill("scalecast-demo");
    await form.getByRole("button", { name: "Sign in" }).click();
  }

  it("reaches the server from the other namespace (as the peer address, not loopback)", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${url}/api/health`);
    expect(response?.status()).toBe(200);
    await page.close();
  });

  it("signs in through the sign-in form and lands on the dashboard signed in", async () => {
    const { page, problems } = await openPage(browser);
    await signInThroughForm(page);
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toBe("/");
    await expect.poll(() => page.getByTestId("account").count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId("team-overview").count(), { timeout: 30_000 }).toBe(3);
    const cookies = await page.context().cookies(url);
    expect(cookies.map((c) => [c.name, c.secure])).toContainEqual(["better-auth.session_token", false]);
    // Still signed in on a fresh load (the cookie is kept, not only the client's state).
    await page.reload();
    await expect.poll(() => page.getByTestId("account").count(), { timeout: 30_000 }).toBe(1);
    expect(page.url()).not.toContain("/sign-in");
    await page.screenshot({ path: join(artifactsDir, "teammate-signed-in.png") });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("says so on the sign-in page when the browser does not keep the session cookie", async () => {
    const page = await browser.newPage();
    // A browser that refuses the cookie: the sign-in response reaches the page without its Set-Cookie
    // (route.fetch shares the context's cookie jar, so that is emptied too).
    await page.route("**/api/auth/sign-in/email", async (route) => {
      const response = await route.fetch();
      await page.context().clearCookies();
      const headers = Object.fromEntries(Object.entries(response.headers()).filter(([name]) => name !== "set-cookie"));
      await route.fulfill({ response, headers });
    });
    await signInThroughForm(page);
    await expect.poll(() => page.getByTestId("sign-in-form").getByRole("alert").textContent(), { timeout: 30_000 }).toBe(SESSION_NOT_KEPT);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await page.close();
  });
});
