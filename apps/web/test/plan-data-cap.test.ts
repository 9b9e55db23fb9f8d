/**
 * The Plan view under a unique-token cap, in Chromium against `npm start`'s server: the C4 preset's plan
 * with and without the cap (numbers from core, computed here independently of the page), the range warning,
 * the recipes chart, the messages for a bad cap and for a law that cannot take one, and a team's stored
 * data-constrained fit planned by the server with intervals over its bootstrap draws.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  DATA_CAP_MESSAGES,
  MUENNIGHOFF_C4,
  planUnderDataCap,
  predictDataConstrained,
  PUBLISHED_DATA_CONSTRAINED_LAWS,
  PUBLISHED_LAWS,
  type DataConstrainedParams,
} from "@scalecast/core";
import { formatScale, formatScore } from "../src/lib/format";
import { artifactsDir } from "./browser";
import type { RunningApp } from "./app-server";
import { callTrpc, openDemoOwnerSession } from "./demo-session";

let app: RunningApp;
let page: Page;
let problems: string[];
openDemoOwnerSession((session) => ({ app, page, problems } = session));

const text = (testId: string) => page.getByTestId(testId).first().innerText();

/** A tRPC call as the page's signed-in user. */
const trpc = (kind: "query" | "mutate", path: string, input: unknown) => callTrpc<any>(page, app.url, path, input, kind === "query" ? "GET" : "POST");

/** Sets the budget slider and the cap field, again until they take (a fill before hydration is lost). */
async function planAt(log10Budget: string, uniqueTokens: string) {
  await expect.poll(async () => (await page.locator("#budget").fill(log10Budget), text("budget"))).toContain(`1e${log10Budget}`);
  await expect.poll(async () => (await page.getByTestId("unique-tokens").fill(uniqueTokens), page.getByTestId("unique-tokens").inputValue())).toBe(uniqueTokens);
}

describe("Plan view with a unique-token cap", () => {
  it("plans 1e22 FLOPs with 50B unique tokens from the C4 preset: the capped and unlimited plans side by side, as core computes them", async () => {
    await page.goto(`${app.url}/plan?law=muennighoff-2023-c4`);
    await planAt("22", "5e10");
    const preset = PUBLISHED_DATA_CONSTRAINED_LAWS["muennighoff-2023-c4"];
    const expected = planUnderDataCap(preset.params, { compute: 1e22, uniqueTokens: 5e10, fittedRange: preset.fittedRange });
    await expect.poll(() => text("cap-n")).toBe(formatScale(expected.capped.n));
    expect(await text("cap-epochs")).toBe(formatScore(expected.capped.epochs));
    expect(await text("cap-loss")).toBe(formatScore(expected.capped.loss));
    expect(await text("unlimited-n")).toBe(formatScale(expected.unlimited.n));
    expect(await text("unlimited-loss")).toBe(formatScore(expected.unlimited.loss));
    const plan = await text("cap-plan");
    expect(plan).toContain(formatScore(expected.lossGap));
    expect(plan).toContain(`≈ ${formatScale(expected.extraData.equivalentCompute!)} FLOPs`);
    expect(await text("cap-binding")).toContain("bind");
    expect(await text("cap-warnings")).toBe(expected.warnings[0]);
    // The recipes chart draws the four published allocations.
    await expect.poll(() => page.getByTestId("plan-recipes").locator("path[data-curve]").count()).toBeGreaterThanOrEqual(4);
    expect(problems).toEqual([]);
  });

  it("says what is wrong with a cap that is not a number, and with a law that cannot take a cap", async () => {
    await page.goto(`${app.url}/plan?law=muennighoff-2023-c4`);
    await planAt("21", "lots");
    await expect.poll(() => text("cap-error")).toBe(DATA_CAP_MESSAGES.badUniqueTokens("lots"));
    await page.goto(`${app.url}/plan?law=epoch-2024`);
    await planAt("21", "5e10");
    await expect.poll(() => text("cap-error")).toBe(DATA_CAP_MESSAGES.needsDataConstrained(PUBLISHED_LAWS["epoch-2024"].source));
    // The plan with unlimited data is still there.
    expect(await text("plan-results")).toMatch(/Compute-optimal N\s+\S+/);
    expect(problems).toEqual([]);
  });

  it("plans from a team's data-constrained fit on the server; without repeated data its draws cannot stand behind intervals, and it says why", async () => {
    const team = await trpc("query", "team.get", { slug: "pretraining" });
    const methodology = await trpc("mutate", "methodology.create", { teamId: team.id, name: "Repeated data" });
    // A sweep without unique tokens U, so U is D here (no repeats): R_N* is informed by the sizes beyond
    // each run's compute-optimal N, R_D* only by its start.
    const sweep = await trpc("mutate", "sweep.create", { methodologyId: methodology.id, name: "Single-epoch grid", axes: ["N", "D"], metric: "loss", direction: "lower", pinnedModel: "data-constrained" });
    const truth: DataConstrainedParams = { ...MUENNIGHOFF_C4, RDstar: 10, RNstar: 4 };
    const runs = [1e18, 1e19, 1e20, 1e21].flatMap((c, i) =>
      [0.1, 0.3, 1, 3, 10].map((f, j) => {
        const n = f * Math.sqrt(c / 120);
        const d = c / (6 * n);
        return { runKey: `r-${i}-${j}`, scales: { N: n, D: d }, metrics: { loss: predictDataConstrained(truth, { n, d }) * (1 + 0.004 * Math.sin(5 * i + j)) } };
      }),
    );
    await trpc("mutate", "run.ingest", { sweepId: sweep.id, runs });
    const fit = await trpc("mutate", "fit.create", { sweepId: sweep.id, model: "data-constrained", bootstrap: 20, seed: 1 });

    await page.goto(`${app.url}/plan?fit=${fit.id}`);
    await planAt("22", "2e9");
    const expected = planUnderDataCap(fit.params as DataConstrainedParams, { compute: 1e22, uniqueTokens: 2e9 });
    await expect.poll(() => text("cap-n"), { timeout: 30_000 }).toBe(formatScale(expected.capped.n));
    // Every draw keeps the same R_D* (no run repeats data), which the capped plan turns on: no interval is shown.
    expect(await text("cap-intervals")).toMatch(/^No intervals from the fit's 20 bootstrap draws: the fit is degenerate: the bootstrap draws collapsed: RDstar/);
    expect(await text("cap-warnings")).toContain("compute budget (FLOPs) 1.00e+22 is outside the range the law was fitted on");
    await page.screenshot({ path: join(artifactsDir, "plan-data-cap.png"), fullPage: true });
    expect(problems).toEqual([]);
  });
});
