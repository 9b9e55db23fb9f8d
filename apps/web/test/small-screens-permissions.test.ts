/**
 * Small screens and permissions, in Chromium against `npm start`'s server: below 700 px the navigation is a
 * Menu button; a reader outside a team sees no write controls of that team, only lines saying who can;
 * revoking a token, removing a member and deleting runs ask in a dialog first; a new token has a copy
 * button; the curl snippet names the picked sweep's own axes and metric and logs a run as it stands.
 * Screenshots at 1920×1080 and 390 px wide.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { RouterOutputs } from "@scalecast/api";
import { transformer } from "@scalecast/api/transformer";
import { artifactsDir, openPage, signUpInPage } from "./browser";
import { openSignUp, type RunningApp } from "./app-server";
import { openDemoOwnerSession } from "./demo-session";

const run = promisify(execFile);

let app: RunningApp;
let browser: Browser;
let page: Page;
let problems: string[];
openDemoOwnerSession((session) => ({ app, browser, page, problems } = session));

/** A tRPC call as `on`'s signed-in user. */
async function trpc<T>(on: Page, kind: "query" | "mutate", path: string, input: unknown): Promise<T> {
  const response =
    kind === "query"
      ? await on.request.get(`${app.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(transformer.serialize(input)))}`)
      : await on.request.post(`${app.url}/api/trpc/${path}`, { data: transformer.serialize(input), headers: { origin: app.url } });
  expect(response.status(), await response.text()).toBe(200);
  return transformer.deserialize(((await response.json()) as { result: { data: unknown } }).result.data) as T;
}

/**
 * How wide the page scrolls, and the elements sticking out past the window's right edge (the outermost of
 * each, by test id or tag and class) to name in a failure.
 */
function pageWidth(on: Page): Promise<{ width: number; sticking: string[] }> {
  return on.evaluate(() => {
    const sticksOut = (e: Element) => e.getBoundingClientRect().right > window.innerWidth + 1;
    const sticking = [...document.body.querySelectorAll("*")]
      .filter((e) => sticksOut(e) && !(e.parentElement && sticksOut(e.parentElement)))
      .map((e) => (e as HTMLElement).dataset.testid ?? `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`);
    return { width: document.documentElement.scrollWidth, sticking };
  });
}

/** Screenshots at 390 px wide then 1920×1080 (left there); at 390 px nothing may stick out sideways. */
async function shots(on: Page, name: string) {
  await on.evaluate(() => window.scrollTo(0, 0));
  await on.setViewportSize({ width: 390, height: 844 });
  await on.screenshot({ path: join(artifactsDir, `${name}-390.png`), fullPage: true });
  const { width, sticking } = await pageWidth(on);
  expect(width, `sticking out: ${sticking.join(", ")}`).toBeLessThanOrEqual(390);
  await on.setViewportSize({ width: 1920, height: 1080 });
  await on.evaluate(() => window.scrollTo(0, 0));
  await on.screenshot({ path: join(artifactsDir, `${name}-1920.png`), fullPage: true });
}

type Team = RouterOutputs["team"]["get"];

describe("small screens", () => {
  it("collapses the navigation into a menu below 700 px, which opens, navigates and closes", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/`);
    const toggle = page.getByTestId("nav-toggle");
    await toggle.waitFor();
    expect(await page.locator("#main-nav").isVisible()).toBe(false);
    expect((await pageWidth(page)).width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(artifactsDir, "nav-closed-390.png") });
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await page.locator("#main-nav").getByRole("link", { name: "Plan" }).waitFor();
    await page.screenshot({ path: join(artifactsDir, "nav-open-390.png") });
    // Escape closes it; a link followed closes it too.
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#main-nav").isVisible()).toBe(false);
    await toggle.click();
    await page.locator("#main-nav").getByRole("link", { name: "Plan" }).click();
    await page.waitForURL(/\/plan$/);
    await expect.poll(() => page.locator("#main-nav").isVisible()).toBe(false);

    // From 700 px up the links are a row and there is no menu button.
    for (const width of [700, 1920]) {
      await page.setViewportSize({ width, height: 1080 });
      expect(await toggle.isVisible(), `${width} px`).toBe(false);
      expect(await page.locator("#main-nav").getByRole("link", { name: "Settings" }).isVisible(), `${width} px`).toBe(true);
    }
    await page.screenshot({ path: join(artifactsDir, "nav-1920.png") });
    expect(problems).toEqual([]);
  });
});

describe("permissions", () => {
  let reader: Page;
  let readerProblems: string[];

  it("shows a reader outside a team no write controls of it, and says who can", async () => {
    await openSignUp(app.url);
    ({ page: reader, problems: readerProblems } = await openPage(browser));
    await signUpInPage(reader, app.url, "reader@example.com");
    const sweep = (await trpc<RouterOutputs["sweep"]["list"]>(reader, "query", "sweep.list", undefined)).find((s) => s.name === "IsoFLOP grid")!;
    await reader.setViewportSize({ width: 1920, height: 1080 });
    await reader.goto(`${app.url}/sweeps/${sweep.id}`);
    await expect.poll(() => reader.getByTestId("write-locked").innerText(), { timeout: 60_000 }).toBe(
      "Only members of team Pretraining (or its API tokens) can fit this sweep again. Ask an owner (Demo Owner) to add you.",
    );
    expect(await reader.getByRole("button", { name: "Fit again" }).count()).toBe(0);
    await reader.getByTestId("param-table").waitFor({ timeout: 60_000 });
    await shots(reader, "permissions-sweep-reader");

    await reader.goto(`${app.url}/settings?team=pretraining`);
    await expect.poll(() => reader.getByTestId("owners-only").innerText()).toContain(
      "Only owners of team Pretraining can invite people and create or revoke its API tokens. Ask an owner (Demo Owner).",
    );
    expect(await reader.getByTestId("members-locked").innerText()).toBe("Only owners of team Pretraining can add or remove members. Ask an owner (Demo Owner).");
    expect(await reader.getByTestId("methodologies-locked").innerText()).toBe("Only members of team Pretraining can add methodologies and sweeps. Ask an owner (Demo Owner) to add you.");
    for (const name of ["Remove", "Revoke", "Create token", "Add member", "Add methodology", "Add sweep"]) {
      expect(await reader.getByRole("button", { name }).count(), name).toBe(0);
    }
    await shots(reader, "permissions-settings-reader");
    expect(readerProblems).toEqual([]);
  });

  it("gives a new token a copy button, and the snippet names the picked sweep's axes and metric and logs a run as shown", async () => {
    const team = await trpc<Team>(page, "query", "team.get", { slug: "pretraining" });
    const methodology = await trpc<{ id: string; name: string }>(page, "mutate", "methodology.create", { teamId: team.id, name: "Tokenizer v4" });
    const sweep = await trpc<{ id: string }>(page, "mutate", "sweep.create", { methodologyId: methodology.id, name: "Bits per byte", axes: ["N", "D"], metric: "val_bpb", direction: "lower" });
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
    await page.goto(`${app.url}/settings?team=pretraining`);
    const tokens = page.getByTestId("tokens");
    await expect.poll(async () => (await tokens.getByLabel("Token name").fill("script"), tokens.getByLabel("Token name").inputValue())).toBe("script");
    await tokens.getByRole("button", { name: "Create token" }).click();
    const token = await page.getByTestId("token-value").innerText();
    await page.getByTestId("copy-token").click();
    await expect.poll(() => page.getByTestId("copy-token").innerText()).toBe("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

    await page.getByTestId("snippet-sweep").selectOption(sweep.id);
    const curl = await page.getByTestId("curl-snippet").innerText();
    expect(curl).toContain(`"methodology": "Tokenizer v4", "sweep": "Bits per byte"`);
    expect(curl).toContain(`"scales": {"N": 1e8, "D": 1e9}, "metrics": {"val_bpb": 2.91}`);
    expect(await page.getByTestId("python-snippet").innerText()).toContain(`"metrics": {"val_bpb": 2.91}`);
    await shots(page, "token-copy-snippet");
    // The snippet as printed logs the run.
    await run("bash", ["-c", `set -e; out=$(${curl} -sS -w '%{http_code}' -o /dev/null); test "$out" = 201 -o "$out" = 200`]);
    const stored = await trpc<RouterOutputs["sweep"]["get"]>(page, "query", "sweep.get", { sweepId: sweep.id });
    expect(stored.runs.map((r) => [r.runKey, r.scales, r.metrics])).toEqual([["run-42", { N: 1e8, D: 1e9 }, { val_bpb: 2.91 }]]);
    expect(problems).toEqual([]);
  });

  it("asks before revoking a token, removing a member and deleting runs; Cancel keeps them", async () => {
    await page.goto(`${app.url}/settings?team=pretraining`);
    const row = page.getByTestId("tokens").locator("tr", { hasText: "script" });
    await expect.poll(() => row.innerText()).toContain("active");
    await row.getByRole("button", { name: "Revoke" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.innerText()).toContain("Revoke the token “script”?");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(artifactsDir, "confirm-revoke-390.png") });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: join(artifactsDir, "confirm-revoke-1920.png") });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await row.innerText()).toContain("active");
    await row.getByRole("button", { name: "Revoke" }).click();
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await expect.poll(() => row.innerText()).toContain("revoked");

    // A member added, then removed after the dialog.
    const members = page.getByTestId("members");
    await members.getByLabel("Email").fill("reader@example.com");
    await members.getByRole("button", { name: "Add member" }).click();
    const readerRow = members.locator("tr", { hasText: "reader@example.com" });
    await readerRow.waitFor();
    await readerRow.getByRole("button", { name: "Remove" }).click();
    await expect.poll(() => page.getByRole("dialog").innerText()).toContain("Remove Test User from Pretraining?");
    await page.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
    await expect.poll(() => readerRow.count()).toBe(0);

    // Runs: selected, asked about, deleted.
    const sweep = (await trpc<RouterOutputs["sweep"]["list"]>(page, "query", "sweep.list", undefined)).find((s) => s.name === "Bits per byte")!;
    await trpc(page, "mutate", "run.ingest", { sweepId: sweep.id, runs: [{ runKey: "run-43", scales: { N: 2e8, D: 2e9 }, metrics: { val_bpb: 2.7 } }] });
    await page.goto(`${app.url}/sweeps/${sweep.id}`);
    await expect.poll(() => page.getByTestId("run-row").count(), { timeout: 30_000 }).toBe(2);
    await page.getByLabel("select run run-42").check();
    await page.getByTestId("delete-runs").click();
    await expect.poll(() => page.getByTestId("delete-runs-dialog").innerText()).toContain("Delete 1 run for good?");
    await page.screenshot({ path: join(artifactsDir, "confirm-delete-run-1920.png") });
    await page.getByTestId("delete-runs-cancel").click();
    expect(await page.getByTestId("run-row").count()).toBe(2);
    await page.getByTestId("delete-runs").click();
    await page.getByTestId("delete-runs-confirm").click();
    await expect.poll(() => page.getByTestId("run-row").count()).toBe(1);
    expect(await page.getByTestId("run-trail").innerText()).toContain("run-42 deleted by Demo Owner");
    expect(problems).toEqual([]);
  });
});
