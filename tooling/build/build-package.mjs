#!/usr/bin/env node
// build-package: compiles the workspace package in the current folder to JavaScript under dist/, for
// production (`npm start`'s server, Next's server, the fit workers). Its entry points are the package's
// `exports` that have both a "source" (TypeScript, what tests, typecheck and tsx scripts load) and a
// "default" (the compiled file under dist/): each source entry is compiled to exactly that file.
//
// esbuild bundles every entry with the package's own modules (relative imports, extension-less as the
// sources write them) and code splitting, so a module shared by two entries is emitted once, in a shared
// chunk: a process that imports several entries of a package gets one instance of each module. Imports of
// other packages (workspace or npm) stay imports, resolved by Node at run time: one copy per process.
import { readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

const OUT_DIR = "dist";
const manifest = JSON.parse(readFileSync("package.json", "utf8"));

const entryPoints = Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) => {
  if (typeof target !== "object" || target.source === undefined || target.default === undefined) return [];
  const compiled = target.default.match(new RegExp(`^\\./${OUT_DIR}/(.+)\\.js$`));
  if (!compiled) throw new Error(`${manifest.name}: exports["${subpath}"].default must be a .js file under ./${OUT_DIR}/, got ${target.default}`);
  return [{ in: target.source, out: compiled[1] }];
});
if (entryPoints.length === 0) throw new Error(`${manifest.name}: no export has both a "source" and a "default" to build`);

rmSync(OUT_DIR, { recursive: true, force: true });
await build({
  entryPoints,
  outdir: OUT_DIR,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  chunkNames: "chunks/[name]-[hash]",
  keepNames: true,
  logLevel: "warning",
});
console.log(`${manifest.name}: built ${entryPoints.length} entry point(s) into ${OUT_DIR}/`);
