/**
 * Same-site request forgery as a browser does it: the demo owner is signed in to the app, and a page on
 * another port of the same host (same site, so Chromium sends the session cookie along) submits a
 * text/plain form whose body is a valid run in JSON to POST /api/v1/runs. The app answers 415 and writes
 * nothing; before, the run was stored as the owner's.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, signInDemoOwner } from "./browser";
import { startApp, type RunningApp } from "./app-server";

/**
 * A page that posts `json` to `action` as a text/plain form as soon as it loads. Such a form sends
 * "name=value", so the JSON is cut at its one "=" (inside the run key) into the field's name and value.
 */
function formPage(action: string, json: string): string {
  const at = json.indexOf("=");
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/'/g, "&#39;");
  return `<!doctype html><form method="POST" action="${action}" enctype="text/plain"><input name='${escape(json.slice(0, at))}' value='${escape(json.slice(at + 1))}'></form><script>document.forms[0].submit()</script>`;
}

describe("a form on another port of the host, while the owner is signed in", () => {
  let app: RunningApp;
  let browser: Browser;
  let attacker: Server;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    attacker?.close();
    await browser?.close();
    await app?.stop();
  });

  it("POST /api/v1/runs answers 415 and stores nothing", async () => {
    const { page } = await openPage(browser);
    await signInDemoOwner(page.request, app.url);
    const input = encodeURIComponent(JSON.stringify({ json: { slug: "pretraining" } }));
    const team = (await (await page.request.get(`${app.url}/api/trpc/team.get?input=${input}`)).json()) as { result: { data: { json: { id: string } } } };
    const sweeps = (await (
      await page.request.get(`${app.url}/api/trpc/sweep.list?input=${encodeURIComponent(JSON.stringify({ json: { teamId: team.result.data.json.id } }))}`)
    ).json()) as { result: { data: { json: { id: string; name: string }[] } } };
    const sweepId = sweeps.result.data.json.find((s) => s.name === "IsoFLOP grid")!.id;
    const runKeys = async () => ((await (await page.request.get(`${app.url}/api/v1/sweeps/${sweepId}`)).json()) as { runs: { runKey: string }[] }).runs.map((r) => r.runKey);

    const run = JSON.stringify({ sweepId, scales: { N: 1e8, D: 2e9 }, metrics: { loss: 3.1 }, runKey: "forged=by-form" });
    attacker = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(formPage(`${app.url}/api/v1/runs`, run)));
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    const attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;

    const answered = page.waitForResponse((response) => response.url() === `${app.url}/api/v1/runs`);
    await page.goto(attackerUrl);
    const response = await answered;
    // Same site: Chromium sent the owner's session cookie with the forged form.
    expect((await response.request().allHeaders()).cookie).toContain("session_token");
    expect(response.status()).toBe(415);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^a write signed in with a session cookie must send Content-Type: application\/json \(got "text\/plain"\)/);
    expect(await runKeys()).not.toContain("forged=by-form");
  });
});
