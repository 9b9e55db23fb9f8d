import { describe, expect, it } from "vitest";
import {
  PUBLISHED_HYPERPARAMETER_LAWS,
  PUBLISHED_LAWS,
  allocationExponents,
  computeForLoss,
  computeOptimal,
  optimalLoss,
  publishedLaw,
  evaluateComputeLaw,
  type ChinchillaLaw,
} from "./plan";
import { suggestHyperParameters } from "./hyperparameter-law";

const loss = (p: ChinchillaLaw, n: number, d: number) => p.E + p.A / n ** p.alpha + p.B / d ** p.beta;

/** Independent answer: golden-section search of the loss over ln N on the iso-FLOP line D = C/(6N). */
function numericOptimumN(p: ChinchillaLaw, c: number): number {
  let lo = Math.log(1e3);
  let hi = Math.log(c / 6 / 1e3);
  const phi = (Math.sqrt(5) - 1) / 2;
  const f = (ln: number) => loss(p, Math.exp(ln), c / (6 * Math.exp(ln)));
  for (let i = 0; i < 200; i++) {
    const m1 = hi - phi * (hi - lo);
    const m2 = lo + phi * (hi - lo);
    if (f(m1) < f(m2)) hi = m2;
    else lo = m1;
  }
  return Math.exp((lo + hi) / 2);
}

const unroundedHoffmann: ChinchillaLaw = {
  A: Math.exp(6.0073404),
  B: Math.exp(6.0179186),
  E: Math.exp(0.5267228),
  alpha: 0.33917084,
  beta: 0.2849083,
};

describe("computeOptimal(law, C)", () => {
  const cases: [string, ChinchillaLaw, number][] = [];
  for (const [name, law] of Object.entries(PUBLISHED_LAWS))
    for (const c of [1e18, 5.76e23, 1e26]) cases.push([name, law.params, c]);
  it.each(cases)("%s at C = %d matches a numeric minimisation on the iso-FLOP line", (_name, law, c) => {
    const opt = computeOptimal(law, c);
    expect(6 * opt.n * opt.d).toBeCloseTo(c, -Math.floor(Math.log10(c)) + 8);
    expect(opt.n / numericOptimumN(law, c)).toBeCloseTo(1, 6);
    expect(opt.tokensPerParam).toBeCloseTo(opt.d / opt.n, 12);
    expect(opt.loss).toBeCloseTo(loss(law, opt.n, opt.d), 12);
  });

  it("N_opt exponent a = β/(α+β): 0.513 for Epoch 2024 and 0.46 for Hoffmann 2022 (papers)", () => {
    expect(allocationExponents(PUBLISHED_LAWS["epoch-2024"].params).a).toBeCloseTo(0.513, 3);
    expect(allocationExponents(unroundedHoffmann).a).toBeCloseTo(0.46, 2);
    // and the fitted exponent of N_opt between two budgets agrees with the closed form
    const law = PUBLISHED_LAWS["epoch-2024"].params;
    const slope = Math.log10(computeOptimal(law, 1e25).n / computeOptimal(law, 1e21).n) / 4;
    expect(slope).toBeCloseTo(allocationExponents(law).a, 10);
  });

  it("throws for a non-positive budget and a degenerate law", () => {
    const law = PUBLISHED_LAWS["hoffmann-2022"].params;
    expect(() => computeOptimal(law, 0)).toThrow("compute budget must be a positive number of FLOPs, got 0");
    expect(() => computeOptimal({ ...law, A: -1 }, 1e20)).toThrow(
      "compute-optimal allocation needs A > 0 and B > 0, got A = -1, B = 410.7",
    );
    expect(() => computeOptimal({ ...law, beta: 0 }, 1e20)).toThrow(
      "compute-optimal allocation needs alpha > 0 and beta > 0, got alpha = 0.34, beta = 0",
    );
    expect(() => computeOptimal({ ...law, E: Number.NaN }, 1e20)).toThrow(
      "chinchilla parameter E must be a finite number, got NaN",
    );
  });
});

describe("computeForLoss(law, target)", () => {
  it.each(Object.entries(PUBLISHED_LAWS))("%s: the budget it returns reaches the target exactly", (_n, p) => {
    for (const target of [p.params.E + 1, p.params.E + 0.3, p.params.E + 0.01]) {
      const plan = computeForLoss(p.params, target);
      expect(optimalLoss(p.params, plan.compute)).toBeCloseTo(target, 10);
      expect(plan.loss).toBeCloseTo(target, 10);
    }
  });

  it("a lower target costs more compute", () => {
    const law = PUBLISHED_LAWS["epoch-2024"].params;
    expect(computeForLoss(law, 2.0).compute).toBeGreaterThan(computeForLoss(law, 2.1).compute);
  });

  it("throws when the target is at or below E", () => {
    expect(() => computeForLoss(PUBLISHED_LAWS["hoffmann-2022"].params, 1.6)).toThrow(
      "target loss 1.6 is not reachable: it must be above the irreducible loss E = 1.69",
    );
    expect(() => computeForLoss(PUBLISHED_LAWS["hoffmann-2022"].params, Number.POSITIVE_INFINITY)).toThrow(
      "target loss must be a finite number, got Infinity",
    );
  });
});

describe("publishedLaw(name)", () => {
  it("returns the Hoffmann 2022 values as printed", () => {
    expect(publishedLaw("hoffmann-2022").params).toEqual({ E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 });
  });
  it("lists the valid presets for an unknown name", () => {
    expect(() => publishedLaw("kaplan")).toThrow(
      'unknown published law "kaplan"; valid presets: hoffmann-2022, epoch-2024',
    );
  });
});

describe("PUBLISHED_HYPERPARAMETER_LAWS", () => {
  it("DeepSeek 2024 laws at C = 1e20 through suggestHyperParameters: η = 0.3118·10^-2.5, B = 0.2920·10^6.542", () => {
    const s = suggestHyperParameters(PUBLISHED_HYPERPARAMETER_LAWS["deepseek-2024"].laws, 1e20);
    expect(s.learningRate).toBeCloseTo(0.3118 * 10 ** -2.5, 12);
    expect(s.batchSize / (0.292 * 10 ** 6.542)).toBeCloseTo(1, 10);
  });
  it("evaluateComputeLaw rejects a non-positive budget", () => {
    expect(() => evaluateComputeLaw({ k: 1, a: 1 }, -5)).toThrow("compute budget must be a positive number of FLOPs, got -5");
  });
});
