import "server-only";

/**
 * @scalecast/api for Next's server side, imported by Node at run time from node_modules (the package's
 * compiled dist/) rather than bundled: the very module instances the server script (scripts/start.mjs)
 * loaded, so the REST API, tRPC and auth share the process's one database and fit worker pool
 * (getAppServices). The bundler is told to leave this import alone because Next's serverExternalPackages
 * does not apply to workspace packages (they resolve outside node_modules, so Turbopack bundles them).
 */
export const api: typeof import("@scalecast/api") = await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ "@scalecast/api");

/** The process's database alone (auth, health). */
export async function getDatabase() {
  return (await api.getAppServices()).db;
}
