import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, openPage } from "./browser";
import { startApp, type RunningApp } from "./app-server";

/**
 * Who may sign up, in the dashboard of a fresh seeded install: a stranger is refused with the reason, the
 * demo owner (the demo's instance admin) limits sign-up to a domain on the Settings page, invites an
 * address to a team, and the invitee signs up through the link and lands in that team.
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

async function fillSignUp(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
}

describe("sign-up policy and invitations in the dashboard", () => {
  let invitationLink = "";

  it("refuses a stranger by default, saying sign-up is by invitation only", async () => {
    const { page } = await openPage(browser);
    await page.goto(`${app.url}/sign-in`);
    await page.getByRole("button", { name: "No account yet? Create one" }).click();
    await fillSignUp(page, "Stranger", "stranger@example.com");
    await expect.poll(() => page.locator(".form-error").innerText()).toBe("sign-up on this server is by invitation only; ask a team owner for an invitation");
    await page.close();
  });

  it("the admin limits sign-up to a domain and an owner invites an address to a team", async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel("Email").fill("owner@demo.scalecast.dev");
    await page.getByLabel("Password").fill("scalecast-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("account").waitFor();
    await page.goto(`${app.url}/settings?team=data`);
    const policy = page.getByTestId("sign-up-policy");
    await expect.poll(() => policy.innerText()).toContain("only people a team owner invited");
    await policy.getByLabel("Who may sign up").selectOption("domains");
    await policy.getByLabel("Domains", { exact: true }).fill("example.com");
    await policy.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => policy.innerText()).toContain("addresses at the listed domains (example.com)");

    const invitations = page.getByTestId("invitations");
    await invitations.getByLabel("Email").fill("newcomer@elsewhere.net");
    await invitations.getByRole("button", { name: "Invite" }).click();
    invitationLink = await page.getByTestId("invitation-link").locator("code").innerText();
    expect(invitationLink).toMatch(new RegExp(`^${app.url}/sign-in\\?invitation=[\\w-]{20,}$`));
    await expect.poll(() => invitations.locator("tbody").innerText()).toMatch(/newcomer@elsewhere\.net\s+member[\s\S]*pending/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("the invitee signs up through the link with an address outside the domains and lands in the team", async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(invitationLink);
    await page.getByTestId("invitation-note").waitFor();
    await fillSignUp(page, "Newcomer", "newcomer@elsewhere.net");
    await page.getByTestId("account").waitFor();
    await page.goto(`${app.url}/settings?team=data`);
    await page.getByText("You are a member of this team.").waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});
