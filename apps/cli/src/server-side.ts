/**
 * The server side (@scalecast/api and what it pulls in: Prisma, PGlite, tRPC, better-auth) loads only for the
 * commands that need it, never at start: the bundle keeps every @scalecast/api and @scalecast/db import
 * external (scripts/bundle.mjs), and a command reaches it through this function, e.g.
 * `const { openAppDatabase } = await loadServerSide(() => import("@scalecast/api"))` inside its action (any
 * subpath works the same way, e.g. `@scalecast/api/task-worker` for a command that starts the job worker).
 * Those packages are TypeScript sources, so tsx is registered first (once per process) to compile them.
 */
let typeScriptRegistered: Promise<void> | undefined;

export async function loadServerSide<T>(load: () => Promise<T>): Promise<T> {
  typeScriptRegistered ??= import("tsx/esm/api").then(({ register }) => void register());
  await typeScriptRegistered;
  return load();
}
