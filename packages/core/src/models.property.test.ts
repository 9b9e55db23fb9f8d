/**
 * Property: whatever rows a user sends, fitModel either throws one of the documented messages
 * (MODEL_ERROR_PATTERNS) or returns a result; a result marked converged has finite parameters, objective
 * and goodness of fit (log-space goodness may be NaN only when the fit message says why: some y ≤ 0).
 * Thousands of random datasets in total; numRuns is sized per model to keep each a few seconds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MODEL_ERROR_PATTERNS, fitModel, getModel, type Observation } from "./models";
import type { ModelName } from "./types";

/** Cells a user may send by mistake. */
const special = fc.constantFrom(0, -1, -1e-9, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
const positive = fc.double({ min: -3, max: 15, noNaN: true }).map((e) => 10 ** e);
const goodScore = fc.double({ min: -2, max: 1.5, noNaN: true }).map((e) => 10 ** e);
/**
 * Magnitudes near the limits of floating point (subnormals like 5e-324, 1e±300, the largest doubles), where
 * sums of squares overflow, halves underflow and a fitted law can overflow at the data (fitModel marks such
 * a fit not converged).
 */
const extreme = fc.oneof(
  fc.constantFrom(5e-324, 1e-323, 1e-310, 1e-300, 1e300, 1e307, 1.7e308),
  fc.double({ min: -300, max: 300, noNaN: true }).map((e) => 10 ** e),
);
const maybe = (a: fc.Arbitrary<number>) => fc.oneof({ weight: 30, arbitrary: a }, { weight: 1, arbitrary: fc.constant(undefined) });
const budget = fc.constantFrom(1e18, 1e19, 1e20);

/**
 * One isoFLOP budget: 2–8 distinct sizes on a quarter-decade lattice and a parabola in ln x of random
 * curvature (often flat or opening downward) with a little deterministic wiggle as noise.
 */
const isoflopBudget = fc
  .record({
    c: budget,
    centre: fc.integer({ min: -12, max: 60 }),
    curvature: fc.integer({ min: -1, max: 10 }).map((v) => v / 20),
    ks: fc.uniqueArray(fc.integer({ min: -12, max: 60 }), { minLength: 2, maxLength: 8 }),
    noise: fc.double({ min: 0, max: 0.05, noNaN: true }),
  })
  .map(({ c, centre, curvature, ks, noise }) =>
    ks.map((k, i) => ({ c, x: 10 ** (k / 4), y: 2 + curvature * ((k - centre) / 4) ** 2 + noise * Math.sin(7.3 * i) })),
  );

/**
 * Rows for each kind of model: mostly usable data (random, noisy, often nothing like a scaling law),
 * sometimes dirty data, sometimes usable data and dirty cells at extreme magnitudes.
 */
function rowsFor(): Record<"x" | "joint" | "constrained" | "isoflop", fc.Arbitrary<Observation[]>> {
  const scale = fc.oneof(
    { weight: 12, arbitrary: positive },
    { weight: 4, arbitrary: fc.constantFrom(1e3, 1e4, 1e5) },
    { weight: 1, arbitrary: special },
    { weight: 1, arbitrary: extreme },
  );
  const score = fc.oneof(
    { weight: 12, arbitrary: goodScore },
    { weight: 2, arbitrary: fc.double({ min: -5, max: 5, noNaN: true }) },
    { weight: 1, arbitrary: special },
    { weight: 1, arbitrary: extreme },
    { weight: 1, arbitrary: extreme.map((v) => -v) },
  );
  /** Positive values, one in three at an extreme magnitude. */
  const edgeScale = fc.oneof({ weight: 2, arbitrary: positive }, { weight: 1, arbitrary: extreme });
  const edgeScore = fc.oneof({ weight: 2, arbitrary: goodScore }, { weight: 1, arbitrary: extreme });
  const mixed = (clean: fc.Arbitrary<Observation[]>, dirty: fc.Arbitrary<Observation[]>, edge: fc.Arbitrary<Observation[]>) =>
    fc.oneof({ weight: 4, arbitrary: clean }, { weight: 1, arbitrary: dirty }, { weight: 1, arbitrary: edge });
  return {
    x: mixed(
      fc.array(fc.record({ x: positive, y: goodScore }), { minLength: 3, maxLength: 16 }),
      fc.array(fc.record({ x: maybe(scale), y: score }), { maxLength: 16 }).map(clean),
      fc.array(fc.record({ x: edgeScale, y: edgeScore }), { minLength: 3, maxLength: 16 }),
    ),
    joint: mixed(
      fc.array(fc.record({ n: positive, d: positive, y: goodScore }), { minLength: 6, maxLength: 16 }),
      fc.array(fc.record({ n: maybe(scale), d: maybe(scale), y: score }), { maxLength: 16 }).map(clean),
      fc.array(fc.record({ n: edgeScale, d: edgeScale, y: edgeScore }), { minLength: 6, maxLength: 16 }),
    ),
    constrained: mixed(
      fc.array(fc.record({ n: positive, d: positive, u: positive, y: goodScore }), { minLength: 3, maxLength: 16 }),
      fc.array(fc.record({ n: scale, d: scale, u: maybe(scale), y: score }), { maxLength: 16 }).map(clean),
      fc.array(fc.record({ n: edgeScale, d: edgeScale, u: edgeScale, y: edgeScore }), { minLength: 3, maxLength: 16 }),
    ),
    isoflop: mixed(
      fc.array(isoflopBudget, { minLength: 2, maxLength: 4 }).map((budgets) => budgets.flat()),
      fc.array(fc.record({ c: fc.oneof(budget, scale), x: scale, y: score }), { maxLength: 24 }),
      fc.array(fc.record({ c: fc.oneof(budget, extreme), x: edgeScale, y: edgeScore }), { minLength: 6, maxLength: 24 }),
    ),
  };
}

/** Drops keys whose value is undefined (a missing cell), as a reader of CSV would. */
function clean(rows: Record<string, number | undefined>[]): Observation[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as Observation);
}

const MODEL_ROWS: [ModelName, keyof ReturnType<typeof rowsFor>, number][] = [
  ["log-linear", "x", 1500],
  ["power-law", "x", 1500],
  ["saturating-power-law", "x", 400],
  ["bnsl", "x", 60],
  ["chinchilla", "joint", 250],
  ["kaplan", "joint", 250],
  ["data-constrained", "constrained", 300],
  ["isoflop", "isoflop", 1000],
];
const rows = rowsFor();
const cases: [ModelName, fc.Arbitrary<Observation[]>, number][] = MODEL_ROWS.map(([model, kind, numRuns]) => [model, rows[kind], numRuns]);

describe("fitModel on random datasets", () => {
  it.each(cases)("%s throws only documented errors and never a silent NaN", (model, datasets, numRuns) => {
    let fitted = 0;
    fc.assert(
      fc.property(datasets, (data) => {
        let fit;
        try {
          fit = fitModel(model, data);
        } catch (e) {
          const message = (e as Error).message;
          if (!MODEL_ERROR_PATTERNS.some((p) => p.test(message))) throw new Error(`undocumented error: ${message}`);
          return;
        }
        fitted++;
        if (!fit.converged) {
          expect(fit.message.length).toBeGreaterThan(0);
          return;
        }
        for (const [k, v] of Object.entries(fit.params)) if (!Number.isFinite(v)) throw new Error(`param ${k} = ${v}`);
        expect(Number.isFinite(fit.objective)).toBe(true);
        if (Number.isNaN(fit.gof.rmseLog) || Number.isNaN(fit.gof.r2Log)) {
          // documented by goodnessOfFit: undefined in log space when some y or prediction is not positive
          const spec = getModel(model);
          const preds = spec.predicts === "y" ? data.map((r) => spec.predict(fit.params, r)) : [];
          expect(data.some((r) => !(r.y > 0)) || preds.some((v) => !(v > 0))).toBe(true);
        }
      }),
      { numRuns, seed: 20240601 },
    );
    expect(fitted).toBeGreaterThan(numRuns / 20); // the generator reaches the fitters, not only the checks
  });
});
