/**
 * `scalecast plan --unique-tokens U` as a subprocess: the JSON carries the same numbers as core's
 * planUnderDataCap, for the C4 preset and for a law fitted to a file; each message of the mode has a test.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  compareRecipes,
  DATA_CAP_MESSAGES,
  fitModel,
  fittedRangeOf,
  MUENNIGHOFF_C4,
  planUnderDataCap,
  predictDataConstrained,
  PUBLISHED_DATA_CONSTRAINED_LAWS,
  type DataConstrainedParams,
} from "@scalecast/core";
import { beforeAll, describe, expect, it } from "vitest";
import { PLAN_DATA_CAP_ERRORS } from "../src/commands/plan-data-cap";

const bin = resolve(dirname(fileURLToPath(import.meta.url)), "../bin/scalecast.mjs");
let dir = "";
let runs = "";
const rows: { n: number; d: number; u: number; y: number }[] = [];

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: dir });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
const json = (args: string[]) => JSON.parse(execFileSync(process.execPath, [bin, ...args, "--json"], { encoding: "utf8", cwd: dir }));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "scalecast-plan-cap-"));
  // Noiseless runs of a known data-constrained law (R_D* 10, R_N* 4 on the C4 base), the sweep's shape.
  const truth: DataConstrainedParams = { ...MUENNIGHOFF_C4, RDstar: 10, RNstar: 4 };
  for (const n of [1e8, 3e8, 1e9]) for (const u of [1e9, 4e9]) for (const epochs of [1, 4, 16]) {
    const d = u * epochs;
    rows.push({ n, d, u, y: predictDataConstrained(truth, { n, d, u }) });
  }
  runs = join(dir, "runs.csv");
  writeFileSync(runs, `n,d,u,y\n${rows.map((r) => [r.n, r.d, r.u, r.y].join(",")).join("\n")}\n`);
});

describe("scalecast plan --compute C --unique-tokens U", () => {
  it("with the default C4 preset prints core's plan (allocation, epochs, loss gap, value of 10B tokens) and the recipes", () => {
    const out = json(["plan", "--compute", "1e22", "--unique-tokens", "5e10"]);
    const preset = PUBLISHED_DATA_CONSTRAINED_LAWS["muennighoff-2023-c4"];
    expect(out.law.source).toBe(preset.source);
    expect(out.law.fittedRange).toEqual(preset.fittedRange);
    const expected = planUnderDataCap(preset.params, { compute: 1e22, uniqueTokens: 5e10, fittedRange: preset.fittedRange });
    expect(out.budgets).toEqual([{ ...expected, recipes: compareRecipes(1e22) }]);
    expect(out.budgets[0].warnings).toEqual([DATA_CAP_MESSAGES.outsideRange("compute budget (FLOPs)", 1e22, preset.fittedRange.compute)]);
  });

  it("--extra-unique-tokens sets ΔU, and the text output says what the extra tokens are worth", () => {
    const out = json(["plan", "--compute", "1e21", "--unique-tokens", "1e10", "--extra-unique-tokens", "2e9"]);
    expect(out.budgets[0].extraData.uniqueTokens).toBe(2e9);
    const text = run(["plan", "--compute", "1e21", "--unique-tokens", "1e10"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("budget 1.000e+21 FLOPs, 1.000e+10 unique tokens (the cap binds)");
    expect(text.stdout).toMatch(/1\.000e\+10 more unique tokens: loss [\d.]+ \([\d.]+ better\), worth [\d.e+]+ FLOPs at this budget/);
  });

  it("--fit FILE plans from the data-constrained law fitted to the file, warning outside the file's range", () => {
    const out = json(["plan", "--compute", "1e21", "--unique-tokens", "2e9", "--fit", runs]);
    const fit = fitModel("data-constrained", rows).params as unknown as DataConstrainedParams;
    expect(out.law.params).toEqual(fit);
    expect(out.law.params.RDstar).toBeCloseTo(10, 3);
    const range = fittedRangeOf(rows);
    expect(out.budgets[0].capped).toEqual(planUnderDataCap(fit, { compute: 1e21, uniqueTokens: 2e9, fittedRange: range }).capped);
    expect(out.budgets[0].warnings[0]).toBe(DATA_CAP_MESSAGES.outsideRange("compute budget (FLOPs)", 1e21, range.compute!));
  });

  it("--fit FILE --bootstrap K adds intervals from the bootstrap draws around the plan", () => {
    const noisy = join(dir, "noisy.csv");
    writeFileSync(noisy, `n,d,u,y\n${rows.map((r, i) => [r.n, r.d, r.u, r.y * (1 + 0.004 * Math.sin(5 * i))].join(",")).join("\n")}\n`);
    const out = json(["plan", "--compute", "1e20", "--unique-tokens", "2e9", "--fit", noisy, "--bootstrap", "20", "--level", "0.9"]);
    const b = out.budgets[0];
    expect(b.level).toBe(0.9);
    expect(b.intervals.n.lower).toBeLessThanOrEqual(b.capped.n);
    expect(b.intervals.n.upper).toBeGreaterThanOrEqual(b.capped.n);
    expect(b.intervals.epochs.upper).toBeGreaterThan(b.intervals.epochs.lower);
  });
});

describe("scalecast plan --unique-tokens errors (stderr; exit code 1 for a usage mistake, 2 for a bad value)", () => {
  const cases: [string, () => string[], string, number][] = [
    ["a Chinchilla preset", () => ["plan", "--compute", "1e21", "--unique-tokens", "1e10", "--preset", "epoch-2024"], PLAN_DATA_CAP_ERRORS.needsDataConstrained(), 1],
    ["explicit Chinchilla parameters", () => ["plan", "--compute", "1e21", "--unique-tokens", "1e10", "--params", '{"E":1.69,"A":406.4,"B":410.7,"alpha":0.34,"beta":0.28}'], PLAN_DATA_CAP_ERRORS.needsDataConstrained(), 1],
    ["an unknown data-constrained preset", () => ["plan", "--compute", "1e21", "--unique-tokens", "1e10", "--preset", "c5"], DATA_CAP_MESSAGES.unknownPreset("c5"), 1],
    ["no budget", () => ["plan", "--unique-tokens", "1e10"], PLAN_DATA_CAP_ERRORS.needsCompute(), 1],
    ["a target loss", () => ["plan", "--compute", "1e21", "--unique-tokens", "1e10", "--target-loss", "2"], PLAN_DATA_CAP_ERRORS.targetLoss(), 1],
    ["--bootstrap with a preset", () => ["plan", "--compute", "1e21", "--unique-tokens", "1e10", "--bootstrap", "10"], PLAN_DATA_CAP_ERRORS.bootstrapNeedsFit(), 1],
    ["--extra-unique-tokens without a cap", () => ["plan", "--compute", "1e21", "--extra-unique-tokens", "1e10"], PLAN_DATA_CAP_ERRORS.capFlagsNeedCap(), 1],
    ["a negative cap", () => ["plan", "--compute", "1e21", "--unique-tokens", "-5"], DATA_CAP_MESSAGES.badUniqueTokens(-5), 2],
    ["a zero ΔU", () => ["plan", "--compute", "1e21", "--unique-tokens", "1e10", "--extra-unique-tokens", "0"], DATA_CAP_MESSAGES.badExtra(0), 2],
  ];
  it.each(cases)("%s", (_name, args, message, code) => {
    const r = run(args());
    expect(r.code).toBe(code);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(r.stdout).toBe("");
  });

  it("a cap that is not a number is refused by the option parser", () => {
    const r = run(["plan", "--compute", "1e21", "--unique-tokens", "lots"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: option '--unique-tokens <tokens>' argument 'lots' is invalid. expected a finite number, got "lots"`);
  });
});
