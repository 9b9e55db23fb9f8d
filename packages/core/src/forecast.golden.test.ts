/**
 * Golden backtests on published data (read from the shared anchors, never copied):
 * - BNSL 4-digit addition (Caballero et al. 2022): fit the first 14 points, extrapolate the last 3; the
 *   authors' fit misses the 3 held-out points by 0.0109 in root mean square of ln(ŷ/y).
 * - Datablations (Muennighoff et al. 2023): the repository README's reference predictions of the
 *   data-constrained law through the registry.
 */
import { describe, expect, it } from "vitest";
import { anchorsPresent, readAnchorCsv } from "../test/anchors";
import { backtest } from "./forecast";
import { MUENNIGHOFF_C4 } from "./data-constrained";
import { predictModel } from "./models";
import { fittedModel, valueAt } from "./scale-curve";

describe.skipIf(!anchorsPresent)("backtest on published data", () => {
  it("bnsl on 4-digit addition: 14 points fitted, 3 held out, log error 0.0109 as published", () => {
    const rows = readAnchorCsv("bnsl_4digit_addition.csv").map((r) => ({
      x: Number(r.train_set_size),
      y: Number(r.test_cross_entropy),
    }));
    expect(rows).toHaveLength(17);
    const bt = backtest("bnsl", rows, { holdoutFraction: 3 / 17 });
    expect(bt.trainSize).toBe(14);
    expect(bt.heldOut).toHaveLength(3);
    expect(bt.rmseLog).toBeCloseTo(0.0109, 4);
    expect(bt.fit.params.d1! / 612.5836).toBeCloseTo(1, 3);
  });
});

describe("data-constrained law through the registry", () => {
  it("reproduces the README's reference values 2.2256441 and 2.2269634", () => {
    expect(predictModel("data-constrained", MUENNIGHOFF_C4, { n: 6.34e9, d: 242e9, u: 25e9 })).toBeCloseTo(2.2256441, 6);
    expect(predictModel("data-constrained", MUENNIGHOFF_C4, { n: 8.67e9, d: 178e9, u: 25e9 })).toBeCloseTo(2.2269634, 6);
  });
  it("with unique data held at 25e9 tokens, more compute helps less and less, and never passes E", () => {
    const f = fittedModel({ model: "data-constrained", params: { ...MUENNIGHOFF_C4 } }, [{ n: 1e9, d: 25e9, u: 25e9, y: 2.3 }]);
    expect(f.uniqueTokens).toBe(25e9);
    const v = [1e21, 1e22, 1e23, 1e24, 1e25].map((c) => valueAt(f, c));
    for (let i = 1; i < v.length; i++) expect(v[i]!).toBeLessThan(v[i - 1]!);
    const gains = v.slice(1).map((x, i) => v[i]! - x);
    expect(gains[3]!).toBeLessThan(gains[0]!);
    expect(v[4]!).toBeGreaterThan(MUENNIGHOFF_C4.E);
  });
});
