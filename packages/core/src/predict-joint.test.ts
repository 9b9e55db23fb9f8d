import { describe, expect, it } from "vitest";
import { anchorsPresent, readAnchor } from "../test/anchors";
import { epochChinchillaPoints } from "../test/epoch-data";
import { bootstrapChinchilla } from "./chinchilla-bootstrap";
import { FORECAST_ERRORS } from "./forecast";
import { InputError } from "./input-error";
import { JOINT_INTERVAL_COVERS, PREDICT_JOINT_ERRORS, predictJointAt } from "./predict-joint";
import { fittedModel } from "./scale-curve";
import { SCORE_INTERVAL_PROBLEMS } from "./score-interval-check";

const chinchilla = { E: 1.8, A: 400, B: 2000, alpha: 0.34, beta: 0.36 };
const grid = [1e8, 1e9].flatMap((n) => [1e9, 1e10].map((d) => ({ n, d, y: 2 })));
const law = (p: typeof chinchilla, n: number, d: number) => p.E + p.A / n ** p.alpha + p.B / d ** p.beta;

describe("predictJointAt(fitted, {n, d})", () => {
  it("evaluates chinchilla at (N, D), not at the compute-optimal split, with the draws' percentile interval", () => {
    const draws = [0.9, 0.95, 1, 1.05, 1.1].map((k) => ({ ...chinchilla, E: chinchilla.E * k }));
    const f = fittedModel({ model: "chinchilla", params: chinchilla }, grid, { draws });
    const p = predictJointAt(f, { n: 13e9, d: 5e12 }, 0.9);
    expect(p.value).toBeCloseTo(law(chinchilla, 13e9, 5e12), 12);
    expect(p.uncertainty).toBe(JOINT_INTERVAL_COVERS);
    expect(p.interval!.level).toBe(0.9);
    expect(p.interval!.lower).toBeLessThan(p.value);
    expect(p.interval!.upper).toBeGreaterThan(p.value);
    expect(p.interval!.unreliable).toBeUndefined();
    expect(p.u).toBeUndefined();
  });

  it("has no interval without draws", () => {
    const f = fittedModel({ model: "kaplan", params: { alphaN: 0.076, alphaD: 0.095, Nc: 8.8e13, Dc: 5.4e13 } }, grid);
    const p = predictJointAt(f, { n: 1e9, d: 2e10 });
    expect(p.value).toBeCloseTo(((8.8e13 / 1e9) ** (0.076 / 0.095) + 5.4e13 / 2e10) ** 0.095, 12);
    expect(p.interval).toBeUndefined();
  });

  it("flags the interval unreliable when too many refits failed", () => {
    const f = fittedModel({ model: "chinchilla", params: chinchilla }, grid, { draws: [chinchilla, chinchilla], failedDraws: 8 });
    expect(predictJointAt(f, { n: 1e9, d: 1e10 }).interval!.unreliable).toBe(SCORE_INTERVAL_PROBLEMS.manyFailedRefits(8, 10, 0.2));
  });

  it("holds U at the sweep's largest unique-token count, capped at D, for data-constrained; an explicit U wins", () => {
    const params = { ...chinchilla, RDstar: 15, RNstar: 5 };
    const rows = [
      { n: 1e8, d: 1e9, u: 1e8, y: 3 },
      { n: 1e9, d: 1e10, u: 5e8, y: 2.5 },
    ];
    const f = fittedModel({ model: "data-constrained", params }, rows);
    expect(predictJointAt(f, { n: 1e9, d: 1e11 }).u).toBe(5e8);
    expect(predictJointAt(f, { n: 1e9, d: 1e8 }).u).toBe(1e8);
    const explicit = predictJointAt(f, { n: 1e9, d: 1e11, u: 1e9 });
    expect(explicit.u).toBe(1e9);
    expect(explicit.value).toBeLessThan(predictJointAt(f, { n: 1e9, d: 1e11 }).value);
  });

  it.each([
    [{ n: 0, d: 1e9 }, "not-positive", PREDICT_JOINT_ERRORS.notPositive("N", 0)],
    [{ n: -1, d: 1e9 }, "not-positive", PREDICT_JOINT_ERRORS.notPositive("N", -1)],
    [{ n: 1e9, d: Number.NaN }, "not-positive", PREDICT_JOINT_ERRORS.notPositive("D", Number.NaN)],
    [{ n: 1e9, d: Number.POSITIVE_INFINITY }, "not-positive", PREDICT_JOINT_ERRORS.notPositive("D", Number.POSITIVE_INFINITY)],
    [{ n: 1e9, d: 1e9, u: 1e8 }, "unsupported", PREDICT_JOINT_ERRORS.uniqueNotRead("chinchilla")],
  ] as const)("throws for %o: %s %s", (at, code, message) => {
    const f = fittedModel({ model: "chinchilla", params: chinchilla }, grid);
    expect(() => predictJointAt(f, at)).toThrow(new InputError(code, message));
  });

  it("throws for a non-positive U, a level outside (0, 1) and a law of one scale", () => {
    const dc = fittedModel({ model: "data-constrained", params: { ...chinchilla, RDstar: 15, RNstar: 5 } }, grid);
    expect(() => predictJointAt(dc, { n: 1e9, d: 1e9, u: 0 })).toThrow(PREDICT_JOINT_ERRORS.notPositive("U", 0));
    expect(() => predictJointAt(dc, { n: 1e9, d: 1e9 }, 1)).toThrow(FORECAST_ERRORS.level(1));
    const power = fittedModel({ model: "power-law", params: { K: 10, a: -0.1 } }, [{ x: 1, y: 10 }, { x: 10, y: 8 }]);
    expect(() => predictJointAt(power, { n: 1e9, d: 1e9 })).toThrow(PREDICT_JOINT_ERRORS.notJoint("power-law"));
  });
});

describe.skipIf(!anchorsPresent)("predictJointAt on the published anchors (golden)", () => {
  const published = anchorsPresent
    ? (JSON.parse(readAnchor("published_params.json")) as Record<string, Record<string, unknown>>)
    : {};

  it("a chinchilla fit of Epoch AI's data predicts at N = 13e9, D = 5e12 what Epoch's published fit gives, inside its 90 % interval", () => {
    const mle = published.epoch_besiroglu2024!.mle_fit_reported as typeof chinchilla;
    const expected = law(mle, 13e9, 5e12);
    const boot = bootstrapChinchilla(epochChinchillaPoints(), { resamples: 100, seed: 42 });
    const f = fittedModel(boot.fit, epochChinchillaPoints(), { draws: boot.draws });
    const p = predictJointAt(f, { n: 13e9, d: 5e12 }, 0.9);
    expect(Math.abs(p.value - expected)).toBeLessThan(0.005);
    expect(p.interval!.lower).toBeLessThan(expected);
    expect(p.interval!.upper).toBeGreaterThan(expected);
    expect(p.interval!.upper - p.interval!.lower).toBeLessThan(0.2);
  });

  it("the data-constrained law with Muennighoff et al.'s published C4 parameters gives the README's reference losses", () => {
    const e = Math.exp;
    const params = { E: e(0.6254804), A: e(6.255414), B: e(7.3049974), alpha: 0.3526596, beta: 0.3526596, RDstar: 15.387756, RNstar: 5.309743 };
    const f = fittedModel({ model: "data-constrained", params }, grid);
    expect(predictJointAt(f, { n: 6.34e9, d: 242e9, u: 25e9 }).value).toBeCloseTo(2.2256441, 6);
    expect(predictJointAt(f, { n: 8.67e9, d: 178e9, u: 25e9 }).value).toBeCloseTo(2.2269634, 6);
  });
});
