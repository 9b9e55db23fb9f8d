import { describe, expect, it } from "vitest";
import { fitHyperParameterLaw, fitHyperParameterLaws, suggestHyperParameters } from "./hyperparameter-law";
import { createRandom } from "./random";
import type { Point } from "./types";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// DeepSeek LLM 2024 (published): η_opt = 0.3118·C^−0.1250, B_opt = 0.2920·C^0.3271 tokens, fitted on
// budgets of about 1e17–3e20 FLOPs. Generated data: 12 budgets on a log grid, seeded log-normal noise.
const DEEPSEEK = { learningRate: { K: 0.3118, a: -0.125 }, batchSize: { K: 0.292, a: 0.3271 } };
function generated(K: number, a: number, sigma: number, seed: number): Point[] {
  const rng = createRandom(seed);
  return Array.from({ length: 12 }, (_, i) => {
    const c = Math.pow(10, 17 + (3.5 * i) / 11);
    return { x: c, y: K * Math.pow(c, a) * Math.exp(sigma * rng.normal()) };
  });
}

describe("fitHyperParameterLaw(points) recovers DeepSeek's laws from generated data", () => {
  const table = [
    { name: "η_opt = 0.3118·C^−0.125, clean", law: DEEPSEEK.learningRate, sigma: 0, tolA: 1e-12, tolK: 1e-10 },
    { name: "B_opt = 0.2920·C^0.3271, clean", law: DEEPSEEK.batchSize, sigma: 0, tolA: 1e-12, tolK: 1e-10 },
    // 5 % noise on 12 points spanning 3.5 decades: SE(a) ≈ 0.05/(√12·1.2·2.3) ≈ 5e-3.
    { name: "η_opt with 5 % noise", law: DEEPSEEK.learningRate, sigma: 0.05, tolA: 0.15, tolK: 1 },
    { name: "B_opt with 5 % noise", law: DEEPSEEK.batchSize, sigma: 0.05, tolA: 0.05, tolK: 1 },
  ];
  for (const row of table) {
    it(`recovers ${row.name}`, () => {
      const fit = fitHyperParameterLaw(generated(row.law.K, row.law.a, row.sigma, 21));
      expect(rel(fit.params.a, row.law.a)).toBeLessThan(row.tolA);
      expect(rel(fit.params.K, row.law.K)).toBeLessThan(row.tolK);
    });
  }
});

describe("suggestHyperParameters(laws, C)", () => {
  it("gives DeepSeek's published values at C = 1e20: η ≈ 9.86e-4, B ≈ 1.017e6 tokens", () => {
    const s = suggestHyperParameters(DEEPSEEK, 1e20);
    expect(s.learningRate).toBeCloseTo(0.3118 * Math.pow(1e20, -0.125), 12);
    expect(rel(s.learningRate, 9.86e-4)).toBeLessThan(1e-3);
    expect(rel(s.batchSize, 1.0172e6)).toBeLessThan(1e-3);
  });
  it("suggests from fitted laws within 10 % of the published laws' values at 1e21 (beyond the fitted range)", () => {
    const fits = fitHyperParameterLaws({
      learningRate: generated(0.3118, -0.125, 0.02, 4),
      batchSize: generated(0.292, 0.3271, 0.02, 5),
    });
    const ours = suggestHyperParameters(fits, 1e21);
    const published = suggestHyperParameters(DEEPSEEK, 1e21);
    expect(rel(ours.learningRate, published.learningRate)).toBeLessThan(0.1);
    expect(rel(ours.batchSize, published.batchSize)).toBeLessThan(0.1);
  });
  it("learning rate falls and batch size grows with compute", () => {
    const small = suggestHyperParameters(DEEPSEEK, 1e18);
    const large = suggestHyperParameters(DEEPSEEK, 1e22);
    expect(large.learningRate).toBeLessThan(small.learningRate);
    expect(large.batchSize).toBeGreaterThan(small.batchSize);
  });
  it("throws for a non-positive budget", () => {
    expect(() => suggestHyperParameters(DEEPSEEK, 0)).toThrow("compute budget must be a positive number of FLOPs, got 0");
  });
});

describe("fitHyperParameterLaws(sets) errors name the law", () => {
  it("prefixes the validation message with the law's name", () => {
    expect(() => fitHyperParameterLaws({ batchSize: [{ x: 1e18, y: 1e6 }] })).toThrow(
      "batchSize law: power-law fit needs at least 2 points, got 1",
    );
  });
});
