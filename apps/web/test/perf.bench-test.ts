/**
 * Dashboard speed (printed, not asserted; `npm run bench -w @scalecast/web`):
 * - Compare with 20 curves and bands: the seed plus 20 methodologies × 50 runs, time from navigation start
 *   until every curve and band is drawn and the chart answers hover (Chromium performance timings), cold
 *   (fits computed on the way) and warm (fits stored).
 * - Hover and zoom on a sweep of 10,000 runs: frame intervals while wheel-zooming and moving the pointer.
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, openPage, signUpInPage } from "./browser";
import { startApp, type RunningApp } from "./app-server";

let browser: Browser;
let app: RunningApp;
let page: Page;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startApp()]);
  ({ page } = await openPage(browser));
  await signUpInPage(page, app.url, "bench@example.com");
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Calls a tRPC mutation from inside the signed-in page (superjson wire format). */
async function mutate<T>(path: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([p, body]) => {
      const response = await fetch(`/api/trpc/${p}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: body }) });
      const data = await response.json();
      if (!response.ok) throw new Error(`${p}: ${JSON.stringify(data).slice(0, 300)}`);
      return data.result.data.json;
    },
    [path, input] as const,
  ) as Promise<T>;
}

function logSpace(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => 10 ** (Math.log10(from) + (i * (Math.log10(to) - Math.log10(from))) / (count - 1)));
}

/** Deterministic noise (no Math.random): a small LCG. */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

async function drawnWithin(url: string, curves: number): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="compare-chart"] path[data-curve][data-extrapolated="false"]').length >= n && document.querySelectorAll('[data-testid="compare-chart"] path[data-band]').length >= n,
    curves,
    { timeout: 600_000, polling: 16 },
  );
  return page.evaluate(() => performance.now());
}

describe("dashboard speed", () => {
  it("Compare: 20 curves with bands, seed plus 20 methodologies × 50 runs", async () => {
    const team = await mutate<{ id: string }>("team.create", { slug: "bench", name: "Bench" });
    const sweepIds: string[] = [];
    for (let m = 0; m < 20; m++) {
      const methodology = await mutate<{ id: string }>("methodology.create", { teamId: team.id, name: `Recipe ${m + 1}`, description: "benchmark data" });
      const sweep = await mutate<{ id: string }>("sweep.create", { methodologyId: methodology.id, name: "sweep", axes: ["D"], metric: "loss", direction: "lower", defaultModel: "saturating-power-law", targetScale: 1e11 });
      const rand = noise(m + 1);
      const E = 1.6 + 0.02 * m;
      const A = 300 + 15 * m;
      const alpha = 0.28 + 0.004 * m;
      const runs = logSpace(1e7, 1e10, 50).map((d, i) => ({ runKey: `r${i}`, scales: { D: d }, metrics: { loss: (E + A * d ** -alpha) * Math.exp(0.01 * rand()) } }));
      await mutate("run.ingest", { sweepId: sweep.id, runs });
      sweepIds.push(sweep.id);
    }
    const url = `${app.url}/compare?sweeps=${sweepIds.join(",")}`;
    const cold = await drawnWithin(url, 20);
    const warm = await drawnWithin(url, 20);
    const warm2 = await drawnWithin(url, 20);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return { domInteractive: n.domInteractive, domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    });
    console.log(
      `compare, 20 curves + bands (20 × 50 runs): drawn ${cold.toFixed(0)} ms after navigation cold (20 fits computed), ${warm.toFixed(0)} ms and ${warm2.toFixed(0)} ms warm; ` +
        `domInteractive ${nav.domInteractive.toFixed(0)} ms, DOMContentLoaded ${nav.domContentLoaded.toFixed(0)} ms, load ${nav.load.toFixed(0)} ms`,
    );
  });

  it("Sweep chart: hover and zoom on 10,000 runs", async () => {
    const team = await mutate<{ id: string }>("team.create", { slug: "bench-big", name: "Bench big" });
    const methodology = await mutate<{ id: string }>("methodology.create", { teamId: team.id, name: "Big sweep", description: "10,000 runs" });
    const sweep = await mutate<{ id: string }>("sweep.create", { methodologyId: methodology.id, name: "sweep", axes: ["D"], metric: "loss", direction: "lower", defaultModel: "power-law" });
    const rand = noise(7);
    const all = logSpace(1e6, 1e11, 10_000).map((d, i) => ({ runKey: `r${i}`, scales: { D: d }, metrics: { loss: 20 * d ** -0.1 * Math.exp(0.05 * rand()) } }));
    for (let i = 0; i < all.length; i += 5000) await mutate("run.ingest", { sweepId: sweep.id, runs: all.slice(i, i + 5000) });
    await page.goto(`${app.url}/sweeps/${sweep.id}`);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="sweep-chart"]')?.getAttribute("data-points")) === 10_000, null, { timeout: 600_000 });
    // The client-side cost is what is measured: the points are drawn (the fit may still be computing on the server).
    const frames = await page.evaluate(async () => {
      const overlay = document.querySelector('[data-testid="sweep-chart"] svg rect[fill="transparent"]') as SVGRectElement;
      const box = overlay.getBoundingClientRect();
      const measure = (step: (i: number) => void, count: number) =>
        new Promise<number[]>((resolve) => {
          const times: number[] = [];
          let i = 0;
          const tick = (t: number) => {
            times.push(t);
            if (i >= count) return resolve(times.slice(1).map((v, k) => v - times[k]!));
            step(i++);
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        });
      const at = (i: number) => ({ clientX: box.left + box.width * (0.2 + (0.6 * (i % 60)) / 60), clientY: box.top + box.height / 2, bubbles: true });
      const idle = await measure(() => {}, 60);
      const zoom = await measure((i) => overlay.dispatchEvent(new WheelEvent("wheel", { ...at(i), deltaY: i < 60 ? -40 : 40, cancelable: true })), 120);
      const hover = await measure((i) => overlay.dispatchEvent(new PointerEvent("pointermove", at(i))), 120);
      const stats = (d: number[]) => {
        const sorted = [...d].sort((a, b) => a - b);
        const mean = d.reduce((s, v) => s + v, 0) / d.length;
        return { fps: 1000 / mean, mean, p95: sorted[Math.floor(0.95 * (sorted.length - 1))]! };
      };
      return { idle: stats(idle), zoom: stats(zoom), hover: stats(hover) };
    });
    console.log(
      `sweep chart, 10,000 runs: zoom ${frames.zoom.fps.toFixed(1)} fps (mean frame ${frames.zoom.mean.toFixed(1)} ms, p95 ${frames.zoom.p95.toFixed(1)} ms); ` +
        `hover ${frames.hover.fps.toFixed(1)} fps (mean ${frames.hover.mean.toFixed(1)} ms, p95 ${frames.hover.p95.toFixed(1)} ms); ` +
        `idle page ${frames.idle.fps.toFixed(1)} fps (the headless browser's own frame rate here)`,
    );
  });
});
