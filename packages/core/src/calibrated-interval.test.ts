import { describe, expect, it } from "vitest";
import {
  CALIBRATION_MESSAGES,
  calibrateExtrapolation,
  calibratedForecast,
  calibratedPrediction,
  calibrationAt,
  extrapolationBacktests,
} from "./calibrated-interval";
import { FORECAST_ERRORS } from "./forecast";
import { createRandom } from "./random";
import { fittedModel } from "./scale-curve";

/** y = 2 + 30·x^(−0.3) with a slow drift the saturating law cannot follow, and 1 % seeded noise. */
function sweep(count: number, seed = 7) {
  const rng = createRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const x = 1e6 * 2 ** i;
    return { x, y: (2 + 30 * x ** -0.3) * (1 - 0.01 * Math.log10(x)) * (1 + 0.01 * rng.normal()) };
  });
}

describe("calibratedForecast(model, rows, at, options)", () => {
  const rows = sweep(10);
  const frontier = rows.at(-1)!.x;
  const fc = calibratedForecast("saturating-power-law", rows, [frontier, frontier * 4, frontier * 100], { resamples: 40 });

  it("widens the bootstrap band by an allowance that grows with the decades beyond the frontier", () => {
    expect(fc.method).toBe("calibrated");
    expect(fc.level).toBe(0.9);
    const ratios = fc.predictions.map((p) => Math.log(p.upper / p.lower));
    const bootRatios = fc.predictions.map((p) => Math.log(p.bootstrap!.upper / p.bootstrap!.lower));
    for (let i = 0; i < ratios.length; i++) {
      expect(ratios[i]!).toBeGreaterThan(bootRatios[i]!);
      expect(fc.predictions[i]!.lower).toBeLessThanOrEqual(fc.predictions[i]!.estimate);
      expect(fc.predictions[i]!.upper).toBeGreaterThanOrEqual(fc.predictions[i]!.estimate);
    }
    expect(ratios[1]! - bootRatios[1]!).toBeGreaterThan(ratios[0]! - bootRatios[0]!);
    expect(ratios[2]! - bootRatios[2]!).toBeGreaterThan(ratios[1]! - bootRatios[1]!);
    expect(fc.predictions[0]!.decadesBeyond).toBeCloseTo(0, 12);
    expect(fc.predictions[2]!.decadesBeyond).toBeCloseTo(2, 12);
  });

  it("is deterministic for the same rows and seed, and a wider level gives a wider interval", () => {
    const again = calibratedForecast("saturating-power-law", rows, [frontier * 4], { resamples: 40 });
    expect(again.predictions[0]).toEqual(fc.predictions[1]);
    const wider = calibratedForecast("saturating-power-law", rows, [frontier * 4], { resamples: 40, level: 0.99 });
    expect(wider.predictions[0]!.upper).toBeGreaterThan(fc.predictions[1]!.upper);
    expect(wider.predictions[0]!.level).toBe(0.99);
  });

  it("falls back to parameter uncertainty only, saying why, when too few scales allow backtests", () => {
    const few = sweep(4);
    const out = calibratedForecast("saturating-power-law", few, [few.at(-1)!.x * 2], { resamples: 40 });
    expect(out.method).toBe("parameter-only");
    expect(out.reason).toBe(CALIBRATION_MESSAGES.fewCutoffs(1, 4, 2));
    expect(out.reason).toBe("only 1 backtest cut-off possible with 4 distinct scales; calibration needs at least 2");
    const p = out.predictions[0]!;
    expect(p.method).toBe("parameter-only");
    expect(p.lower).toBe(p.bootstrap!.lower);
    expect(p.upper).toBe(p.bootstrap!.upper);
  });

  it("says when the backtests give too few errors", () => {
    const c = calibrateExtrapolation("saturating-power-law", sweep(7), { minScores: 50 });
    expect(c.method).toBe("parameter-only");
    expect(c.method === "parameter-only" && c.reason).toBe("only 10 backtest errors; calibration needs at least 50");
  });

  it("rejects a level outside (0, 1) and bad options with exact messages", () => {
    expect(() => calibratedForecast("power-law", rows, [1e9], { level: 1.5 })).toThrow(FORECAST_ERRORS.level(1.5));
    expect(() => calibrateExtrapolation("power-law", rows, { maxCutoffs: 0 })).toThrow(
      "calibration option maxCutoffs must be a positive whole number, got 0",
    );
  });
});

describe("extrapolationBacktests(model, rows) and calibrationAt(backtests, level)", () => {
  it("records the log error of every later scale for the latest cut-offs, at most maxCutoffs of them", () => {
    const b = extrapolationBacktests("power-law", sweep(10), { maxCutoffs: 3 });
    expect(b.cutoffs).toBe(3);
    // cut-offs after scales 7, 8, 9: 3 + 2 + 1 later scales
    expect(b.errors).toHaveLength(6);
    expect(b.errors[0]!.decades).toBeCloseTo(Math.log10(2), 12);
    const c = calibrationAt(b, 0.9);
    if (c.method !== "calibrated") throw new Error(c.reason);
    const scores = b.errors.map((e) => Math.abs(e.logError) / (e.decades + c.nearDecades));
    // 6 scores: the ⌈7·0.9⌉ = 7th smallest does not exist, so the largest
    expect(c.perDecade).toBe(Math.max(...scores));
    const lower = calibrationAt(b, 0.5);
    if (lower.method !== "calibrated") throw new Error(lower.reason);
    // ⌈7·0.5⌉ = 4th smallest
    expect(lower.perDecade).toBe(scores.sort((a, b) => a - b)[3]);
  });
});

describe("calibration failure reasons", () => {
  it("log errors need positive scores: a log-linear curve crossing zero is parameter uncertainty only", () => {
    const rows = Array.from({ length: 8 }, (_, i) => ({ x: 10 ** (i / 2), y: -0.5 + 0.3 * (i / 2) + 0.01 * Math.sin(i) }));
    const c = calibrateExtrapolation("log-linear", rows);
    expect(c.method === "parameter-only" && c.reason).toBe("log-space calibration needs positive scores, and some score or prediction is not positive");
  });

  it("names the cut-offs whose fits did not converge", () => {
    const backtests = { errors: [], cutoffs: 1, skippedCutoffs: 3, distinctScales: 7, positive: true };
    expect(calibrationAt(backtests, 0.9)).toMatchObject({ method: "parameter-only", reason: "only 1 of 4 backtest fits converged; calibration needs at least 2" });
  });

  it("without bootstrap draws a parameter-only interval is the point estimate, and says so", () => {
    const rows = sweep(4);
    const f = fittedModel({ model: "power-law", params: { K: 3, a: -0.05 } }, rows);
    const p = calibratedPrediction(f, calibrateExtrapolation("power-law", rows), 1e9);
    expect(p.lower).toBe(p.estimate);
    expect(p.reason).toBe(`${CALIBRATION_MESSAGES.fewCutoffs(1, 4, 2)}; no bootstrap draws: the interval is the point estimate alone`);
  });
});
