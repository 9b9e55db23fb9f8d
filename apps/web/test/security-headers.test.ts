import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { freePort, openSignUp, startApp, type RunningApp } from "./app-server";
import { launchBrowser, signUpInPage } from "./browser";

const EXPECTED = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe("security headers", () => {
  it("are sent by every page, the app's API routes, static files and the REST API", async () => {
    const signIn = await (await fetch(`${app.url}/sign-in`)).text();
    const script = /\/_next\/static\/[^"]+\.js/.exec(signIn)?.[0];
    expect(script).toBeDefined();
    const paths = [
      "/",
      "/sign-in",
      "/settings",
      "/compare",
      "/plan",
      "/meeting",
      "/sweeps/no-such-sweep",
      "/no-such-page",
      "/api/health",
      "/api/trpc/team.list",
      "/api/auth/get-session",
      "/api/v1/sweeps",
      "/api/v1/no-such-endpoint",
      script!,
    ];
    const missing: string[] = [];
    for (const path of paths) {
      const response = await fetch(`${app.url}${path}`, { redirect: "manual" });
      await response.arrayBuffer();
      const csp = response.headers.get("content-security-policy") ?? "";
      for (const [name, value] of Object.entries(EXPECTED)) {
        if (response.headers.get(name) !== value) missing.push(`${path} (${response.status}): ${name}=${response.headers.get(name)}`);
      }
      for (const directive of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"]) {
        if (!csp.split(/;\s*/).includes(directive)) missing.push(`${path} (${response.status}): CSP lacks ${directive}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("keep a signed-in page out of a frame on another port of the same host", async () => {
    let browser: Browser | undefined;
    let attacker: Server | undefined;
    try {
      browser = await launchBrowser();
      const page = await browser.newPage();
      const blocked: string[] = [];
      page.on("console", (message) => {
        if (/frame-ancestors|X-Frame-Options/.test(message.text())) blocked.push(message.text());
      });
      await openSignUp(app.url);
      await signUpInPage(page, app.url, "framed@example.com");
      // Signed in: the settings page shows the teams panel when opened directly.
      await page.goto(`${app.url}/settings`);
      await expect.poll(() => page.getByRole("heading", { name: "Teams" }).count(), { timeout: 30_000 }).toBe(1);

      const port = await freePort();
      attacker = createServer((_req, res) => {
        res.setHeader("content-type", "text/html");
        res.end(`<!doctype html><iframe id="victim" src="${app.url}/settings" width="1000" height="700"></iframe>`);
      });
      await new Promise<void>((listening) => attacker!.listen(port, "127.0.0.1", listening));
      await page.goto(`http://127.0.0.1:${port}/`);
      const framedTeams = async () => {
        const frame = page.frames().find((f) => f !== page.mainFrame());
        return frame ? frame.getByRole("heading", { name: "Teams" }).count().catch(() => 0) : 0;
      };
      // Either the browser refuses the frame (and says so in the console) or the settings page shows in it.
      await expect.poll(async () => blocked.length + (await framedTeams()), { timeout: 30_000 }).toBeGreaterThan(0);
      expect({ refused: blocked.length > 0, framedTeams: await framedTeams() }).toEqual({ refused: true, framedTeams: 0 });
    } finally {
      await browser?.close();
      attacker?.close();
    }
  });
});
