import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { RunningApp } from "./app-server";
import { callTrpc, openDemoOwnerSession } from "./demo-session";

/**
 * Reads only read, as the Sweep view shows it: a new sweep's runs appear at once beside its fit status
 * ("fitting…", then "fit failed: <reason>" when the job cannot fit them), and runs added on the page bring
 * the fit in when the server's fit worker stores it, without a reload (the page polls while a fit is pending).
 */

let app: RunningApp;
let page: Page;
let problems: string[];
openDemoOwnerSession((session) => ({ app, page, problems } = session));

const call = <T>(path: string, input: unknown, method: "GET" | "POST") => callTrpc<T>(page, app.url, path, input, method);

const run = (i: number) => ({ runKey: `d${i}`, scales: { D: 1e6 * 2 ** i }, metrics: { loss: 8 * (1e6 * 2 ** i) ** -0.12 * (1 + 0.01 * Math.sin(i)) } });

describe("fit status on the Sweep view", () => {
  it("shows a new sweep's runs with its fit status, the failure's reason, and the fit once the job stored it, without a reload", async () => {
    const team = await call<{ id: string }>("team.get", { slug: "pretraining" }, "GET");
    const methodology = await call<{ id: string }>("methodology.create", { teamId: team.id, name: `fit status ${Date.now()}` }, "POST");
    const sweep = await call<{ id: string }>(
      "sweep.create",
      { methodologyId: methodology.id, name: "data size", axes: ["D"], metric: "loss", direction: "lower", pinnedModel: "power-law" },
      "POST",
    );
    // One run: too few for any law, so the job settles "failed" with core's reason.
    await call("run.ingest", { sweepId: sweep.id, runs: [run(0)] }, "POST");

    await page.goto(`${app.url}/sweeps/${sweep.id}`);
    await expect.poll(() => page.getByTestId("run-table").locator("tbody tr").count(), { timeout: 60_000 }).toBe(1);
    // The status beside the chart's heading (model selection has its own).
    const status = page.locator("h2", { hasText: "Runs and fitted" }).getByTestId("fit-status");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 120_000 }).toBe("failed");
    expect(await status.innerText()).toMatch(/^fit failed: sweep "data size": /);
    expect(await page.getByTestId("fit-failed").innerText()).toMatch(/^sweep "data size": /);

    // Every status the page shows from here on is recorded; a reload would drop the marker.
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { fitStatusesSeen: seen, notReloaded: true });
      new MutationObserver(() => {
        for (const badge of document.querySelectorAll('h2 [data-testid="fit-status"]')) seen.push(badge.getAttribute("data-state") ?? "");
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const csv = ["run_key,D,loss", ...Array.from({ length: 9 }, (_, k) => run(k + 1)).map((r) => `${r.runKey},${r.scales.D},${r.metrics.loss}`)].join("\n");
    await page.getByTestId("import-content").fill(csv);
    await page.getByTestId("import-submit").click();
    await expect.poll(() => page.getByTestId("import-result").innerText(), { timeout: 30_000 }).toContain("9 runs added");
    await expect.poll(() => page.getByTestId("fit-draws").innerText().catch(() => ""), { timeout: 120_000 }).toMatch(/^10 points · \d+ bootstrap draws · current$/);
    await page.getByTestId("param-table").waitFor();
    expect(await status.count()).toBe(0);
    const seen = await page.evaluate(() => (window as unknown as { fitStatusesSeen: string[]; notReloaded?: boolean }).fitStatusesSeen);
    expect(seen.filter((s) => s !== "failed").every((s) => s === "fitting")).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    // The backtest panel backtests the single run as soon as the page knows Ada may: a 400 on purpose.
    const backtestOfOneRun = (p: string) => /^HTTP 400: .*\/api\/trpc\/analysis\.backtest/.test(p) || p === "console error: Failed to load resource: the server responded with a status of 400 (Bad Request)";
    expect(problems.filter((p) => !backtestOfOneRun(p))).toEqual([]);
  }, 360_000); // waits for the server's fit worker (twice)
});
