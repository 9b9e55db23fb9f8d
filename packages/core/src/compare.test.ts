import { describe, expect, it } from "vitest";
import { COMPARE_ERRORS, crossover, effectiveDataMultiplier, probabilityBetter, rankAt } from "./compare";
import type { FittedModel } from "./scale-curve";

/** A power-law curve K·x^a observed on [1e2, 1e5], with optional draws. */
function powerLaw(K: number, a: number, draws: { K: number; a: number }[] = [], direction: "lower" | "higher" = "lower"): FittedModel {
  return { model: "power-law", params: { K, a }, draws, frontier: 1e5, smallest: 1e2, direction };
}
/** A flat curve at value v (a = 0), draws at the given values. */
const flat = (v: number, draws: number[], direction: "lower" | "higher" = "lower") =>
  powerLaw(v, 0, draws.map((K) => ({ K, a: 0 })), direction);

describe("crossover(a, b)", () => {
  it("10·x^-0.3 and 20·x^-0.4 cross at x = 2^10 = 1024, after which B leads", () => {
    const c = crossover(powerLaw(10, -0.3), powerLaw(20, -0.4));
    expect(c.scale).toBeCloseTo(1024, 6);
    expect(c.leaderAfter).toBe("b");
  });
  it("parallel curves never cross", () => {
    expect(crossover(powerLaw(10, -0.3), powerLaw(12, -0.3)).scale).toBeNull();
  });
  it("the interval over paired draws covers each draw's own crossover (2^(1/(0.4-a)))", () => {
    const exps = [0.29, 0.3, 0.31, 0.32, 0.28];
    const a = powerLaw(10, -0.3, exps.map((e) => ({ K: 10, a: -e })));
    const b = powerLaw(20, -0.4, exps.map(() => ({ K: 20, a: -0.4 })));
    const c = crossover(a, b, { level: 0.999 });
    const truths = exps.map((e) => 2 ** (1 / (0.4 - e)));
    expect(c.crossingShare).toBe(1);
    expect(c.interval!.lower).toBeCloseTo(Math.min(...truths), 0);
    expect(c.interval!.upper / Math.max(...truths)).toBeCloseTo(1, 2);
  });
});

describe("effectiveDataMultiplier(a, b, s)", () => {
  it("same exponent, B 20% worse: B needs (10/12)^(1/-0.3) = 1.2^(10/3) times more data", () => {
    const m = effectiveDataMultiplier(powerLaw(10, -0.3), powerLaw(12, -0.3), 1e4);
    expect(m.multiplier).toBeCloseTo(1.2 ** (10 / 3), 9);
    expect(m.targetValue).toBeCloseTo(10 * 1e4 ** -0.3, 12);
  });
  it("is null when B never reaches A's score", () => {
    expect(effectiveDataMultiplier(powerLaw(10, -0.3), flat(5, []), 1e4).multiplier).toBeNull();
  });
});

describe("probabilityBetter(a, b, s)", () => {
  it("counts every pair of draws: {1,2,3} vs {2.5,3.5} is 5/6 when lower is better, 1/6 when higher", () => {
    expect(probabilityBetter(flat(2, [1, 2, 3]), flat(3, [2.5, 3.5]), 1e3)).toBeCloseTo(5 / 6, 12);
    expect(probabilityBetter(flat(2, [1, 2, 3], "higher"), flat(3, [2.5, 3.5], "higher"), 1e3)).toBeCloseTo(1 / 6, 12);
  });
  it("counts ties as one half", () => {
    expect(probabilityBetter(flat(2, [1, 2, 3]), flat(2, [2]), 1e3)).toBeCloseTo(0.5, 12);
  });
  it("matches a brute-force count over random draws", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const va = Array.from({ length: 57 }, () => Math.round(rnd() * 20) / 4);
    const vb = Array.from({ length: 41 }, () => Math.round(rnd() * 20) / 4);
    let wins = 0;
    for (const x of va) for (const y of vb) wins += x < y ? 1 : x === y ? 0.5 : 0;
    expect(probabilityBetter(flat(1, va), flat(1, vb), 10)).toBeCloseTo(wins / (va.length * vb.length), 12);
  });
});

describe("rankAt(entries, s)", () => {
  it("orders by score in the metric's direction, with the probability of being best", () => {
    const entries = [
      { label: "mid", fitted: flat(2, [2, 2, 0.5]) },
      { label: "low", fitted: flat(1, [1, 1, 1]) },
      { label: "high", fitted: flat(3, [3, 3, 3]) },
    ];
    const ranked = rankAt(entries, 1e3);
    expect(ranked.map((r) => r.label)).toEqual(["low", "mid", "high"]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(ranked[0]!.probabilityBest).toBeCloseTo(2 / 3, 12);
    expect(ranked[1]!.probabilityBest).toBeCloseTo(1 / 3, 12);
    const higher = rankAt(entries.map((e) => ({ ...e, fitted: { ...e.fitted, direction: "higher" as const } })), 1e3);
    expect(higher.map((r) => r.label)).toEqual(["high", "mid", "low"]);
  });
});

describe("compare errors", () => {
  it("each problem has its own message", () => {
    expect(() => crossover(flat(1, []), flat(1, [], "higher"))).toThrow(COMPARE_ERRORS.direction());
    expect(COMPARE_ERRORS.direction()).toBe("cannot compare a lower-is-better metric with a higher-is-better one");
    const joint: FittedModel = { model: "chinchilla", params: { E: 1, A: 1, B: 1, alpha: 0.3, beta: 0.3 }, draws: [], frontier: 1e20, smallest: 1e18, direction: "lower" };
    expect(() => crossover(flat(1, []), joint)).toThrow(
      "cannot compare power-law with chinchilla: one is a function of x and the other of compute (6·N·D)",
    );
    expect(() => probabilityBetter(flat(1, []), flat(1, [1]), 10)).toThrow(
      "probability needs bootstrap draws for A (power-law); fit it with bootstrap resamples first",
    );
    expect(() => rankAt([], 10)).toThrow("ranking needs at least one fitted methodology");
    expect(() => effectiveDataMultiplier(flat(1, []), flat(1, []), -1)).toThrow(
      "comparison scale must be a positive number, got -1",
    );
  });
});
