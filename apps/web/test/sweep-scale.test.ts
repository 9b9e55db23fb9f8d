import { describe, expect, it } from "vitest";
import { sweepScaleAxis } from "../src/lib/sweep-scale";

describe("sweepScaleAxis", () => {
  it("draws an N, D sweep (with U or M beside) on compute 6·N·D, what its joint law's curve is evaluated on", () => {
    for (const axes of [["N", "D"], ["N", "D", "U"], ["N", "M", "D", "U"]]) {
      const axis = sweepScaleAxis(axes);
      expect(axis.label).toBe("compute C = 6·N·D (FLOPs)");
      expect(axis.of({ N: 1e8, M: 7e8, D: 2e9, U: 1e9 })).toBe(6 * 1e8 * 2e9);
    }
  });

  it("draws a sweep of FLOPs per token M and tokens D on compute C = M·D", () => {
    const axis = sweepScaleAxis(["M", "D"]);
    expect(axis.label).toBe("compute C = M·D (FLOPs)");
    expect(axis.of({ M: 7.2e8, D: 4e9 })).toBe(7.2e8 * 4e9);
  });

  it("draws a single-axis sweep on its axis", () => {
    expect(sweepScaleAxis(["D"]).label).toBe("tokens / examples D");
    expect(sweepScaleAxis(["D"]).of({ D: 3e9 })).toBe(3e9);
  });
});
