import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type APIRequestContext, type Browser, type Page } from "playwright-core";

/** Screenshots land here (kept as test artifacts, git-ignored). */
export const artifactsDir = resolve(dirname(fileURLToPath(import.meta.url)), "../test-results");

/**
 * Chromium flags that lift the 60 Hz frame cap (no vsync, frames produced as fast as the page draws them), so
 * a frame-rate measurement shows what the page can do rather than the display's refresh rate.
 */
export const UNCAPPED_FRAME_RATE = ["--disable-frame-rate-limit", "--disable-gpu-vsync"];

/**
 * Debian's Chromium, driven by playwright-core (Playwright's own browser download cannot run here); a fresh
 * profile each launch. `executablePath` may be a wrapper that runs Chromium elsewhere (another network namespace).
 */
export async function launchBrowser(extraArgs: readonly string[] = [], executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"): Promise<Browser> {
  mkdirSync(artifactsDir, { recursive: true });
  return chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

/** Opens a page that records console errors and failed requests, so a test can assert there were none. */
export async function openPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    // A read the page cancels itself (a superseded route prefetch, a query refetched or left by navigation)
    // ends as ERR_ABORTED: not a failure. Server errors are caught by status below; aborted writes still count.
    if (request.failure()?.errorText === "net::ERR_ABORTED" && request.method() === "GET") return;
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? "unknown"})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { page, problems };
}

/** Creates an account through better-auth's endpoint; the session cookie lands in the page's browser context. */
export async function signUpInPage(page: Page, baseUrl: string, email: string, password = "correct horse battery"): Promise<void> {
  // Through the page's request context: it shares the browser's cookie jar, and a redirect of the open
  // page cannot abort it half-way.
  const response = await page.request.post(`${baseUrl}/api/auth/sign-up/email`, {
    data: { name: "Test User", email, password },
    headers: { origin: baseUrl },
  });
  if (response.status() !== 200) throw new Error(`sign-up answered ${response.status()}: ${await response.text()}`);
}

/** Signs the seeded demo owner (owner of every demo team, the demo's instance admin) in; the session cookie lands in `request`'s jar. */
export async function signInDemoOwner(request: APIRequestContext, baseUrl: string): Promise<void> {
  const response = await request.post(`${baseUrl}/api/auth/sign-in/email`, {
    data: { email: "owner@demo.scalecast.dev", password: "scalecast-demo" },
    headers: { origin: baseUrl },
  });
  if (response.status() !== 200) throw new Error(`demo owner sign-in answered ${response.status()}: ${await response.text()}`);
}
