import { afterAll, beforeAll } from "vitest";
import type { Browser, Page } from "playwright-core";
import { transformer } from "@scalecast/api/transformer";
import { startApp, type RunningApp } from "./app-server";
import { launchBrowser, openPage, signInDemoOwner } from "./browser";

export interface DemoSession {
  browser: Browser;
  app: RunningApp;
  page: Page;
  /** Console errors and failed requests of the page (openPage). */
  problems: string[];
}

/**
 * For one test file: the app started on a fresh embedded database (seeded) and a browser page signed in as
 * the demo owner, handed to `opened` before the file's tests and closed after them.
 */
export function openDemoOwnerSession(opened: (session: DemoSession) => void): void {
  let session: Partial<DemoSession> = {};
  beforeAll(async () => {
    const [browser, app] = await Promise.all([launchBrowser(), startApp()]);
    session = { browser, app };
    const { page, problems } = await openPage(browser);
    await signInDemoOwner(page.request, app.url);
    opened({ browser, app, page, problems });
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.app?.stop();
  });
}

/** A tRPC call as `page`'s signed-in user, answered through the API's transformer; fails the test on a non-200. */
export async function callTrpc(page: Page, url: string, kind: "query" | "mutate", path: string, input: unknown): Promise<any> {
  const response =
    kind === "query"
      ? await page.request.get(`${url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(transformer.serialize(input)))}`)
      : await page.request.post(`${url}/api/trpc/${path}`, { data: transformer.serialize(input), headers: { origin: url } });
  if (response.status() !== 200) throw new Error(`${path} answered ${response.status()}: ${await response.text()}`);
  return transformer.deserialize(((await response.json()) as { result: { data: unknown } }).result.data);
}
