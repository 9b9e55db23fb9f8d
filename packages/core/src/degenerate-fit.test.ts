import { describe, expect, it } from "vitest";
import { anchorsPresent, readAnchorCsv } from "../test/anchors";
import { epochChinchillaPoints } from "../test/epoch-data";
import { MUENNIGHOFF_C4 } from "./data-constrained";
import { DEGENERATE_FIT_REASONS, degenerateFitReasons } from "./degenerate-fit";
import { selectModel } from "./model-selection";
import { fitModel, predictModel, type Observation } from "./models";
import { createRandom } from "./random";

const xs = [1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6];
const rowsOf = (f: (x: number) => number): Observation[] => xs.map((x) => ({ x, y: f(x) }));
const fitOf = (model: string, params: Record<string, number>) => ({ model: model as "power-law", params, converged: true, message: "converged" });

describe("degenerateFitReasons", () => {
  it("flags nothing on a clean power law and its recovered fit", () => {
    const rows = rowsOf((x) => 5 * x ** -0.3);
    const fit = fitModel("power-law", rows);
    expect(degenerateFitReasons({ fit, rows })).toEqual([]);
  });

  it("names a fit that did not converge", () => {
    const rows = rowsOf((x) => 5 * x ** -0.3);
    const fit = { ...fitOf("power-law", { K: 5, a: -0.3 }), converged: false, message: "iteration limit reached" };
    expect(degenerateFitReasons({ fit, rows })).toEqual([DEGENERATE_FIT_REASONS.notConverged("iteration limit reached")]);
    expect(DEGENERATE_FIT_REASONS.notConverged("iteration limit reached")).toBe("the fit did not converge: iteration limit reached");
  });

  it("names an absurd exponent, a coefficient at a numeric extreme and a step (the seeded Instruction mix A fit)", () => {
    const rows = rowsOf((x) => 0.71 - 0.9 * x ** -0.55);
    const fit = fitOf("saturating-power-law", { E: 0.7, A: 2.56e63, alpha: 21.7 });
    const reasons = degenerateFitReasons({ fit, rows, direction: "higher" });
    expect(reasons[0]).toBe("exponent alpha = 21.7 is beyond ±5: no data or model scaling law bends that fast");
    expect(reasons[1]).toBe("coefficient A = 2.560e+63 is at a numeric extreme (beyond 1.000e+30)");
    expect(reasons[2]).toBe("100.0 % of the fitted change happens between the first two scales (1000 to 3000): the curve is a step, not a law");
    expect(reasons).toHaveLength(3);
  });

  it("names an exponent at its bound 0", () => {
    const rows = rowsOf((x) => 2 + x ** -0.3);
    const fit = fitOf("saturating-power-law", { E: 2, A: 1, alpha: 0 });
    expect(degenerateFitReasons({ fit, rows })).toContain("exponent alpha = 0 sits at its bound 0: the fit found no improvement with scale");
  });

  it("names a ceiling above the metric's bound, or far above the data without one (an accuracy with ceiling 74,048)", () => {
    const rows = rowsOf((x) => 0.2 + 0.05 * Math.log10(x));
    const fit = fitOf("saturating-power-law", { E: 74048, A: 74048, alpha: 0.00001 });
    expect(degenerateFitReasons({ fit, rows, direction: "higher", bounds: { lower: 0, upper: 1 } })).toEqual([
      "the ceiling 7.405e+4 is above 1, the most the metric can take",
    ]);
    expect(degenerateFitReasons({ fit, rows, direction: "higher" })).toEqual(["the ceiling 7.405e+4 is more than 10× the largest observed score 0.5"]);
  });

  it("names a loss asymptote below 0", () => {
    const rows: Observation[] = [];
    for (const n of [1e7, 1e8, 1e9]) for (const d of [1e9, 1e10, 1e11]) rows.push({ n, d, y: 1.7 + 400 / n ** 0.34 + 410 / d ** 0.28 });
    const fit = fitOf("chinchilla", { E: -0.4, A: 400, B: 410, alpha: 0.34, beta: 0.28 });
    expect(degenerateFitReasons({ fit, rows })).toEqual(["the asymptote -0.4 is below 0, which a positive score cannot reach"]);
  });

  it("names zero-width bootstrap draws (the seeded N × D data-constrained fit), not draws that vary", () => {
    const rows = rowsOf((x) => 5 * x ** -0.3);
    const fit = fitOf("power-law", { K: 5, a: -0.3 });
    const same = Array.from({ length: 20 }, () => ({ K: 5, a: -0.3 }));
    expect(degenerateFitReasons({ fit, rows, draws: same })).toEqual([
      "the bootstrap draws collapsed: K, a have a zero-width interval (every resample refitted to the same value)",
    ]);
    const random = createRandom(7);
    const varied = same.map((d) => ({ K: d.K * (1 + 0.01 * (random.next() - 0.5)), a: d.a + 0.01 * (random.next() - 0.5) }));
    expect(degenerateFitReasons({ fit, rows, draws: varied })).toEqual([]);
  });

  it("does not count a base the data-constrained fit holds fixed as collapsed draws; with fitBase it does", () => {
    const rows: Observation[] = [];
    for (const n of [1e8, 1e9]) for (const d of [1e9, 1e10]) rows.push({ n, d, u: 1e9, y: 2 + 400 / n ** 0.34 });
    const fit = fitOf("data-constrained", { ...MUENNIGHOFF_C4 });
    const random = createRandom(11);
    const draws = Array.from({ length: 20 }, () => ({ ...MUENNIGHOFF_C4, RDstar: MUENNIGHOFF_C4.RDstar * (1 + 0.1 * random.next()), RNstar: MUENNIGHOFF_C4.RNstar * (1 + 0.1 * random.next()) }));
    expect(degenerateFitReasons({ fit, rows, draws, options: {} })).toEqual([]);
    expect(degenerateFitReasons({ fit, rows, draws, options: { fitBase: true } })).toEqual([
      "the bootstrap draws collapsed: E, A, B, alpha, beta have a zero-width interval (every resample refitted to the same value)",
    ]);
  });

  it("does not call a steep but gradual curve a step", () => {
    const rows = rowsOf((x) => 0.8 - 3 * x ** -0.6);
    const fit = fitOf("saturating-power-law", { E: 0.8, A: 3, alpha: 0.6 });
    expect(predictModel("saturating-power-law", fit.params, { x: 1e3 }, "higher")).toBeGreaterThan(0);
    expect(degenerateFitReasons({ fit, rows, direction: "higher" })).toEqual([]);
  });
});

describe.skipIf(!anchorsPresent)("degenerateFitReasons on published data", () => {
  it("flags neither Hoffmann et al.'s parameters on the Epoch rows nor the fits model selection ranks there", () => {
    const rows = epochChinchillaPoints();
    const hoffmann = fitOf("chinchilla", { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 });
    expect(degenerateFitReasons({ fit: hoffmann, rows })).toEqual([]);
    for (const s of selectModel(rows)) expect(degenerateFitReasons({ fit: s.fit!, rows }), s.model).toEqual([]);
  });

  it("flags neither Muennighoff et al.'s data-constrained parameters on the datablations runs nor BNSL on 4-digit addition", () => {
    const runs = readAnchorCsv("datablations_c4_runs.csv").map((r) => ({
      n: Number(r.params_N),
      d: Number(r.tokens_D),
      u: Number(r.unique_tokens_U),
      y: Number(r.val_loss),
    }));
    expect(degenerateFitReasons({ fit: fitOf("data-constrained", MUENNIGHOFF_C4), rows: runs })).toEqual([]);
    const addition = readAnchorCsv("bnsl_4digit_addition.csv").map((r) => ({ x: Number(r.train_set_size), y: Number(r.test_cross_entropy) }));
    expect(degenerateFitReasons({ fit: fitModel("bnsl", addition), rows: addition })).toEqual([]);
  });
});
