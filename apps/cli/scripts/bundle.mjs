/**
 * Builds the `scalecast` bundle: esbuild puts src/main.ts, @scalecast/core (from its sources) and the npm
 * libraries the CLI uses into one ESM file, dist/scalecast.mjs, so a start reads one file and compiles
 * nothing. `npm run build` (turbo build) runs this file; bin/scalecast.mjs runs buildBundle() itself when the
 * bundle is missing or older than its sources (bundle-state.mjs).
 *
 * The server side stays out of the bundle: every @scalecast/api and @scalecast/db import is external, so
 * Prisma, PGlite, tRPC and better-auth load only when a command imports them through src/server-side.ts.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { BUNDLE_PATH, CLI_DIR, INPUTS_PATH } from "./bundle-state.mjs";

/** Files outside src whose change makes the bundle stale: the version, the locked libraries and this script. */
const EXTRA_INPUTS = ["package.json", "../../package-lock.json", "scripts/bundle.mjs", "scripts/bundle-state.mjs"];

/** Writes through a temporary file and a rename, so a concurrent start never reads half a file. */
function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

export async function buildBundle() {
  const { version } = JSON.parse(readFileSync(`${CLI_DIR}package.json`, "utf8"));
  const result = await build({
    absWorkingDir: CLI_DIR,
    entryPoints: ["src/main.ts"],
    outfile: BUNDLE_PATH,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "warning",
    // core is bundled from its sources whatever its package.json exports, so the bundle never needs core built first.
    alias: { "@scalecast/core": "../../packages/core/src/index.ts" },
    external: ["@scalecast/api", "@scalecast/api/*", "@scalecast/db", "@scalecast/db/*", "tsx", "tsx/*"],
    // Bundled CommonJS libraries (papaparse, cli-progress) call require() for Node's built-in modules.
    banner: { js: `// scalecast ${version}: built by scripts/bundle.mjs from src/; do not edit.\nimport { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);` },
  });
  const sources = Object.keys(result.metafile.inputs).filter((input) => !input.includes("node_modules/"));
  mkdirSync(dirname(BUNDLE_PATH), { recursive: true });
  writeAtomically(INPUTS_PATH, `${JSON.stringify([...sources, ...EXTRA_INPUTS], null, 1)}\n`);
  writeAtomically(BUNDLE_PATH, result.outputFiles[0].contents);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildBundle();
  console.log(`built ${relative(process.cwd(), BUNDLE_PATH)} in ${Math.round(performance.now() - started)} ms`);
}
