import { describe, expect, it } from "vitest";
import { recommendationSentence, type SentenceInput } from "../src/components/overview/recommendation-sentence";

const entry = (over: Partial<SentenceInput> & { sweep?: Partial<SentenceInput["sweep"]> }): SentenceInput => ({
  gainPer10x: 0.045,
  gainPer10xInterval: [0.039, 0.051],
  forecast: { value: 0.82 },
  recommendation: { action: "scale-further" },
  ...over,
  sweep: { axes: ["D"], metric: "accuracy", direction: "higher", ...over.sweep },
});

describe("recommendationSentence(entry)", () => {
  it("speaks a fraction metric's gain per 10× in points, with its interval", () => {
    expect(recommendationSentence(entry({}))).toBe("Scale further: the next 10× of data is forecast to add 4.5 accuracy points (3.9–5.1).");
  });

  it("a lower-is-better metric in its own units, along compute for an N × D sweep", () => {
    const loss = entry({ sweep: { axes: ["N", "D"], metric: "loss", direction: "lower" }, gainPer10x: 0.0312, gainPer10xInterval: [0.0281, 0.0344], forecast: { value: 1.93 } });
    expect(recommendationSentence(loss)).toBe("Scale further: the next 10× of compute is forecast to lower loss by 0.031 (0.028–0.034).");
  });

  it("an error rate is cut by points; a plateau says only, after the label's own colon a dash", () => {
    const error = entry({ sweep: { metric: "error", direction: "lower" }, gainPer10x: 0.0021, gainPer10xInterval: [0.0012, 0.003], forecast: { value: 0.31 }, recommendation: { action: "plateau" } });
    expect(recommendationSentence(error)).toBe("Plateau: move on — the next 10× of data is forecast to cut error by only 0.21 points (0.12–0.3).");
  });

  it("a law that gets worse with scale says so, its interval as a loss; no interval, no brackets", () => {
    const worse = entry({ gainPer10x: -0.012, gainPer10xInterval: [-0.02, -0.004] });
    expect(recommendationSentence(worse)).toBe("Scale further: the next 10× of data is forecast to make accuracy worse by 1.2 points (0.4–2).");
    expect(recommendationSentence(entry({ gainPer10xInterval: undefined }))).toBe("Scale further: the next 10× of data is forecast to add 4.5 accuracy points.");
  });

  it("an accuracy above 1 is not a fraction; no recommendation, no sentence", () => {
    expect(recommendationSentence(entry({ forecast: { value: 71.2 }, gainPer10x: 4.5, gainPer10xInterval: [3.9, 5.1] }))).toBe("Scale further: the next 10× of data is forecast to raise accuracy by 4.5 (3.9–5.1).");
    expect(recommendationSentence(entry({ recommendation: null }))).toBeNull();
  });
});
