/**
 * Where the bundle lives and whether it is current: it is when it exists and is newer than every file it was
 * built from (the list bundle.mjs writes beside it). Read on every start, so it imports only node:fs.
 */
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const CLI_DIR = fileURLToPath(new URL("..", import.meta.url));
export const BUNDLE_PATH = `${CLI_DIR}dist/scalecast.mjs`;
/** The source files the bundle was built from, relative to CLI_DIR. */
export const INPUTS_PATH = `${CLI_DIR}dist/scalecast.inputs.json`;

/** Whether the bundle exists and no file it was built from changed since (a missing one counts as changed). */
export function bundleIsCurrent() {
  try {
    const builtAt = statSync(BUNDLE_PATH).mtimeMs;
    const inputs = JSON.parse(readFileSync(INPUTS_PATH, "utf8"));
    return inputs.every((input) => statSync(`${CLI_DIR}${input}`).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}
