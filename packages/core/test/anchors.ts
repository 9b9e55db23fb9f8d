/**
 * Locates the published scaling data in `../shared/anchors/data` beside the repository. Tests read the
 * files from there and never copy them. When the folder is missing the golden tests are skipped on a
 * developer machine but fail under CI (CI is set), so a broken checkout cannot pass silently.
 * SCALECAST_ANCHORS_OPTIONAL=1 allows the skip under CI too, for CI set-ups without the published data.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const anchorsDir = resolve(repoRoot, "../shared/anchors/data");
export const anchorsPresent = existsSync(anchorsDir);

if (!anchorsPresent && process.env.CI && process.env.SCALECAST_ANCHORS_OPTIONAL !== "1") {
  throw new Error(`golden tests need the published anchors at ${anchorsDir}, which is missing`);
}

/** Reads an anchor file as text. */
export function readAnchor(name: string): string {
  return readFileSync(resolve(anchorsDir, name), "utf8");
}

/** Parses an anchor CSV with a header row into records of strings (quoted fields handled). */
export function readAnchorCsv(name: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readAnchor(name).trim(), { header: true });
  if (parsed.errors.length > 0) throw new Error(`${name}: ${parsed.errors[0]?.message}`);
  return parsed.data;
}
