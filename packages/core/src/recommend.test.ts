import { describe, expect, it } from "vitest";
import { PUBLISHED_LAWS } from "./plan";
import { RECOMMEND_DEFAULTS, recommend } from "./recommend";
import type { FittedModel } from "./scale-curve";

const powerLaw = (K: number, a: number, draws: { K: number; a: number }[] = []): FittedModel => ({
  model: "power-law",
  params: { K, a },
  draws,
  frontier: 1e6,
  smallest: 1e3,
  direction: "lower",
});

describe("recommend(fit)", () => {
  it("documents its thresholds in one place", () => {
    expect(RECOMMEND_DEFAULTS).toEqual({
      minRelativeGainPer10x: 0.01,
      minRelativeHeadroom: 0.01,
      switchProbability: 0.8,
      maxIntervalToGain: 1,
      targetFactor: 10,
    });
  });

  it("scale-further when 10× buys 1 − 10^-0.1 = 20.6% of the score", () => {
    const r = recommend(powerLaw(10, -0.1));
    expect(r.action).toBe("scale-further");
    expect(r.confidence).toBe("high");
    expect(r.numbers.relativeGainPer10x).toBeCloseTo(1 - 10 ** -0.1, 10);
    // At the frontier 1e6 the score is 10·10^-0.6 = 2.51; 10× buys 2.51·(1 − 10^-0.1) = 0.517.
    expect(r.reasons[0]).toBe("10× more scale than the largest run is forecast to improve the score by 0.517, 21 % of its score 2.51; less than 1 % would be a plateau");
  });

  it("low confidence, the degenerate reasons first, for a degenerate fit that would otherwise be confident", () => {
    const r = recommend(powerLaw(10, -0.1), { degenerate: ["the fit did not converge: iteration limit", "exponent a = 9 is beyond ±5"] });
    expect(r.action).toBe("scale-further");
    expect(r.confidence).toBe("low");
    expect(r.reasons[0]).toBe("low confidence: the fit is degenerate (the fit did not converge: iteration limit; exponent a = 9 is beyond ±5)");
    expect(recommend(powerLaw(10, -0.1), { degenerate: [] }).confidence).toBe("high");
  });

  it("plateau when 10× buys 1 − 10^-0.004 = 0.92% < 1%", () => {
    const r = recommend(powerLaw(10, -0.004));
    expect(r.action).toBe("plateau");
    expect(r.numbers.relativeGainPer10x).toBeCloseTo(1 - 10 ** -0.004, 10);
    // Score 10·10^-0.024 = 9.46 at the frontier; 10× buys 9.46·0.00917 = 0.0868.
    expect(r.reasons[0]).toBe("10× more scale than the largest run is forecast to improve the score by 0.0868, 0.92 % of its score 9.46; less than 1 % would be a plateau");
  });

  it("plateau on headroom: Hoffmann's law at C = 1e33 is 0.54% above E", () => {
    const f: FittedModel = {
      model: "chinchilla",
      params: { ...PUBLISHED_LAWS["hoffmann-2022"].params },
      draws: [],
      frontier: 1e33,
      smallest: 1e30,
      direction: "lower",
    };
    const r = recommend(f, { thresholds: { minRelativeGainPer10x: 0 } });
    expect(r.action).toBe("plateau");
    expect(r.numbers.relativeHeadroom).toBeGreaterThan(0.004);
    expect(r.numbers.relativeHeadroom).toBeLessThan(0.01);
    expect(r.reasons[0]).toMatch(/^the largest run's score 1\.7 is 0\.00\d+ from the fitted limit 1\.69, 0\.\d+ % of the score; within 1 % would be a plateau$/);
    expect(r.reasons[0]).not.toMatch(/e[+-]\d/);
  });

  it("switch when the alternative wins at 10× the frontier in every pair of draws", () => {
    const mine = powerLaw(10, -0.1, [{ K: 10, a: -0.1 }, { K: 10.2, a: -0.1 }]);
    const alt = powerLaw(8, -0.1, [{ K: 8, a: -0.1 }, { K: 8.1, a: -0.1 }]);
    const r = recommend(mine, { alternative: { label: "web crawl v2", fitted: alt } });
    expect(r.action).toBe("switch");
    expect(r.numbers.probabilityAlternativeBetter).toBe(1);
    expect(r.reasons[0]).toMatch(/^at the target scale web crawl v2 is forecast at [\d.]+ against [\d.]+: better with probability 100 %; 80 % or more means switch$/);
    const worse = recommend(alt, { alternative: { label: "old", fitted: mine } });
    expect(worse.action).toBe("scale-further");
    expect(worse.numbers.probabilityAlternativeBetter).toBe(0);
  });

  it("low confidence when the gain interval straddles the plateau threshold", () => {
    const r = recommend(powerLaw(10, -0.05, [{ K: 10, a: -0.001 }, { K: 10, a: -0.05 }, { K: 10, a: -0.1 }]));
    expect(r.action).toBe("scale-further");
    expect(r.confidence).toBe("low");
    // The plateau line is 1 % of the score 10·10^-0.3 = 5.01; the draws a = −0.001 and −0.1 bound the gain.
    expect(r.reasons).toContain("low confidence: the 95 % interval of the gain per 10× (0.0474 to 0.544) straddles the plateau line at 0.0501");
  });
});
