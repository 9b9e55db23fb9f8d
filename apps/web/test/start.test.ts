import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { createScratchPostgres } from "@scalecast/db/testing";
import { artifactsDir, launchBrowser, openPage, signUpInPage } from "./browser";
import { freePort, openSignUp, runStartScript, startApp, type RunningApp } from "./app-server";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("npm start on the embedded database", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
    await openSignUp(app.url);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("answers GET /api/health with the embedded database and applied migrations", async () => {
    const response = await fetch(`${app.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "pglite", migrations: "up-to-date" });
  });

  it("signs in from a page of whichever name the server is reached by (not only localhost)", async () => {
    const signIn = (origin: string) =>
      fetch(`${app.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({ email: "owner@demo.scalecast.dev", password: "scalecast-demo" }),
      });
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect((await signIn(app.url)).status).toBe(200);
  });

  it("serves in production mode: an API error carries its message and no stack trace", async () => {
    const response = await fetch(`${app.url}/api/trpc/team.create`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"json":{}}' });
    expect(response.status).toBe(401);
    const { error } = (await response.json()) as { error: { json: { message: string; data: Record<string, unknown> } } };
    expect(error.json.message).toMatch(/^sign in/);
    expect(error.json.data).not.toHaveProperty("stack");
  });

  it("runs fits in worker threads in the built app, not on the request thread", () => {
    expect(app.output()).toMatch(/scalecast: fits run in up to \d+ worker thread\(s\)/);
  });

  it("shows the three seeded teams on the overview after sign-in, without console errors", async () => {
    const { page, problems } = await openPage(browser);
    await signUpInPage(page, app.url, "start@example.com");
    await page.goto(app.url);
    const cards = page.getByTestId("team-overview");
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(3);
    const text = await page.locator("main").innerText();
    for (const team of ["Pretraining", "Data", "Post-training"]) expect(text).toContain(team);
    expect(text).toContain("synthetic demo");
    await page.screenshot({ path: join(artifactsDir, "home.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("refuses a second instance on the same data folder with one clear line", async () => {
    const second = runStartScript({ PORT: String(await freePort()), SCALECAST_DATA_DIR: app.dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`scalecast: the data folder ${app.dataDir} is in use by another Scalecast process`);
    expect(second.output()).not.toMatch(/\n\s+at /);
  });

  it("refuses a port that is taken and names PORT", async () => {
    const run = runStartScript({ PORT: String(app.port) });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`scalecast: port ${app.port} is already in use; stop what uses it or choose another, e.g. PORT=${app.port + 1} npm start`);
  });
});

describe("stopping and starting again", () => {
  it("closes the embedded database on SIGTERM and keeps the data for the next start", async () => {
    const first = await startApp();
    const teamsBefore = await fetch(`${first.url}/api/trpc/team.list`).then((r) => r.json());
    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain("closing the database");

    const second = await startApp({ SCALECAST_DATA_DIR: first.dataDir });
    try {
      expect(second.output()).not.toContain("applied migration");
      expect(second.output()).not.toContain("seeded the demo organisation");
      const teamsAfter = await fetch(`${second.url}/api/trpc/team.list`).then((r) => r.json());
      expect(teamsAfter).toEqual(teamsBefore);
    } finally {
      await second.stop();
    }
  });
});

describe("bad configuration", () => {
  it.each([
    ["mysql://u@localhost/db", "scalecast: DATABASE_URL must start with postgresql:// (got mysql://); unset it to use the embedded database"],
    ["postgresql://u@127.0.0.1:1/db", "scalecast: cannot reach PostgreSQL at 127.0.0.1:1: connection refused (is the server running?)"],
  ])("DATABASE_URL=%s stops the start within seconds with one line", async (url, line) => {
    const started = Date.now();
    const run = runStartScript({ PORT: String(await freePort()), DATABASE_URL: url });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(line);
    expect(run.output()).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("names a data folder that cannot be used", async () => {
    const file = join(artifactsDir, "not-a-folder");
    writeFileSync(file, "");
    const run = runStartScript({ PORT: String(await freePort()), SCALECAST_DATA_DIR: join(file, "data") });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`scalecast: cannot use the data folder ${join(file, "data")}: ENOTDIR`);
  });
});

// Needs a server; SCALECAST_SKIP_PG=1 runs the suite on the embedded database only.
describe.skipIf(!inject("postgresUrl"))("npm start with DATABASE_URL", () => {
  it("migrates and seeds an empty PostgreSQL database and reports it in /api/health", async () => {
    const scratch = await createScratchPostgres(inject("postgresUrl"));
    const app = await startApp({ DATABASE_URL: scratch.url });
    try {
      expect(await fetch(`${app.url}/api/health`).then((r) => r.json())).toEqual({ status: "ok", db: "postgres", migrations: "up-to-date" });
      await openSignUp(app.url);
      const { page, problems } = await openPage(browser);
      await signUpInPage(page, app.url, "postgres@example.com");
      await page.goto(app.url);
      await expect.poll(() => page.getByTestId("team-overview").count(), { timeout: 30_000 }).toBe(3);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await app.stop();
      await scratch.drop();
    }
  });
});
