import { describe, expect, it } from "vitest";
import { goldenSectionMinimum, minimizeOnGrid } from "./minimize-scalar";

describe("goldenSectionMinimum(f, lo, hi)", () => {
  it("finds the minimum of a unimodal function to √ε (a flat bottom) with one evaluation per step", () => {
    let calls = 0;
    const x = goldenSectionMinimum((v) => (calls++, (v - 0.3) ** 2 + Math.cosh(v - 0.3)), -5, 7);
    expect(x).toBeCloseTo(0.3, 7);
    expect(calls).toBe(102);
  });
});

describe("minimizeOnGrid(f, lo, hi)", () => {
  it("finds the lower of two dips, where golden-section alone lands in the other", () => {
    const f = (x: number) => Math.min((x + 2) ** 2 + 0.1, 3 * (x - 3) ** 2);
    expect(goldenSectionMinimum(f, -4, 4)).toBeCloseTo(-2, 6);
    const best = minimizeOnGrid(f, -4, 4);
    expect(best.x).toBeCloseTo(3, 8);
    expect(best.value).toBeCloseTo(0, 14);
    expect(best.atEdge).toBe(false);
  });

  it("says when the best grid point is an end of the interval", () => {
    expect(minimizeOnGrid((x) => x, 1, 2)).toMatchObject({ x: 1, atEdge: true });
  });

  it("throws for an empty interval or fewer than 3 grid points", () => {
    expect(() => minimizeOnGrid((x) => x, 2, 2)).toThrow("minimizeOnGrid needs lo < hi and at least 3 grid points, got [2, 2] and 200");
    expect(() => minimizeOnGrid((x) => x, 0, 1, { gridPoints: 2 })).toThrow("minimizeOnGrid needs lo < hi and at least 3 grid points, got [0, 1] and 2");
  });
});
