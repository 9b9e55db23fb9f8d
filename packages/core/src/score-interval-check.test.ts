import { describe, expect, it } from "vitest";
import { resampleIndices } from "./bootstrap";
import { forecast, predictAt } from "./forecast";
import { bootstrapModel, fitModel, type Observation } from "./models";
import { createRandom } from "./random";
import { recommend } from "./recommend";
import { fittedModel } from "./scale-curve";
import { bootstrapDrawsProblem, SCORE_INTERVAL_CHECK_DEFAULTS, SCORE_INTERVAL_PROBLEMS, scoreIntervalProblem } from "./score-interval-check";

const xs = Array.from({ length: 7 }, (_, i) => 10 ** (3 + i / 2));

/** Accuracy already on its plateau, 0.71 − 0.9·x^−0.55, with 1 % multiplicative noise (seeded). */
function plateauRows(seed: number): Observation[] {
  const rng = createRandom(seed);
  return xs.map((x) => ({ x, y: (0.71 - 0.9 * x ** -0.55) * Math.exp(0.01 * rng.normal()) }));
}

describe("scoreIntervalProblem(model, interval, value)", () => {
  it.each([
    ["a bound is infinite", "power-law", -Infinity, 2, 1, SCORE_INTERVAL_PROBLEMS.notFinite(-Infinity, 2)],
    ["a bound is NaN", "log-linear", 0.1, Number.NaN, 0.2, SCORE_INTERVAL_PROBLEMS.notFinite(0.1, Number.NaN)],
    ["a positive-score model gets a negative bound", "saturating-power-law", -3.25e32, 0.7194, 0.71, SCORE_INTERVAL_PROBLEMS.notPositive("saturating-power-law", -3.25e32)],
    ["a positive-score model gets a zero bound", "chinchilla", 0, 2.1, 2, SCORE_INTERVAL_PROBLEMS.notPositive("chinchilla", 0)],
    ["a positive interval spans 3 decades", "power-law", 0.01, 10, 1, SCORE_INTERVAL_PROBLEMS.tooWide(3, 2)],
    ["a signed interval is 1000× as wide as the forecast", "log-linear", -400, 600, 1, SCORE_INTERVAL_PROBLEMS.tooWide(3, 2)],
  ])("names the problem when %s", (_, model, lower, upper, value, message) => {
    expect(scoreIntervalProblem(model, { lower, upper }, value)).toBe(message);
  });

  it.each([
    ["a tight loss interval", "power-law", 2.9, 3.1, 3],
    ["a positive interval of just under 2 decades", "power-law", 0.011, 1, 0.1],
    ["a log-linear accuracy interval crossing zero", "log-linear", -0.05, 0.1, 0.02],
  ])("accepts %s", (_, model, lower, upper, value) => {
    expect(scoreIntervalProblem(model, { lower, upper }, value)).toBeUndefined();
  });

  it("the limit in decades is an option (default 2)", () => {
    expect(SCORE_INTERVAL_CHECK_DEFAULTS.maxDecades).toBe(2);
    expect(scoreIntervalProblem("power-law", { lower: 0.01, upper: 10 }, 1, { maxDecades: 4 })).toBeUndefined();
  });
});

describe("forecast intervals of an unstable bootstrap (a saturating law fitted on its plateau)", () => {
  // Seed 6 gives the wild draws the demo sweep "Instruction mix A" showed: a few resamples look falling,
  // refit with α < 0, and dive to about −1e32 at 10× the frontier.
  const rows = plateauRows(6);
  const options = { resamples: 200, seed: 42, level: 0.9, fitOptions: { direction: "higher" as const } };
  const boot = bootstrapModel("saturating-power-law", rows, options);
  const f = fittedModel(boot.fit, rows, { draws: boot.draws, direction: "higher" });

  it("bootstrapModel keeps exactly the refits that converged, in resample order", () => {
    const few = { ...options, resamples: 40 };
    const refits = resampleIndices(rows.length, few.resamples, few.seed).map((idx) =>
      fitModel("saturating-power-law", Array.from(idx, (i) => rows[i]!), few.fitOptions),
    );
    const converged = refits.filter((r) => r.converged);
    const small = bootstrapModel("saturating-power-law", rows, few);
    expect(converged.length).toBeLessThan(refits.length);
    expect(small.failures).toBe(refits.length - converged.length);
    expect(small.draws).toEqual(converged.map((r) => r.params));
  });

  it("predictAt(f, 10× frontier) flags the interval whose lower bound dives below zero", () => {
    const p = predictAt(f, 1e7, 0.9);
    expect(p.value).toBeGreaterThan(0.69);
    expect(p.value).toBeLessThan(0.73);
    expect(p.interval!.lower).toBeLessThan(-1e20);
    expect(p.interval!.unreliable).toBe(SCORE_INTERVAL_PROBLEMS.notPositive("saturating-power-law", p.interval!.lower));
  });

  it("forecast(f) flags the gain per 10× interval too, and recommend() says its confidence is low because of it", () => {
    expect(forecast(f, { level: 0.9 }).gainPer10xInterval!.unreliable).toMatch(/^the lower bound .* is not positive/);
    const r = recommend(f, { target: 1e7 });
    expect(r.confidence).toBe("low");
    expect(r.reasons.join("\n")).toMatch(/the bootstrap is unstable, so its intervals are not reliable: the lower bound/);
    expect(r.numbers.targetIntervalWidth).toBeUndefined();
  });

  it("a well-determined power law keeps an unflagged interval", () => {
    const rng = createRandom(3);
    const noisy = xs.map((x) => ({ x, y: 50 * x ** -0.25 * Math.exp(0.02 * rng.normal()) }));
    const b = bootstrapModel("power-law", noisy, { resamples: 200, seed: 5 });
    const p = predictAt(fittedModel(b.fit, noisy, { draws: b.draws }), 1e7);
    expect(p.interval).toBeDefined();
    expect(p.interval!.unreliable).toBeUndefined();
  });
});

describe("bootstrapDrawsProblem(failed, kept): too many failed refits", () => {
  it("names the share when more than 20 % of the refits failed", () => {
    expect(SCORE_INTERVAL_CHECK_DEFAULTS.maxFailedShare).toBe(0.2);
    expect(bootstrapDrawsProblem(41, 159)).toBe("41 of 200 bootstrap refits failed (more than 20 %), so the draws that remain are not a fair sample");
    expect(bootstrapDrawsProblem(3, 0)).toBe(SCORE_INTERVAL_PROBLEMS.manyFailedRefits(3, 3, 0.2));
  });

  it("accepts up to the limit, no bootstrap at all, and a limit given as an option", () => {
    expect(bootstrapDrawsProblem(40, 160)).toBeUndefined();
    expect(bootstrapDrawsProblem(0, 0)).toBeUndefined();
    expect(bootstrapDrawsProblem(41, 159, { maxFailedShare: 0.5 })).toBeUndefined();
  });

  // Seed 5 of the plateau: most resamples of a flat accuracy curve do not pin the saturating law down.
  it("predictAt flags a tight-looking interval from the few refits that converged", () => {
    const rows = plateauRows(5);
    const boot = bootstrapModel("saturating-power-law", rows, { resamples: 100, seed: 42, fitOptions: { direction: "higher" } });
    expect(boot.failures / 100).toBeGreaterThan(0.2);
    const withFailures = fittedModel(boot.fit, rows, { draws: boot.draws, failedDraws: boot.failures, direction: "higher" });
    const p = predictAt(withFailures, xs.at(-1)!, 0.9);
    expect(p.interval!.unreliable).toBe(SCORE_INTERVAL_PROBLEMS.manyFailedRefits(boot.failures, 100, 0.2));
    // Without the count the same draws would pass as an interval.
    const blind = fittedModel(boot.fit, rows, { draws: boot.draws, direction: "higher" });
    expect(predictAt(blind, xs.at(-1)!, 0.9).interval!.unreliable).toBeUndefined();
    expect(forecast(withFailures, { level: 0.9 }).gainPer10xInterval!.unreliable).toMatch(/bootstrap refits failed/);
  });
});
