import { describe, expect, it } from "vitest";
import { InputError } from "./input-error";
import {
  BOOTSTRAP_DEFAULTS,
  bootstrap,
  parameterIntervals,
  percentileInterval,
  predictionBand,
  quantile,
  resampleIndices,
} from "./bootstrap";
import { createRandom } from "./random";

const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

describe("quantile(values, q) and percentileInterval(values, level)", () => {
  it.each([
    // numpy.quantile(..., method="linear") answers
    { values: [1, 2, 3, 4], q: 0.5, expected: 2.5 },
    { values: [4, 1, 3, 2], q: 0.25, expected: 1.75 },
    { values: [10], q: 0.9, expected: 10 },
    { values: [0, 10], q: 0.975, expected: 9.75 },
    { values: [3, 1, 2], q: 0, expected: 1 },
    { values: [3, 1, 2], q: 1, expected: 3 },
  ])("quantile($values, $q) = $expected", ({ values, q, expected }) => {
    expect(quantile(values, q)).toBeCloseTo(expected, 12);
  });

  it("gives the 2.5th and 97.5th percentiles for level 0.95 (0..100 → [2.5, 97.5])", () => {
    const values = Array.from({ length: 101 }, (_, i) => 100 - i);
    const [lo, hi] = percentileInterval(values, 0.95);
    expect(lo).toBeCloseTo(2.5, 10);
    expect(hi).toBeCloseTo(97.5, 10);
    expect(percentileInterval(values, 0.5)).toEqual([25, 75]);
  });

  it.each([
    [() => quantile([], 0.5), "quantile needs at least one value, got none"],
    [() => quantile([1, NaN], 0.5), "quantile needs numbers: value 2 is NaN"],
    [() => quantile([1], 1.5), "quantile needs 0 ≤ q ≤ 1, got 1.5"],
    [() => percentileInterval([1, 2], 95), "interval level must be between 0 and 1 (e.g. 0.95), got 95"],
    [() => percentileInterval([], 0.9), "percentile interval needs at least one value, got none"],
  ])("throws %#", (call, message) => {
    expect(call).toThrow(expect.objectContaining({ message: message }));
  });
});

describe("bootstrap(data, refit, {resamples, seed})", () => {
  const rng = createRandom(1);
  const data = Array.from({ length: 200 }, () => 5 + 2 * rng.normal());

  it("gives the same draws for the same seed and different draws for another seed", () => {
    const refit = (s: number[]) => ({ mean: mean(s) });
    const a = bootstrap(data, refit, { resamples: 50, seed: 7 });
    const b = bootstrap(data, refit, { resamples: 50, seed: 7 });
    const c = bootstrap(data, refit, { resamples: 50, seed: 8 });
    expect(a.draws).toEqual(b.draws);
    expect(a.draws).not.toEqual(c.draws);
    expect(a).toMatchObject({ resamples: 50, seed: 7, failures: 0 });
  });

  it("uses the resamples of resampleIndices(n, resamples, seed), in order (paired resampling is possible)", () => {
    const seen: number[][] = [];
    bootstrap(
      data.map((_, i) => i),
      (s) => {
        seen.push(s);
        return { k: 0 };
      },
      { resamples: 5, seed: 3 },
    );
    expect(seen).toEqual(resampleIndices(data.length, 5, 3).map((idx) => Array.from(idx)));
  });

  it("matches the textbook standard error of the mean, σ/√n (within 10 % with 2,000 resamples)", () => {
    const { draws } = bootstrap(data, (s) => ({ mean: mean(s) }), { resamples: 2000, seed: 42 });
    const sd = Math.sqrt(data.reduce((s, v) => s + (v - mean(data)) ** 2, 0) / data.length);
    const se = parameterIntervals(draws, 0.95).mean.se;
    expect(Math.abs(se / (sd / Math.sqrt(data.length)) - 1)).toBeLessThan(0.1);
    // The 95 % interval of the mean covers ±1.96 SE around the sample mean.
    const { lo, hi, median } = parameterIntervals(draws, 0.95).mean;
    expect(Math.abs(median - mean(data))).toBeLessThan(0.1 * se * 10);
    expect(Math.abs((hi - lo) / (2 * 1.96 * se) - 1)).toBeLessThan(0.1);
  });

  it("counts refits that return null or throw as failures and keeps the first message", () => {
    let k = 0;
    const result = bootstrap(
      data,
      () => {
        k++;
        if (k % 4 === 0) return null;
        if (k % 5 === 0) throw new Error(`refit ${k} failed`);
        return { x: k };
      },
      { resamples: 20, seed: 1 },
    );
    expect(result.failures).toBe(5 + 4 - 1); // multiples of 4 (5) and of 5 (4), 20 counted once
    expect(result.draws).toHaveLength(20 - result.failures);
    expect(result.firstFailure).toBe("refit 5 failed");
  });

  it("reports progress after every resample", () => {
    const calls: [number, number][] = [];
    bootstrap(data, (s) => ({ m: s[0]! }), { resamples: 3, seed: 1, onProgress: (d, t) => calls.push([d, t]) });
    expect(calls).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it("documents its defaults (1,000 resamples, seed 42 as Epoch AI)", () => {
    expect(BOOTSTRAP_DEFAULTS).toEqual({ resamples: 1000, seed: 42 });
  });

  it.each([
    [{ resamples: 0 }, "bootstrap needs a positive whole number of resamples, got 0"],
    [{ resamples: 2.5 }, "bootstrap needs a positive whole number of resamples, got 2.5"],
    [{ seed: 0.5 }, "bootstrap seed must be an integer, got 0.5"],
  ])("rejects %o", (options, message) => {
    expect(() => bootstrap(data, () => ({ x: 1 }), options)).toThrow(new Error(message));
  });
  it("rejects empty data", () => {
    expect(() => bootstrap([], () => ({ x: 1 }))).toThrow(new InputError("too-few-points", "bootstrap needs at least one data point, got 0"));
  });
});

describe("predictionBand(draws, predict, at, level)", () => {
  it("gives the percentile band of the predictions at each scale", () => {
    // Draws of a slope k = 1..99: prediction k·x.
    const draws = Array.from({ length: 99 }, (_, i) => ({ k: i + 1 }));
    const band = predictionBand(draws, (p, x: number) => p.k * x, [1, 10], 0.9);
    expect(band[0]!.at).toBe(1);
    expect(band[0]!.median).toBe(50);
    expect(band[0]!.lo).toBeCloseTo(5.9, 10); // 0.05·98 = 4.9 → between k = 5 and 6
    expect(band[0]!.hi).toBeCloseTo(94.1, 10);
    expect(band[1]!.median).toBeCloseTo(500, 10);
    expect(band[1]!.lo).toBeCloseTo(10 * band[0]!.lo, 10);
  });
  it("drops non-finite predictions, and throws when none is left", () => {
    const draws = [{ k: 1 }, { k: 2 }, { k: 0 }];
    expect(predictionBand(draws, (p, x: number) => x / p.k, [4], 0.5)[0]!.median).toBe(3);
    expect(() => predictionBand(draws, () => NaN, [1, 2], 0.9)).toThrow(
      new InputError("non-finite", "prediction band: every draw predicts a non-finite value at scale 1"),
    );
    expect(() => predictionBand([], () => 1, [1], 0.9)).toThrow(new InputError("no-draws", "prediction band needs at least one bootstrap draw, got none"));
  });
  it("parameterIntervals needs draws", () => {
    expect(() => parameterIntervals([], 0.95)).toThrow(new InputError("no-draws", "parameter intervals need at least one bootstrap draw, got none"));
  });
});
