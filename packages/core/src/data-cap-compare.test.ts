import { describe, expect, it } from "vitest";
import { DATA_STRATEGY_MESSAGES, dataStrategyProblem, uniqueTokensToMatch, type DataStrategySide } from "./data-cap-compare";
import { planUnderDataCap } from "./data-cap-plan";
import { MUENNIGHOFF_C4 } from "./data-constrained";

const rel = (x: number, y: number) => Math.abs(x - y) / Math.abs(y);
const input = { compute: 1e22, uniqueTokens: 5e10 };

describe("uniqueTokensToMatch(a, b, {compute, uniqueTokens})", () => {
  it("is U_A itself (multiplier 1) for the same law", () => {
    const match = uniqueTokensToMatch(MUENNIGHOFF_C4, MUENNIGHOFF_C4, input);
    expect(rel(match.uniqueTokens!, 5e10)).toBeLessThan(1e-9);
    expect(match.multiplier).toBeCloseTo(1, 9);
  });

  it("finds the U_B whose capped plan reaches A's loss; data that repeats better needs fewer unique tokens", () => {
    const repeatsBetter = { ...MUENNIGHOFF_C4, RDstar: 40 };
    const match = uniqueTokensToMatch(MUENNIGHOFF_C4, repeatsBetter, input);
    expect(match.multiplier!).toBeLessThan(1);
    expect(match.targetLoss).toBe(planUnderDataCap(MUENNIGHOFF_C4, input).capped.loss);
    expect(planUnderDataCap(repeatsBetter, { compute: 1e22, uniqueTokens: match.uniqueTokens! }).capped.loss).toBeCloseTo(match.targetLoss, 12);
    // And the other way round, more than U_A.
    expect(uniqueTokensToMatch(repeatsBetter, MUENNIGHOFF_C4, input).multiplier!).toBeGreaterThan(1);
  });

  it("is null when B cannot reach A's loss at this budget even with unlimited data", () => {
    const worse = { ...MUENNIGHOFF_C4, E: MUENNIGHOFF_C4.E + 0.1 };
    expect(uniqueTokensToMatch(MUENNIGHOFF_C4, worse, input)).toEqual({ targetLoss: planUnderDataCap(MUENNIGHOFF_C4, input).capped.loss, uniqueTokens: null, multiplier: null });
  });

  it("throws planUnderDataCap's InputError for a bad cap", () => {
    expect(() => uniqueTokensToMatch(MUENNIGHOFF_C4, MUENNIGHOFF_C4, { compute: 1e22, uniqueTokens: 0 })).toThrow(
      expect.objectContaining({ name: "InputError", message: "unique-token cap must be a positive number of tokens, got 0" }),
    );
  });
});

describe("dataStrategyProblem(a, b)", () => {
  const side = (over: Partial<DataStrategySide> = {}): DataStrategySide => ({ label: "Web · repeats", model: "data-constrained", axes: ["N", "D", "U"], metric: "loss", ...over });

  it("accepts two data-constrained fits on the same axes (in any order and case) and metric", () => {
    expect(dataStrategyProblem(side(), side({ label: "Code", axes: ["u", "N", "D"] }))).toBeUndefined();
  });

  it.each<[string, DataStrategySide, DataStrategySide, ReturnType<typeof dataStrategyProblem>]>([
    ["a chinchilla fit first", side({ label: "Web", model: "chinchilla" }), side(), { side: "a", message: DATA_STRATEGY_MESSAGES.notDataConstrained("Web", "chinchilla") }],
    ["a power-law fit second", side(), side({ label: "Code", model: "power-law", axes: ["D"] }), { side: "b", message: DATA_STRATEGY_MESSAGES.notDataConstrained("Code", "power-law") }],
    ["different axes", side(), side({ axes: ["N", "D"] }), { side: "both", message: "the two fits are on different axes (N, D, U against N, D); compare data strategies fitted on the same axes" }],
    ["different metrics", side(), side({ metric: "val_loss" }), { side: "both", message: "the two fits measure different metrics (loss against val_loss)" }],
  ])("names %s", (_label, a, b, problem) => {
    expect(dataStrategyProblem(a, b)).toEqual(problem);
  });
});
