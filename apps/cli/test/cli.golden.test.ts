/** The CLI on published data: Llama 3's isoFLOP sweep (digitised), D* = A·C^α with α = 0.5368, A = 0.2994. */
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { anchorsDir, anchorsPresent } from "../../../packages/core/test/anchors";

const bin = resolve(dirname(fileURLToPath(import.meta.url)), "../bin/scalecast.mjs");

describe.skipIf(!anchorsPresent)("scalecast fit on published data", () => {
  it("isoflop on the Llama 3 sweep reproduces α = 0.5368, A = 0.2994 (paper: 0.53, 0.29)", () => {
    const file = resolve(anchorsDir, "llama3_isoflops_digitized.csv");
    const args = ["fit", file, "--model", "isoflop", "--c", "compute_budget", "--x", "training_tokens", "--y", "validation_loss", "--json"];
    const out = JSON.parse(execFileSync(process.execPath, [bin, ...args], { encoding: "utf8" }));
    expect(out.params.a).toBeCloseTo(0.5368, 3);
    expect(out.params.K / 0.2994).toBeCloseTo(1, 2);
    expect(out.optima.length).toBeGreaterThanOrEqual(9);
  });
});
