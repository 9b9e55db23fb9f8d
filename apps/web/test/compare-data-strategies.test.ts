/**
 * The Compare page's Data strategies panel in Chromium against `npm start`'s server: two teams' data
 * methodologies, each an (N, D, U) sweep built from the datablations anchor's C4 law (read from the anchors,
 * never copied) and fitted by the app's worker as a data-constrained law, one with data that repeats worse;
 * the unique tokens of the second that match the first under a cap, as core computes them from the stored
 * fits; the messages for bad inputs and for a pair that is not two data-constrained fits on the same axes.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createRandom, DATA_STRATEGY_MESSAGES, predictDataConstrained, uniqueTokensToMatch, type DataConstrainedParams } from "@scalecast/core";
import { anchorsPresent, readAnchor, readAnchorCsv } from "../../../packages/core/test/anchors";
import { formatScale, formatScore } from "../src/lib/format";
import { artifactsDir } from "./browser";
import type { RunningApp } from "./app-server";
import { callTrpc, openDemoOwnerSession } from "./demo-session";

let app: RunningApp;
let page: Page;
let problems: string[];
openDemoOwnerSession((session) => ({ app, page, problems } = session));

const trpc = (kind: "query" | "mutate", path: string, input: unknown) => callTrpc<any>(page, app.url, path, input, kind === "query" ? "GET" : "POST");
const text = (testId: string) => page.getByTestId(testId).first().innerText();

/** The whole page and the panel alone, at 1920×1080 and 390 px wide. */
const shot = async (name: string) => {
  for (const [suffix, width, height] of [["", 1920, 1080], ["-narrow", 390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(artifactsDir, `${name}${suffix}.png`), fullPage: true });
    await page.getByTestId("data-strategies").screenshot({ path: join(artifactsDir, `${name}-panel${suffix}.png`) });
  }
  await page.setViewportSize({ width: 1400, height: 900 });
};

/** The datablations C4 law as published (published_params.json): the fixed base and R_D*, R_N*. */
function datablationsLaw(): DataConstrainedParams {
  const { c4_base_params: base, fitted } = JSON.parse(readAnchor("published_params.json")).datablations_muennighoff2023;
  return { ...base, RDstar: fitted.R_D_star, RNstar: fitted.R_N_star };
}

/** A data methodology of the team: an (N, D, U) sweep of the anchor's 182 runs with loss from `law` (0.3 % noise). */
async function dataMethodology(teamSlug: string, name: string, law: DataConstrainedParams) {
  const team = await trpc("query", "team.get", { slug: teamSlug });
  const methodology = await trpc("mutate", "methodology.create", { teamId: team.id, name });
  const sweep = await trpc("mutate", "sweep.create", { methodologyId: methodology.id, name: "Repeated-data grid", axes: ["N", "D", "U"], metric: "loss", direction: "lower", pinnedModel: "data-constrained" });
  const rng = createRandom(11);
  const runs = readAnchorCsv("datablations_c4_runs.csv").map((r) => {
    const [n, d, u] = [Number(r.params_N), Number(r.tokens_D), Number(r.unique_tokens_U)];
    return { runKey: r.name, scales: { N: n, D: d, U: u }, metrics: { loss: predictDataConstrained(law, { n, d, u }) * Math.exp(0.003 * rng.normal()) } };
  });
  await trpc("mutate", "run.ingest", { sweepId: sweep.id, runs });
  return { sweep, label: `${name} (${team.name})` };
}

/** The sweep's stored fit once the app's worker made it current. */
async function currentFit(sweepId: string) {
  let latest: any;
  await expect.poll(async () => (latest = await trpc("query", "fit.latest", { sweepId })).fitStatus.state, { timeout: 120_000 }).toBe("current");
  return latest.fit;
}

describe.skipIf(!anchorsPresent)("Compare: data strategies under a cap", () => {
  it("matches 20B unique tokens of one data methodology with the other's at 1e21 FLOPs, as core computes it from the stored fits", async () => {
    const law = datablationsLaw();
    const a = await dataMethodology("pretraining", "Deduplicated web", law);
    const b = await dataMethodology("data", "Raw crawl", { ...law, RDstar: 5 });
    const [fitA, fitB] = [await currentFit(a.sweep.id), await currentFit(b.sweep.id)];
    expect([fitA.model, fitB.model]).toEqual(["data-constrained", "data-constrained"]);

    await page.goto(`${app.url}/compare?sweeps=${a.sweep.id},${b.sweep.id}`);
    await expect.poll(() => page.getByTestId("data-strategies-answer").count(), { timeout: 60_000 }).toBe(1);
    // Fill until the fields take (a fill before hydration is lost), then ask.
    await expect.poll(async () => (await page.getByTestId("data-strategies-budget").fill("1e21"), page.getByTestId("data-strategies-budget").inputValue())).toBe("1e21");
    await page.getByTestId("data-strategies-unique").fill("2e10");
    await page.getByRole("button", { name: "Match" }).click();
    const expected = uniqueTokensToMatch(fitA.params, fitB.params, { compute: 1e21, uniqueTokens: 2e10 });
    expect(expected.multiplier!).toBeGreaterThan(1);
    await expect.poll(() => text("data-strategies-sentence")).toBe(
      `At 1e21 FLOPs, 20B unique tokens of ${a.label} reach loss ${formatScore(expected.targetLoss)}; ${b.label} needs ${formatScale(expected.uniqueTokens!)} unique tokens for the same loss (${formatScore(expected.multiplier)}× as many). Each plan is compute-optimal under its own cap, repeating data as its fit says pays.`,
    );
    expect(await text("data-strategies-answer")).toContain(`${formatScore(expected.multiplier)}×`);
    // The page's other panels have answered too (the two laws share a base, so their curves coincide).
    await expect.poll(() => page.getByTestId("compare-ranking").locator(".skeleton").count(), { timeout: 60_000 }).toBe(0);
    await shot("compare-data-strategies");

    // Bad inputs are named in the panel, and nothing is asked.
    await page.getByTestId("data-strategies-budget").fill("lots");
    await page.getByRole("button", { name: "Match" }).click();
    expect(await text("data-strategies-invalid")).toBe('budget must be a positive number of FLOPs, got "lots"');
    await page.getByTestId("data-strategies-budget").fill("1e21");
    await page.getByTestId("data-strategies-unique").fill("-3");
    await page.getByRole("button", { name: "Match" }).click();
    expect(await text("data-strategies-invalid")).toBe('unique tokens must be a positive number, got "-3"');
    expect(problems).toEqual([]);
  });

  it("says why a data-constrained fit and a Chinchilla fit are not two data strategies, without asking the server", async () => {
    const sweeps: any[] = await trpc("query", "sweep.list", undefined);
    const dedup = sweeps.find((s) => s.methodology.name === "Deduplicated web");
    const dense = sweeps.find((s) => s.methodology.name === "Dense transformer");
    const denseFit = await currentFit(dense.id);
    const asked: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("analysis.dataStrategies")) asked.push(r.url());
    });
    await page.goto(`${app.url}/compare?sweeps=${dedup.id},${dense.id}`);
    await expect.poll(() => page.getByTestId("data-strategies-refused").count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId("data-strategies-refused").locator("p").innerText()).toBe(
      DATA_STRATEGY_MESSAGES.notDataConstrained(`${dense.methodology.name} (${dense.team.name})`, denseFit.model),
    );
    expect(await page.getByTestId("data-strategies-budget").count()).toBe(0);
    await shot("compare-data-strategies-refused");
    expect(asked).toEqual([]);
    expect(problems).toEqual([]);
  });
});
