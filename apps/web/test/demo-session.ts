import { afterAll, beforeAll, expect } from "vitest";
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

/** Calls a tRPC procedure as the page's signed-in user (its cookies), through the shared transformer; expects 200. */
export async function callTrpc<T>(page: Page, baseUrl: string, path: string, input: unknown, method: "GET" | "POST"): Promise<T> {
  const url = `${baseUrl}/api/trpc/${path}`;
  const json = JSON.stringify(transformer.serialize(input));
  const response =
    method === "GET"
      ? await page.request.get(`${url}?input=${encodeURIComponent(json)}`)
      : await page.request.post(url, { data: json, headers: { "content-type": "application/json", origin: baseUrl } });
  expect(response.status()).toBe(200);
  return transformer.deserialize(((await response.json()) as { result: { data: unknown } }).result.data) as T;
}
