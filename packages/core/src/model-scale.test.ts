import { describe, expect, it } from "vitest";
import { modelScale } from "./model-scale";

const sig3 = (v: number) => Number(v.toPrecision(3));

describe("modelScale(shape)", () => {
  // DeepSeek LLM 2024, Table 3 (n_vocab 102400, l_seq 4096), as printed: N₁, N₂, M, 6N₁/M, 6N₂/M.
  it.each([
    [8, 512, 25.2e6, 77.6e6, 352e6, 0.43, 1.32],
    [12, 768, 84.9e6, 164e6, 963e6, 0.53, 1.02],
    [24, 1024, 302e6, 407e6, 3.02e9, 0.6, 0.81],
    [24, 2048, 1.21e9, 1.42e9, 9.66e9, 0.75, 0.88],
    [32, 4096, 6.44e9, 6.86e9, 45.1e9, 0.85, 0.91],
    [40, 5120, 12.6e9, 13.1e9, 85.6e9, 0.88, 0.92],
    [80, 8192, 64.4e9, 65.3e9, 419e9, 0.92, 0.94],
  ])("reproduces DeepSeek LLM Table 3 for %i layers of width %i", (layers, dModel, n1, n2, m, r1, r2) => {
    const s = modelScale({ layers, dModel, seqLen: 4096, vocab: 102400 });
    expect(sig3(s.nonEmbeddingParams)).toBe(n1);
    expect(sig3(s.totalParams)).toBe(n2);
    expect(sig3(s.flopsPerToken)).toBe(m);
    // The ratios are printed to two decimals, not always rounded (6N₁/M = 0.857 at 32 × 4096 is printed 0.85).
    expect(Math.abs((6 * s.nonEmbeddingParams) / s.flopsPerToken - r1)).toBeLessThan(0.01);
    expect(Math.abs((6 * s.totalParams) / s.flopsPerToken - r2)).toBeLessThan(0.01);
  });

  it("gives M for the DeepSeek 7B (30 layers, width 4096) and 67B (95 layers, width 8192) shapes, sequence 4096", () => {
    // 72·30·4096² + 12·30·4096·4096 = 36,238,786,560 + 6,039,797,760
    expect(modelScale({ layers: 30, dModel: 4096, seqLen: 4096, vocab: 102400 })).toEqual({
      flopsPerToken: 42_278_584_320,
      nonEmbeddingParams: 6_039_797_760,
      totalParams: 6_039_797_760 + 419_430_400,
    });
    // 72·95·8192² + 12·95·8192·4096 = 459,024,629,760 + 38,252,052,480
    expect(modelScale({ layers: 95, dModel: 8192, seqLen: 4096, vocab: 102400 }).flopsPerToken).toBe(497_276_682_240);
  });

  it("attention's share of M grows with the sequence length: M − 6N₁ = 12·n_layer·d_model·l_seq", () => {
    const short = modelScale({ layers: 30, dModel: 4096, seqLen: 2048, vocab: 102400 });
    const long = modelScale({ layers: 30, dModel: 4096, seqLen: 8192, vocab: 102400 });
    expect(long.flopsPerToken - 6 * long.nonEmbeddingParams).toBe(4 * (short.flopsPerToken - 6 * short.nonEmbeddingParams));
  });

  it.each([
    [{ layers: 0, dModel: 4096, seqLen: 4096, vocab: 102400 }, "transformer layers must be a positive integer, got 0"],
    [{ layers: 30, dModel: 40.5, seqLen: 4096, vocab: 102400 }, "transformer dModel must be a positive integer, got 40.5"],
    [{ layers: 30, dModel: 4096, seqLen: Number.NaN, vocab: 102400 }, "transformer seqLen must be a positive integer, got NaN"],
    [{ layers: 30, dModel: 4096, seqLen: 4096, vocab: -1 }, "transformer vocab must be a positive integer, got -1"],
  ])("throws an InputError for %o", (shape, message) => {
    expect(() => modelScale(shape)).toThrow(expect.objectContaining({ name: "InputError", message }));
  });
});
