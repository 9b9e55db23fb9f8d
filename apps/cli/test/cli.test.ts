/**
 * The real CLI as a subprocess: every documented error has its own test (message on stderr, exit code 1),
 * and the JSON contract of fit / predict / compare / plan is checked against the core library.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CALIBRATION_MESSAGES,
  calibratedForecast,
  chooseModel,
  computeOptimal,
  createRandom,
  degenerateFitReasons,
  describeChoice,
  fitModel,
  JOINT_INTERVAL_COVERS,
  MODEL_NAMES,
  MODEL_SELECTION_ERRORS,
  PREDICT_JOINT_ERRORS,
  PUBLISHED_LAWS,
  PUBLISHED_LAW_NAMES,
  selectModel,
  snapBudgets,
} from "@scalecast/core";
import { beforeAll, describe, expect, it } from "vitest";
import { PREDICT_PAIR_ERRORS } from "../src/commands/predict-pairs";
import { M_COLUMN_ERRORS } from "../src/dataset";

const bin = resolve(dirname(fileURLToPath(import.meta.url)), "../bin/scalecast.mjs");
let dir = "";

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: dir });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
function json(args: string[]): Record<string, any> {
  return JSON.parse(execFileSync(process.execPath, [bin, ...args, "--json"], { encoding: "utf8", cwd: dir }));
}
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const csv = (header: string, rows: (string | number)[][]) => `${header}\n${rows.map((r) => r.join(",")).join("\n")}\n`;
const xs = [1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6];

let power = "";
let powerB = "";
let joint = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "scalecast-cli-"));
  power = file("power.csv", csv("x,y,note", xs.map((x) => [x, 50 * x ** -0.25, "ok"])));
  powerB = file("power-b.csv", csv("x,y", xs.map((x) => [x, 60 * x ** -0.27])));
  const h = PUBLISHED_LAWS["hoffmann-2022"].params;
  const rows: number[][] = [];
  for (const n of [1e7, 3e7, 1e8, 3e8, 1e9]) for (const d of [1e9, 3e9, 1e10, 3e10]) rows.push([n, d, h.E + h.A / n ** h.alpha + h.B / d ** h.beta]);
  joint = file("joint.csv", csv("N,D,loss", rows));
});

describe("scalecast errors (stderr; exit code 1 for a usage mistake, 2 for bad data)", () => {
  const cases: [string, () => string[], () => string, number][] = [
    ["unknown column", () => ["fit", power, "--model", "power-law", "--x", "size"], () => `unknown column "size" in ${join(dir, "power.csv")}; available columns: x, y, note`, 1],
    ["unknown model", () => ["fit", power, "--model", "cubic"], () => `unknown model "cubic"; valid models: ${MODEL_NAMES.join(", ")}`, 1],
    ["empty cell", () => ["fit", file("empty.csv", "x,y\n1,2\n2,\n3,4\n"), "--model", "power-law"], () => `${join(dir, "empty.csv")} row 2, column "y" is empty`, 2],
    ["NaN cell", () => ["fit", file("nan.csv", "x,y\n1,2\nNaN,3\n3,4\n"), "--model", "power-law"], () => `${join(dir, "nan.csv")} row 2, column "x" is not a number: "NaN"`, 2],
    ["Infinity cell", () => ["fit", file("inf.csv", "x,y\n1,2\n2,3\n3,Infinity\n"), "--model", "power-law"], () => `${join(dir, "inf.csv")} row 3, column "y" is infinite: "Infinity"`, 2],
    ["too few points", () => ["fit", file("few.csv", "x,y\n1,2\n2,1\n"), "--model", "saturating-power-law"], () => "saturating-power-law fit needs at least 3 points, got 2", 2],
    ["non-positive value on a log axis", () => ["fit", file("zero.csv", "x,y\n1,2\n0,1\n3,0.5\n"), "--model", "power-law"], () => "power-law needs positive x on a log axis: row 2 has x = 0", 2],
    ["one distinct scale", () => ["fit", file("one.csv", "x,y\n100,2\n100,1\n100,0.5\n"), "--model", "power-law"], () => "power-law fit needs at least 2 distinct values of x, got only x = 100", 2],
    ["missing file", () => ["fit", join(dir, "absent.csv"), "--model", "power-law"], () => `file not found: ${join(dir, "absent.csv")}`, 1],
    ["missing column for an axis", () => ["fit", power, "--model", "chinchilla"], () => `no column for n in ${join(dir, "power.csv")}: pass --n COLUMN; available columns: x, y, note`, 1],
    ["--breaks with a model other than bnsl", () => ["fit", power, "--model", "power-law", "--breaks", "2"], () => "--breaks applies to --model bnsl (or auto), not power-law", 1],
    ["auto on a file without usable axes", () => ["fit", file("only-y.csv", "y,note\n1,a\n2,b\n3,c\n"), "--model", "auto"], () => MODEL_SELECTION_ERRORS.noCandidates(), 1],
    ["plan without a budget or target", () => ["plan"], () => "plan needs --compute or --target-loss", 1],
    ["plan with two laws", () => ["plan", "--compute", "1e21", "--preset", "epoch-2024", "--fit", power], () => "give only one of --preset, --params and --fit", 1],
    ["unknown preset", () => ["plan", "--compute", "1e21", "--preset", "gpt"], () => 'unknown published law "gpt"; valid presets: hoffmann-2022, epoch-2024', 1],
  ];
  it.each(cases)("%s", (_name, args, message, code) => {
    const r = run(args());
    expect(r.code).toBe(code);
    expect(r.stderr).toBe(`error: ${message()}\n`);
    expect(r.stdout).toBe("");
  });
});

describe("scalecast fit", () => {
  it("prints one JSON object with model, params (K a), objective and n", () => {
    const out = json(["fit", power, "--model", "power-law"]);
    expect(out.model).toBe("power-law");
    expect(Object.keys(out.params)).toEqual(["K", "a"]);
    expect(out.params.K).toBeCloseTo(50, 8);
    expect(out.params.a).toBeCloseTo(-0.25, 10);
    expect(out.n).toBe(7);
    expect(typeof out.objective).toBe("number");
    expect(out.intervals).toBeUndefined();
  });
  it("reads JSONL, and names the chinchilla parameters E A B alpha beta (column names matched case-insensitively)", () => {
    const lines = xs.map((x) => JSON.stringify({ x, y: 0.3 + 0.05 * Math.log10(x) })).join("\n");
    const ll = json(["fit", file("acc.jsonl", lines), "--model", "log-linear"]);
    expect(ll.params.a).toBeCloseTo(0.3, 10);
    expect(ll.params.b).toBeCloseTo(0.05, 10);
    const ch = json(["fit", joint, "--model", "chinchilla", "--y", "loss"]);
    expect(Object.keys(ch.params).sort()).toEqual(["A", "B", "E", "alpha", "beta"]);
    expect(ch.params.alpha).toBeCloseTo(0.34, 3);
  });
  it("--bootstrap K --seed S adds intervals per parameter and is reproducible", () => {
    const noisy = file("noisy.csv", csv("x,y", xs.map((x, i) => [x, 50 * x ** -0.25 * (1 + 0.01 * Math.sin(7 * i))])));
    const a = json(["fit", noisy, "--model", "power-law", "--bootstrap", "50", "--seed", "3"]);
    const b = json(["fit", noisy, "--model", "power-law", "--bootstrap", "50", "--seed", "3"]);
    expect(a.intervals).toEqual(b.intervals);
    expect(a.intervals.a.lo).toBeLessThan(a.params.a);
    expect(a.intervals.a.hi).toBeGreaterThan(a.params.a);
    expect(a.bootstrap).toMatchObject({ resamples: 50, seed: 3 });
  });
  it("--model auto ranks the models the columns allow as core's selectModel does, and fits rank 1, saying so", () => {
    const rows = xs.map((x, i) => ({ x, y: 2 + 50 * x ** -0.3 * (1 + 0.002 * Math.sin(5 * i)) }));
    const saturating = file("saturating.csv", csv("x,y", rows.map((r) => [r.x, r.y])));
    const out = json(["fit", saturating, "--model", "auto"]);
    const expected = selectModel(rows);
    expect(out.selection.map((s: { model: string }) => s.model)).toEqual(expected.map((s) => s.model));
    expect(out.selection.map((s: { heldOutError: number }) => s.heldOutError)).toEqual(expected.map((s) => s.heldOutError));
    expect(out.model).toBe("saturating-power-law");
    expect(out.params.E).toBeCloseTo(2, 2);
    const text = run(["fit", saturating, "--model", "auto"]).stdout;
    expect(text).toMatch(/^1 \*\s+saturating-power-law\s/m);
    expect(text).toContain("\nusing rank 1: saturating-power-law\n");
    expect(out.choice).toEqual(chooseModel(expected));
    expect(out.degenerate).toEqual([]);
    const jointAuto = json(["fit", joint, "--model", "auto", "--y", "loss"]);
    expect(jointAuto.selection.map((s: { model: string }) => s.model).sort()).toEqual(["chinchilla", "kaplan"]);
  });
  it("--breaks other than 1 or 2 is refused by the option parser", () => {
    const r = run(["fit", power, "--model", "bnsl", "--breaks", "3"]);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe(`error: option '--breaks <breaks>' argument '3' is invalid. expected 1 or 2 breaks, got "3"`);
  });
  it("--breaks 2 fits the broken power law with a second break", () => {
    const bent = file("bent.csv", csv("x,y", [1e2, 3e2, 1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6, 3e6, 1e7, 3e7].map((x) => [x, 0.1 + 5 * x ** -0.1 * (1 + x / 1e4) ** -0.4 * (1 + x / 1e6) ** -0.3])));
    expect(Object.keys(json(["fit", bent, "--model", "bnsl"]).params)).not.toContain("c2");
    expect(Object.keys(json(["fit", bent, "--model", "bnsl", "--breaks", "2"]).params)).toEqual(expect.arrayContaining(["c2", "d2", "f2"]));
  });
  it("prints a readable table without --json", () => {
    const r = run(["fit", power, "--model", "power-law"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^param\s+value$/m);
    expect(r.stdout).toMatch(/^K\s+50$/m);
  });
});

describe("scalecast predict / compare / plan", () => {
  it("predict: value at a scale, scale for a target, gain per 10×", () => {
    const out = json(["predict", power, "--model", "power-law", "--at", "1e8", "--target", "1"]);
    expect(out.at[0].value).toBeCloseTo(50 * 1e8 ** -0.25, 8);
    expect(out.target.scale / (1 / 50) ** (1 / -0.25)).toBeCloseTo(1, 6);
    expect(out.gainPer10x).toBeCloseTo(50 * 1e6 ** -0.25 - 50 * 1e7 ** -0.25, 8);
    expect(["scale-further", "switch", "plateau"]).toContain(out.recommendation.action);
  });
  it("predict --model auto forecasts with model selection's rank 1 and says so", () => {
    const rows = xs.map((x, i) => ({ x, y: 2 + 50 * x ** -0.3 * (1 + 0.002 * Math.sin(5 * i)) }));
    const saturating = file("saturating-predict.csv", csv("x,y", rows.map((r) => [r.x, r.y])));
    const choice = chooseModel(selectModel(rows));
    const out = json(["predict", saturating, "--model", "auto", "--at", "1e9"]);
    expect(out.model).toBe(choice.model);
    expect(out.choice).toEqual({ ...choice, summary: describeChoice(choice) });
    expect(out.degenerate).toEqual([]);
    expect(run(["predict", saturating, "--model", "auto", "--at", "1e9"]).stdout.split("\n")[0]).toBe(`using rank 1: ${choice.model}`);
  });
  it("fit names a degenerate fit: the saturating law on an accuracy that jumps at the first step, then stays flat", () => {
    const ys = [0.5, 0.7, 0.701, 0.699, 0.7, 0.702, 0.7];
    const rows = [1e3, 3.16e3, 1e4, 3.16e4, 1e5, 3.16e5, 1e6].map((x, i) => ({ x, y: ys[i]! }));
    const step = file("step.csv", csv("x,y", rows.map((r) => [r.x, r.y])));
    const expected = degenerateFitReasons({ fit: fitModel("saturating-power-law", rows, { direction: "higher" }), rows, direction: "higher" });
    expect(expected.some((r) => r.endsWith("the curve is a step, not a law"))).toBe(true);
    const out = json(["fit", step, "--model", "saturating-power-law", "--direction", "higher"]);
    expect(out.degenerate).toEqual(expected);
    const text = run(["fit", step, "--model", "saturating-power-law", "--direction", "higher"]).stdout;
    for (const reason of expected) expect(text).toContain(`degenerate fit: ${reason}\n`);
  });
  it("predict says an interval is not reliable, and why, instead of printing its bounds", () => {
    // Accuracy on its plateau (seed 5 of the noise): most bootstrap refits of the saturating law fail.
    const rng = createRandom(5);
    const plateau = file("plateau.csv", csv("x,y", xs.map((x) => [x, (0.71 - 0.9 * x ** -0.55) * Math.exp(0.01 * rng.normal())])));
    const args = ["predict", plateau, "--model", "saturating-power-law", "--direction", "higher", "--bootstrap", "40", "--at", "1e7"];
    const out = json(args);
    expect(out.at[0].interval.unreliable).toMatch(/^\d+ of 40 bootstrap refits failed \(more than 20 %\)/);
    const text = run(args);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^at\s+1\.000e\+7\s+\S+\s+not reliable$/m);
    expect(text.stdout).toContain(`interval not reliable: ${out.at[0].interval.unreliable}`);
  });
  it("predict --level 0.9: the calibrated interval at each --at, with level and method, as core computes it", () => {
    // A loss curve with a slow drift the saturating law cannot follow, and 1 % seeded noise.
    const rng = createRandom(11);
    const rows = Array.from({ length: 10 }, (_, i) => {
      const x = 1e6 * 2 ** i;
      return { x, y: (2 + 30 * x ** -0.3) * (1 - 0.01 * Math.log10(x)) * (1 + 0.01 * rng.normal()) };
    });
    const drift = file("drift.csv", csv("x,y", rows.map((r) => [r.x, r.y])));
    const args = ["predict", drift, "--model", "saturating-power-law", "--at", "1e9", "--at", "1e10", "--level", "0.9", "--bootstrap", "60"];
    const out = json(args);
    const core = calibratedForecast("saturating-power-law", rows, [1e9, 1e10], { level: 0.9, resamples: 60, direction: "lower" });
    expect(core.method).toBe("calibrated");
    out.at.forEach((p: Record<string, any>, i: number) => {
      expect(p.interval.method).toBe("calibrated");
      expect(p.interval.level).toBe(0.9);
      expect(p.interval.lower).toBeCloseTo(core.predictions[i]!.lower, 10);
      expect(p.interval.upper).toBeCloseTo(core.predictions[i]!.upper, 10);
      expect(p.interval.lower).toBeLessThan(p.bootstrapInterval.lower);
      expect(p.interval.upper).toBeGreaterThan(p.bootstrapInterval.upper);
    });
    const text = run(args);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^\s+x\s+forecast\s+90% interval$/m);
    expect(text.stdout).toMatch(/^intervals: 90%, calibrated on backtests \(6 cut-offs; extrapolation error allowed: \S+ in ln per decade beyond the frontier\)$/m);
  });
  it("predict defaults to 90 % and says \"parameter uncertainty only\", and why, when the sweep has too few scales", () => {
    const four = file("four.csv", csv("x,y", xs.slice(0, 4).map((x, i) => [x, 50 * x ** -0.25 * (1 + 0.01 * (i % 2))])));
    const args = ["predict", four, "--model", "power-law", "--at", "1e5", "--bootstrap", "40"];
    const out = json(args);
    const reason = CALIBRATION_MESSAGES.fewCutoffs(1, 4, 2);
    expect(out.at[0].interval).toMatchObject({ level: 0.9, method: "parameter-only", reason });
    expect(out.at[0].interval.lower).toBe(out.at[0].bootstrapInterval.lower);
    const text = run(args);
    expect(text.stdout).toContain(`intervals: 90%, parameter uncertainty only: ${reason}`);
  });
  it("compare: crossover of 50·x^-0.25 and 60·x^-0.27 at (60/50)^(1/0.02)", () => {
    const out = json(["compare", power, powerB, "--model", "power-law", "--at", "1e6"]);
    expect(out.crossover.scale / 1.2 ** 50).toBeCloseTo(1, 6);
    expect(out.ranking.map((r: { label: string }) => r.label)).toEqual([powerB, power]);
  });
  it("plan: the preset's closed-form N and D for each budget", () => {
    const out = json(["plan", "--compute", "1e21", "--compute", "1e24", "--preset", "hoffmann-2022"]);
    const expected = computeOptimal(PUBLISHED_LAWS["hoffmann-2022"].params, 1e24);
    expect(out.budgets[1].n).toBeCloseTo(expected.n, -3);
    expect(out.budgets[1].d / expected.d).toBeCloseTo(1, 12);
    expect(out.law.source).toContain("Hoffmann");
    expect(PUBLISHED_LAW_NAMES).toContain("epoch-2024");
  });
  it("plan: DeepSeek learning rate and batch size, and the compute for a target loss", () => {
    const out = json(["plan", "--compute", "1e20", "--hyper-preset", "deepseek-2024", "--target-loss", "2.0"]);
    expect(out.budgets[0].learningRate).toBeCloseTo(0.3118 * 10 ** -2.5, 12);
    expect(out.budgets[0].batchSize / (0.292 * 10 ** 6.542)).toBeCloseTo(1, 10);
    expect(out.target.loss).toBeCloseTo(2.0, 10);
  });
  it("fit isoflop prints K, a and the per-budget optima", () => {
    const h = PUBLISHED_LAWS["hoffmann-2022"].params;
    const rows: number[][] = [];
    for (const c of [1e18, 1e19, 1e20]) {
      for (const k of [-1, -0.5, 0, 0.5, 1]) {
        const n = 1.344 * (c / 6) ** 0.4516 * 10 ** k;
        const d = c / (6 * n);
        rows.push([c, n, h.E + h.A / n ** h.alpha + h.B / d ** h.beta]);
      }
    }
    const out = json(["fit", file("iso.csv", csv("C,N,loss", rows)), "--model", "isoflop", "--c", "C", "--x", "N", "--y", "loss"]);
    expect(Object.keys(out.params)).toEqual(["K", "a"]);
    expect(out.optima).toHaveLength(3);
    expect(out.params.a).toBeCloseTo(0.4516, 2);
  });
  it("predict on a joint model forecasts along compute (FLOPs)", () => {
    const out = json(["predict", joint, "--model", "chinchilla", "--y", "loss", "--at", "1e23"]);
    const h = PUBLISHED_LAWS["hoffmann-2022"].params;
    expect(out.at[0].value).toBeCloseTo(computeOptimal(h, 1e23).loss, 2);
    expect(out.asymptote).toBeCloseTo(h.E, 2);
  });
});

describe("scalecast predict --at-n N --at-d D (joint laws at planned runs)", () => {
  const h = PUBLISHED_LAWS["hoffmann-2022"].params;
  it("gives the law at each (N, D), not at the compute-optimal split, with a parameter-uncertainty interval at --level", () => {
    const out = json(["predict", joint, "--model", "chinchilla", "--y", "loss", "--at-n", "1.3e10", "--at-d", "5e12", "--at-n", "7e10", "--at-d", "1.4e12", "--bootstrap", "40", "--level", "0.9"]);
    expect(out.atPairs).toHaveLength(2);
    out.atPairs.forEach((p: Record<string, any>, i: number) => {
      const [n, d] = i === 0 ? [1.3e10, 5e12] : [7e10, 1.4e12];
      expect(p).toMatchObject({ n, d, uncertainty: JOINT_INTERVAL_COVERS });
      // The file is Hoffmann et al.'s law without noise: the fit recovers it at any (N, D).
      expect(p.value).toBeCloseTo(h.E + h.A / n ** h.alpha + h.B / d ** h.beta, 3);
      expect(p.interval.level).toBe(0.9);
      expect(p.interval.lower).toBeLessThanOrEqual(p.value);
      expect(p.interval.upper).toBeGreaterThanOrEqual(p.value);
    });
    const text = run(["predict", joint, "--model", "chinchilla", "--y", "loss", "--at-n", "1.3e10", "--at-d", "5e12"]).stdout;
    // predict bootstraps by default (calibrated forecasts need the draws): the pair gets its interval at 90 %.
    expect(text).toMatch(/^N\s+D\s+predicted\s+90% interval$/m);
    expect(text).toMatch(/^1\.300e\+10\s+5\.000e\+12\s+\S+\s+\[\S+, \S+\]$/m);
    expect(text).toContain(`interval: ${JOINT_INTERVAL_COVERS}`);
  });

  const cases: [string, () => string[], string][] = [
    ["unequal counts of --at-n and --at-d", () => [joint, "--y", "loss", "--model", "chinchilla", "--at-n", "1e9", "--at-d", "1e10", "--at-n", "2e9"], PREDICT_PAIR_ERRORS.counts(2, 1)],
    ["--at-n on a law of one scale", () => [power, "--model", "power-law", "--at-n", "1e9", "--at-d", "1e10"], PREDICT_JOINT_ERRORS.notJoint("power-law")],
    ["--at-u for fewer pairs", () => [joint, "--y", "loss", "--model", "chinchilla", "--at-n", "1e9", "--at-d", "1e10", "--at-n", "2e9", "--at-d", "2e10", "--at-u", "1e9"], PREDICT_PAIR_ERRORS.uniqueCount(1, 2)],
    ["a zero N", () => [joint, "--y", "loss", "--model", "chinchilla", "--at-n", "0", "--at-d", "1e10"], PREDICT_PAIR_ERRORS.badPair(1, { n: 0, d: 1e10 }, PREDICT_JOINT_ERRORS.notPositive("N", 0))],
    ["a negative D", () => [joint, "--y", "loss", "--model", "kaplan", "--at-n", "1e9", "--at-d", "1e10", "--at-n", "1e9", "--at-d=-5"], PREDICT_PAIR_ERRORS.badPair(2, { n: 1e9, d: -5 }, PREDICT_JOINT_ERRORS.notPositive("D", -5))],
    ["--at-u on chinchilla", () => [joint, "--y", "loss", "--model", "chinchilla", "--at-n", "1e9", "--at-d", "1e10", "--at-u", "1e9"], PREDICT_PAIR_ERRORS.badPair(1, { n: 1e9, d: 1e10, u: 1e9 }, PREDICT_JOINT_ERRORS.uniqueNotRead("chinchilla"))],
  ];
  it.each(cases)("%s", (_name, args, message) => {
    const r = run(["predict", ...args()]);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
  });
});

describe("scalecast fit --model isoflop --m: an IsoFLOP analysis in FLOPs per token (C = M·D)", () => {
  // Per budget, 7 models around DeepSeek's published M_opt(C) = 0.1715·C^0.5243, D = C/M rounded to whole tokens.
  const rows = [1e17, 1e18, 1e19, 1e20].flatMap((c) =>
    [1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8].map((f) => {
      const m = 0.1715 * c ** 0.5243 * f;
      return [m, Math.round(c / m), 1.8 + 40 * c ** -0.15 + 0.05 * Math.log(f) ** 2];
    }),
  );
  let flops = "";
  beforeAll(() => {
    flops = file("flops-per-token.csv", csv("flops_per_token,tokens,loss", rows));
  });

  it("fits M_opt = K·C^a on budgets M·D, as core fits the snapped rows", () => {
    const out = json(["fit", flops, "--model", "isoflop", "--m", "flops_per_token", "--d", "tokens", "--y", "loss"]);
    const expected = fitModel("isoflop", snapBudgets(rows.map(([m, d, y]) => ({ c: m! * d!, x: m!, y: y! }))));
    expect(out.params).toEqual(expected.params);
    expect(out.params.a).toBeCloseTo(0.5243, 6);
    expect(out.params.K / 0.1715).toBeCloseTo(1, 4);
  });

  it.each<[string, () => string[], string]>([
    ["--m with a law other than isoflop", () => ["fit", flops, "--model", "chinchilla", "--m", "flops_per_token"], M_COLUMN_ERRORS.notIsoflop("chinchilla")],
    ["--m with automatic model selection", () => ["fit", flops, "--model", "auto", "--m", "flops_per_token"], M_COLUMN_ERRORS.notIsoflop("auto")],
    ["--m with --c", () => ["fit", flops, "--model", "isoflop", "--m", "flops_per_token", "--c", "tokens"], M_COLUMN_ERRORS.withC()],
  ])("%s is a usage mistake (exit code 1)", (_name, args, message) => {
    const r = run(args());
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: ${message}\n`);
    expect(r.stdout).toBe("");
  });
});
