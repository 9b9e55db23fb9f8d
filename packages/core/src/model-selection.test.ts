import { describe, expect, it } from "vitest";
import { MODEL_SELECTION_ERRORS, candidateModels, chooseModel, describeChoice, selectModel, type ModelScore } from "./model-selection";
import type { Observation } from "./models";
import { createRandom } from "./random";

const xs = [1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6];
function rows(f: (x: number) => number, noise: number, seed: number): Observation[] {
  const rng = createRandom(seed);
  return xs.map((x) => ({ x, y: f(x) * Math.exp(noise * rng.normal()) }));
}
const single = ["log-linear", "power-law", "saturating-power-law"];

describe("selectModel(rows)", () => {
  it.each([
    ["power-law", (x: number) => 40 * x ** -0.3],
    ["saturating-power-law", (x: number) => 1.8 + 400 * x ** -0.5],
    ["log-linear", (x: number) => 9 - 1.2 * Math.log10(x)],
  ] as const)("ranks %s first on data generated from it (1 percent noise)", (model, f) => {
    const table = selectModel(rows(f, 0.01, 11), { candidates: single });
    expect(table[0]!.model).toBe(model);
    expect(table.map((r) => r.rank)).toEqual([1, 2, 3]);
    const errors = table.map((r) => r.heldOutError!);
    expect(errors[0]).toBeLessThan(errors[2]!);
  });

  it("with an infinite tie tolerance the order is by AIC alone", () => {
    const table = selectModel(rows((x) => 1.8 + 400 * x ** -0.5, 0.01, 4), { candidates: single, tieTolerance: Infinity });
    const aic = table.map((r) => r.aic!);
    expect([...aic].sort((a, b) => a - b)).toEqual(aic);
  });

  it("AIC and BIC follow n·ln(RSS/n) + 2k and + k·ln n", () => {
    const data = rows((x) => 40 * x ** -0.3, 0.05, 2);
    const [row] = selectModel(data, { candidates: ["power-law"] });
    const rss = data.reduce((s, r) => s + Math.log((row!.fit!.params.K! * r.x! ** row!.fit!.params.a!) / r.y) ** 2, 0);
    expect(row!.aic).toBeCloseTo(10 * Math.log(rss / 10) + 4, 8);
    expect(row!.bic).toBeCloseTo(10 * Math.log(rss / 10) + 2 * Math.log(10), 8);
  });

  it("a model that cannot fit the rows comes last with its error; linear errors when some y ≤ 0", () => {
    const data = xs.map((x) => ({ x, y: 0.5 - 0.1 * Math.log10(x) }));
    const table = selectModel(data, { candidates: ["power-law", "log-linear"] });
    expect(table[0]!.model).toBe("log-linear");
    expect(table[0]!.errorSpace).toBe("linear");
    expect(table[1]!.error).toMatch(/^power-law needs positive y on a log axis: row \d+ has y = /);
  });

  it("defaults to the score models whose axes every row has", () => {
    expect(candidateModels([{ x: 1, y: 1 }])).toEqual(["log-linear", "power-law", "saturating-power-law", "bnsl"]);
    expect(candidateModels([{ n: 1, d: 1, y: 1 }])).toEqual(["chinchilla", "kaplan"]);
    expect(candidateModels([{ n: 1, d: 1, u: 1, y: 1 }])).toEqual(["chinchilla", "kaplan", "data-constrained"]);
  });

  it("throws without candidates, and for isoflop", () => {
    expect(() => selectModel([{ y: 1 }])).toThrow(
      "no model fits these rows: give x for single-axis models, or n and d for joint models (chinchilla, kaplan)",
    );
    expect(() => selectModel([{ c: 1, x: 1, y: 1 }], { candidates: ["isoflop"] })).toThrow(
      MODEL_SELECTION_ERRORS.notScoreModel("isoflop"),
    );
    expect(MODEL_SELECTION_ERRORS.notScoreModel("isoflop")).toBe(
      "isoflop predicts a compute-optimal scale, not a score: it cannot be selected",
    );
  });
});

describe("chooseModel(ranking)", () => {
  const score = (rank: number, model: ModelScore["model"], degenerate: string[] = [], fitted = true): ModelScore => ({
    rank,
    model,
    errorSpace: "log",
    k: 2,
    n: 7,
    degenerate,
    ...(fitted ? { fit: { model, params: {}, objective: 0, n: 7, converged: true, iterations: 1, message: "", gof: { rmseLog: 0, r2Log: 1 } } } : { error: "too few points" }),
  });

  it("takes rank 1 when its fit is not degenerate", () => {
    const choice = chooseModel([score(1, "power-law"), score(2, "log-linear")]);
    expect(choice).toEqual({ model: "power-law", rank: 1, skipped: [] });
    expect(describeChoice(choice)).toBe("using rank 1: power-law");
  });

  it("skips a degenerate or unfitted rank 1 and says why", () => {
    const choice = chooseModel([score(1, "saturating-power-law", ["exponent alpha = 21.65 is beyond ±5"]), score(2, "bnsl", [], false), score(3, "log-linear")]);
    expect(choice.model).toBe("log-linear");
    expect(describeChoice(choice)).toBe(
      "using rank 3 log-linear: rank 1 saturating-power-law was skipped: its fit is degenerate: exponent alpha = 21.65 is beyond ±5; rank 2 bnsl was skipped: too few points",
    );
  });

  it("when every fitted law is degenerate, keeps the best-ranked one flagged; throws when nothing was fitted", () => {
    const choice = chooseModel([score(1, "bnsl", [], false), score(2, "power-law", ["the fit did not converge: x"]), score(3, "log-linear", ["y"])]);
    expect(choice).toEqual({ model: "power-law", rank: 2, skipped: [{ model: "bnsl", rank: 1, reason: "too few points" }], degenerate: ["the fit did not converge: x"] });
    expect(describeChoice(choice)).toBe("every law's fit is degenerate; using rank 2 power-law with low confidence: the fit did not converge: x");
    expect(() => chooseModel([score(1, "bnsl", [], false)])).toThrow(MODEL_SELECTION_ERRORS.nothingFitted(["bnsl: too few points"]));
  });
});
