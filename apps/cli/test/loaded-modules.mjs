/**
 * Preload for `node --import`: appends every module the process loads to the file named by
 * SCALECAST_LOADED_MODULES, one URL or path a line: ES modules through a load hook (which Node runs on its
 * hooks thread, where this file registers nothing), CommonJS ones from require's cache at exit.
 */
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import { isMainThread } from "node:worker_threads";

const logFile = process.env.SCALECAST_LOADED_MODULES;

export async function load(url, context, nextLoad) {
  appendFileSync(logFile, `${url}\n`);
  return nextLoad(url, context);
}

if (isMainThread) {
  register(import.meta.url);
  const requireCache = createRequire(import.meta.url).cache;
  process.on("exit", () => appendFileSync(logFile, Object.keys(requireCache).map((path) => `${path}\n`).join("")));
}
