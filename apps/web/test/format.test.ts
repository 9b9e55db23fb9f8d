import { describe, expect, it } from "vitest";
import { DECISION_OUTCOME_LABELS, formatProbability, formatRecommendation, formatScale } from "../src/lib/format";

describe("formatProbability(p)", () => {
  it.each([
    [0, "< 1 %"],
    [0.004, "< 1 %"],
    [0.0099, "< 1 %"],
    [0.01, "1 %"],
    [0.5, "50 %"],
    [0.736, "74 %"],
    [0.99, "99 %"],
    [0.9901, "> 99 %"],
    [1, "> 99 %"],
    [null, "—"],
    [Number.NaN, "—"],
  ])("%s prints as %s", (p, text) => {
    expect(formatProbability(p)).toBe(text);
  });
});

describe("one spelling per recommendation", () => {
  it("names each action and decision outcome the same way", () => {
    expect(formatRecommendation("scale-further")).toBe("Scale further");
    expect(DECISION_OUTCOME_LABELS.scale_further).toBe(formatRecommendation("scale-further"));
    expect(DECISION_OUTCOME_LABELS.switch_strategy).toBe(formatRecommendation("switch"));
    expect(DECISION_OUTCOME_LABELS.plateau).toBe(formatRecommendation("plateau"));
    expect(formatRecommendation(undefined)).toBe("—");
  });
});

describe("formatScale(value)", () => {
  it.each([
    [37_267_800, "37.3M"],
    [1.3e9, "1.3B"],
    [5e12, "5T"],
    [1e21, "1e21"],
    [250, "250"],
  ])("%s prints as %s", (value, text) => {
    expect(formatScale(value)).toBe(text);
  });
});
