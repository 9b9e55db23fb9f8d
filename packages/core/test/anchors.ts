/**
 * Locates the published scaling data in `../shared/anchors/data` beside the repository. Tests read the
 * files from there and never copy them. When the folder is missing the golden tests are skipped on a
 * developer machine but fail under CI (CI is set), so a broken checkout cannot pass silently.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const anchorsDir = resolve(repoRoot, "../shared/anchors/data");
export const anchorsPresent = existsSync(anchorsDir);

if (!anchorsPresent && process.env.CI) {
  throw new Error(`golden tests need the published anchors at ${anchorsDir}, which is missing`);
}

/** Reads an anchor file as text. */
export function readAnchor(name: string): string {
  return readFileSync(resolve(anchorsDir, name), "utf8");
}

/** Parses a simple comma-separated file with a header row (no quoted commas in the anchor files). */
export function readAnchorCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readAnchor(name).trim().split(/\r?\n/);
  const columns = (header ?? "").split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));
  });
}
