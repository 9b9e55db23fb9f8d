import { describe, expect, it } from "vitest";
import { FORECAST_ERRORS, backtest, forecast, predictAt, splitByScale } from "./forecast";
import { bootstrapModel, fitModel, type Observation } from "./models";
import { computeForLoss, optimalLoss, PUBLISHED_LAWS } from "./plan";
import { createRandom } from "./random";
import { fittedModel, scaleForValue, valueAt, type FittedModel } from "./scale-curve";

const xs = [1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6];
const powerRows = (K: number, a: number, noise = 0, seed = 1): Observation[] => {
  const rng = createRandom(seed);
  return xs.map((x) => ({ x, y: K * x ** a * Math.exp(noise * rng.normal()) }));
};

describe("forecast(fitted) on a single-axis model", () => {
  const rows = powerRows(50, -0.25);
  const f = fittedModel(fitModel("power-law", rows), rows);
  it("y = 50·x^-0.25: frontier, gains per doubling and per 10×, asymptote 0", () => {
    const fc = forecast(f, { at: [1e8], target: 0.5 });
    const y = (x: number) => 50 * x ** -0.25;
    expect(fc.frontier.scale).toBe(1e6);
    expect(fc.frontier.value).toBeCloseTo(y(1e6), 10);
    expect(fc.at[0]!.value).toBeCloseTo(y(1e8), 10);
    expect(fc.gainPerDoubling).toBeCloseTo(y(1e6) - y(2e6), 10);
    expect(fc.gainPer10x).toBeCloseTo(y(1e6) - y(1e7), 10);
    expect(fc.asymptote).toBe(0);
    expect(fc.distanceToAsymptote).toBeCloseTo(y(1e6), 10);
    expect(fc.target!.scale! / (0.5 / 50) ** (1 / -0.25)).toBeCloseTo(1, 8);
  });
  it("gains are improvements: for a higher-is-better score they are positive when y rises", () => {
    const acc = xs.map((x) => ({ x, y: 0.2 + 0.1 * Math.log10(x) }));
    const g = fittedModel(fitModel("log-linear", acc), acc, { direction: "higher" });
    expect(forecast(g).gainPer10x).toBeCloseTo(0.1, 10);
    expect(forecast(g).asymptote).toBeUndefined();
  });
  it("the bootstrap interval at 10× the frontier contains the true value for noisy data", () => {
    const noisy = powerRows(50, -0.25, 0.02, 3);
    const boot = bootstrapModel("power-law", noisy, { resamples: 200, seed: 5 });
    const g = fittedModel(boot.fit, noisy, { draws: boot.draws });
    const p = predictAt(g, 1e7);
    expect(p.interval!.lower).toBeLessThan(50 * 1e7 ** -0.25);
    expect(p.interval!.upper).toBeGreaterThan(50 * 1e7 ** -0.25);
    expect(p.interval!.upper - p.interval!.lower).toBeLessThan(0.2 * p.value);
  });
  it("throws for a bad scale or level", () => {
    expect(() => predictAt(f, 0)).toThrow("forecast scale must be a positive number, got 0");
    expect(() => predictAt(f, 10, 1.5)).toThrow("interval level must be between 0 and 1, got 1.5");
  });
});

describe("scale curve of a joint model (compute on the compute-optimal allocation)", () => {
  const law = PUBLISHED_LAWS["hoffmann-2022"].params;
  const f: FittedModel = {
    model: "chinchilla",
    params: { ...law },
    draws: [],
    frontier: 1e22,
    smallest: 1e18,
    direction: "lower",
  };
  it.each([1e18, 1e21, 5.76e23, 1e26])("valueAt(C = %d) equals the closed-form frontier loss of plan.ts", (c) => {
    expect(valueAt(f, c)).toBeCloseTo(optimalLoss(law, c), 9);
  });
  it("the numeric inverse agrees with computeForLoss", () => {
    const target = 2.0;
    expect(scaleForValue(f, target)! / computeForLoss(law, target).compute).toBeCloseTo(1, 6);
    expect(scaleForValue(f, 1.6)).toBeNull();
  });
});

describe("backtest(model, rows)", () => {
  it("holds out the largest 30% of the 7 distinct scales (2 of them), repeats included", () => {
    const rows = [...powerRows(50, -0.25), { x: 1e6, y: 1.6 }];
    expect(splitByScale("power-law", rows, 0.2).cutoff).toBe(1e6);
    const { train, test, cutoff } = splitByScale("power-law", rows, 0.3);
    expect(cutoff).toBe(3e5);
    expect(test.map((r) => r.x)).toEqual([3e5, 1e6, 1e6]);
    expect(train).toHaveLength(5);
  });
  it("predicts a noiseless power law exactly, and misses a saturating curve by over-extrapolating", () => {
    const exact = backtest("power-law", powerRows(50, -0.25));
    expect(exact.rmseLog).toBeLessThan(1e-9);
    expect(exact.heldOut).toHaveLength(1);
    const saturating = xs.map((x) => ({ x, y: 2 + 30 * x ** -0.3 }));
    const bt = backtest("power-law", saturating, { holdoutFraction: 0.3 });
    expect(bt.heldOut.every((r) => r.predicted < r.actual)).toBe(true);
    expect(bt.meanAbsoluteRelativeError).toBeGreaterThan(0.01);
  });
  it("throws when too few rows remain, or for a bad fraction", () => {
    expect(() => backtest("power-law", powerRows(1, -1).slice(0, 2), { holdoutFraction: 0.5 })).toThrow(
      FORECAST_ERRORS.tooFewToHoldOut("power-law", 1, 2),
    );
    expect(FORECAST_ERRORS.tooFewToHoldOut("power-law", 1, 2)).toBe(
      "backtest of power-law leaves 1 points to fit after holding out the largest scales; it needs at least 2",
    );
    expect(() => backtest("power-law", powerRows(1, -1), { holdoutFraction: 1 })).toThrow(
      "backtest holdout fraction must be between 0 and 1, got 1",
    );
  });
});
