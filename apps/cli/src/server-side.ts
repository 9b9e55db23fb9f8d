/**
 * The server side (@scalecast/api and what it pulls in: Prisma, PGlite, tRPC, better-auth) loads only for the
 * commands that need it, never at start: the bundle keeps every @scalecast/api and @scalecast/db import
 * external (scripts/bundle.mjs), and a command reaches it through this function, e.g.
 * `const { openAppDatabase } = await loadServerSide(() => import("@scalecast/api"))` inside its action (any
 * subpath works the same way, e.g. `@scalecast/api/worker` for the fit worker).
 *
 * They load from their TypeScript sources (the "source" export condition, compiled by tsx, registered once
 * per process), like the tests, so a command never runs a stale or missing build of them.
 */
import { register as registerHooks } from "node:module";

let sourcesRegistered: Promise<void> | undefined;

export async function loadServerSide<T>(load: () => Promise<T>): Promise<T> {
  sourcesRegistered ??= import("tsx/esm/api").then(({ register }) => {
    registerHooks("data:text/javascript,export const resolve = (specifier, context, next) => next(specifier, { ...context, conditions: [...context.conditions, 'source'] });");
    register();
  });
  await sourcesRegistered;
  return load();
}
