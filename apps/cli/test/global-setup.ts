/** Builds the bundle once before the tests, so every test runs the CLI as shipped, built from the current sources. */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function buildBundle(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL("../scripts/bundle.mjs", import.meta.url))], { stdio: "inherit" });
}
