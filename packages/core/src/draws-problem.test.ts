import { describe, expect, it } from "vitest";
import { drawsProblemAt } from "./draws-problem";
import { fittedModel } from "./scale-curve";
import { SCORE_INTERVAL_PROBLEMS } from "./score-interval-check";

const rows = [1, 10, 100].map((x) => ({ x, y: 10 * x ** -0.2 }));
const fit = { model: "power-law" as const, params: { K: 10, a: -0.2 } };
const steady = [-0.19, -0.2, -0.21, -0.2, -0.2].map((a) => ({ K: 10, a }));

describe("drawsProblemAt(fitted, s, level)", () => {
  it("finds nothing wrong with steady draws, or without draws", () => {
    expect(drawsProblemAt(fittedModel(fit, rows, { draws: steady }), 1e3, 0.9)).toBeUndefined();
    expect(drawsProblemAt(fittedModel(fit, rows), 1e3, 0.9)).toBeUndefined();
  });

  it("names the failed refits when too many failed", () => {
    const f = fittedModel(fit, rows, { draws: steady, failedDraws: 5 });
    expect(drawsProblemAt(f, 1e3, 0.9)).toBe(SCORE_INTERVAL_PROBLEMS.manyFailedRefits(5, 10, 0.2));
  });

  it("names an interval at s that spans too many decades", () => {
    const wild = [-2, -1, -0.2, 0.5, 1].map((a) => ({ K: 10, a }));
    expect(drawsProblemAt(fittedModel(fit, rows, { draws: wild }), 1e3, 0.9)).toMatch(/^the interval spans \d+\.\d orders of magnitude \(more than 2\)$/);
  });
});
