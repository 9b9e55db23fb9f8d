import { describe, expect, it } from "vitest";
import {
  MODELS,
  MODEL_ERRORS,
  MODEL_ERROR_PATTERNS,
  bootstrapModel,
  fitModel,
  getModel,
  predictModel,
  withUnrepresentableFlagged,
  type Observation,
} from "./models";
import { PUBLISHED_LAWS } from "./plan";
import { createRandom } from "./random";
import { MODEL_NAMES, type FitResult } from "./types";

const xs = [1e2, 3e2, 1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6, 3e6];
const single = (f: (x: number) => number): Observation[] => xs.map((x) => ({ x, y: f(x) }));
const h = PUBLISHED_LAWS["hoffmann-2022"].params;
const chin = (n: number, d: number) => h.E + h.A / n ** h.alpha + h.B / d ** h.beta;
const jointRows = (f: (n: number, d: number) => number): Observation[] => {
  const rows: Observation[] = [];
  for (const n of [1e7, 3e7, 1e8, 3e8, 1e9, 3e9]) for (const d of [1e9, 3e9, 1e10, 3e10, 1e11]) rows.push({ n, d, y: f(n, d) });
  return rows;
};

describe("MODELS registry", () => {
  it("has an entry for every model name, with the parameter names of the CLI contract", () => {
    expect(Object.keys(MODELS).sort()).toEqual([...MODEL_NAMES].sort());
    expect(MODELS.chinchilla.params).toEqual(["E", "A", "B", "alpha", "beta"]);
    expect(MODELS["power-law"].params).toEqual(["K", "a"]);
    expect(MODELS["saturating-power-law"].params).toEqual(["E", "A", "alpha"]);
    expect(MODELS["log-linear"].params).toEqual(["a", "b"]);
    expect(MODELS.bnsl.params.slice(0, 6)).toEqual(["a", "b", "c0", "c1", "d1", "f1"]);
    expect(MODELS.isoflop.params).toEqual(["K", "a"]);
    for (const name of MODEL_NAMES) expect(MODELS[name].name).toBe(name);
  });
});

describe("fitModel(name, rows) recovers known parameters", () => {
  const cases: [string, Observation[], Record<string, number>, number][] = [
    ["log-linear", single((x) => 0.3 + 0.05 * Math.log10(x)), { a: 0.3, b: 0.05 }, 1e-9],
    ["power-law", single((x) => 50 * x ** -0.25), { K: 50, a: -0.25 }, 1e-9],
    ["saturating-power-law", single((x) => 1.8 + 400 * x ** -0.5), { E: 1.8, A: 400, alpha: 0.5 }, 1e-4],
    ["chinchilla", jointRows(chin), { ...h }, 1e-3],
  ];
  it.each(cases)("%s", (name, rows, truth, tol) => {
    const fit = fitModel(name, rows);
    expect(fit.model).toBe(name);
    expect(fit.n).toBe(rows.length);
    for (const [k, v] of Object.entries(truth)) expect(Math.abs(fit.params[k]! / v - 1)).toBeLessThan(tol);
  });

  it("kaplan and bnsl reproduce their noiseless data", () => {
    const kaplan = { alphaN: 0.076, alphaD: 0.103, Nc: 6.4e13, Dc: 1.8e13 };
    const kRows = jointRows((n, d) => ((kaplan.Nc / n) ** (kaplan.alphaN / kaplan.alphaD) + kaplan.Dc / d) ** kaplan.alphaD);
    const kFit = fitModel("kaplan", kRows);
    expect(kFit.params.alphaN).toBeCloseTo(0.076, 3);
    expect(kFit.params.alphaD).toBeCloseTo(0.103, 3);
    const b = { a: 0.4, b: 2.3, c0: 0.05, c1: 0.6, d1: 3e3, f1: 0.3 };
    const bRows = single((x) => b.a + b.b * x ** -b.c0 * (1 + (x / b.d1) ** (1 / b.f1)) ** (-b.c1 * b.f1));
    const bFit = fitModel("bnsl", bRows);
    for (const r of bRows) expect(predictModel("bnsl", bFit.params, r) / r.y).toBeCloseTo(1, 2);
  });

  it("data-constrained recovers R_D* and R_N* with the base fixed", () => {
    const truth = { E: 1.869144, A: 520.825, B: 1487.716, alpha: 0.3526596, beta: 0.3526596, RDstar: 15, RNstar: 5 };
    const rows: Observation[] = [];
    for (const n of [1e8, 1e9, 4e9]) for (const u of [1e9, 1e10]) for (const epochs of [1, 4, 16, 60]) rows.push({ n, d: u * epochs, u, y: 0 });
    for (const r of rows) r.y = predictModel("data-constrained", truth, r);
    const fit = fitModel("data-constrained", rows);
    expect(fit.params.RDstar).toBeCloseTo(15, 1);
    expect(fit.params.RNstar).toBeCloseTo(5, 1);
  });

  it("isoflop: optima of budgets from Hoffmann's law follow N* ∝ C^(β/(α+β)) = C^0.452", () => {
    const rows: Observation[] = [];
    for (const c of [1e18, 1e19, 1e20, 1e21]) {
      const nOpt = 1.344 * (c / 6) ** 0.4516;
      for (const k of [-1, -0.5, -0.25, 0, 0.25, 0.5, 1]) {
        const n = nOpt * 10 ** k;
        rows.push({ c, x: n, y: chin(n, c / (6 * n)) });
      }
    }
    const fit = fitModel("isoflop", rows);
    expect(fit.params.a).toBeCloseTo(0.28 / 0.62, 2);
    expect(getModel("isoflop").predicts).toBe("optimum");
  });
});

describe("predictModel and inverse", () => {
  it("chinchilla prediction is E + A/N^α + B/D^β", () => {
    expect(predictModel("chinchilla", { ...h }, { n: 1e9, d: 2e10 })).toBeCloseTo(chin(1e9, 2e10), 12);
  });
  it.each([
    ["log-linear", { a: 0.3, b: 0.05 }, 0.5],
    ["power-law", { K: 50, a: -0.25 }, 2],
    ["saturating-power-law", { E: 1.8, A: 400, alpha: 0.5 }, 2.5],
    ["bnsl", { a: 0.4, b: 2.3, c0: 0.05, c1: 0.6, d1: 3e3, f1: 0.3 }, 1.5],
  ] as const)("%s: predict(inverse(y)) = y", (name, params, y) => {
    const x = getModel(name).inverse!(params, y);
    expect(predictModel(name, params, { x })).toBeCloseTo(y, 8);
  });
});

describe("fitModel errors", () => {
  const cases: [string, () => unknown, string][] = [
    ["unknown model", () => fitModel("cubic", []), MODEL_ERRORS.unknownModel("cubic")],
    ["missing value", () => fitModel("chinchilla", [{ n: 1, d: 1, y: 1 }, { n: 2, y: 1 }]), "chinchilla fit needs d on every row: row 2 has no d"],
    ["not finite", () => fitModel("power-law", [{ x: 1, y: 1 }, { x: 2, y: Number.NaN }]), "power-law fit needs finite numbers: row 2 has y = NaN"],
    ["too few points", () => fitModel("chinchilla", jointRows(chin).slice(0, 4)), "chinchilla fit needs at least 6 points, got 4"],
    ["not positive", () => fitModel("power-law", [{ x: 1, y: 1 }, { x: 2, y: 1 }, { x: 0, y: 1 }]), "power-law needs positive x on a log axis: row 3 has x = 0"],
    ["one distinct", () => fitModel("log-linear", [{ x: 5, y: 1 }, { x: 5, y: 2 }, { x: 5, y: 3 }]), "log-linear fit needs at least 2 distinct values of x, got only x = 5"],
    [
      "saturating, higher is better, subnormal y",
      () => fitModel("saturating-power-law", [{ x: 1, y: 5e-324 }, { x: 10, y: 2 }, { x: 100, y: 3 }], { direction: "higher" }),
      'saturating-power-law fit found no start with finite residuals: row 1 has y = 5e-324, too close to the limits of floating point for the relative residual (ŷ − y)/y of direction "higher"; rescale y',
    ],
    [
      "data-constrained, every start overflows on subnormal N, D and U",
      () => fitModel("data-constrained", [{ n: 5e-324, d: 5e-324, u: 5e-324, y: 1 }, { n: 1e-323, d: 1e-323, u: 1e-323, y: 2 }, { n: 1.5e-323, d: 5e-324, u: 5e-324, y: 3 }]),
      "data-constrained fit found no starting point with a finite objective (values at the limits of floating point?)",
    ],
  ];
  it.each(cases)("%s", (_name, f, message) => {
    expect(f).toThrow(message);
    expect(MODEL_ERROR_PATTERNS.some((p) => p.test(message))).toBe(true);
  });
  it("marks a fit not converged when the fitted law overflows at a row, instead of a NaN goodness of fit", () => {
    const rows = [5e-324, 1, 10, 100].map((x, i) => ({ x, y: [1, 1e-300, 1e-310, 5e-324][i]! }));
    const fit = fitModel("saturating-power-law", rows);
    expect(fit.converged).toBe(false);
    expect(fit.message).toContain(MODEL_ERRORS.overflows(1, Number.POSITIVE_INFINITY));
    expect(MODEL_ERRORS.overflows(1, Number.POSITIVE_INFINITY)).toBe(
      "the fitted law predicts Infinity at row 1: beyond floating point there, so the fit is marked not converged",
    );
  });
  it("unknown model lists the valid ones", () => {
    expect(MODEL_ERRORS.unknownModel("cubic")).toBe(
      'unknown model "cubic"; valid models: log-linear, power-law, saturating-power-law, chinchilla, kaplan, bnsl, data-constrained, isoflop',
    );
  });
});

describe("bootstrapModel(name, rows)", () => {
  const rng = createRandom(9);
  const rows = single((x) => 50 * x ** -0.25 * Math.exp(0.03 * rng.normal()));
  it("is reproducible by seed, and its interval of a covers the truth", () => {
    const a = bootstrapModel("power-law", rows, { resamples: 300, seed: 1 });
    const b = bootstrapModel("power-law", rows, { resamples: 300, seed: 1 });
    expect(a.draws).toEqual(b.draws);
    expect(a.draws).toHaveLength(300);
    expect(a.intervals!.a!.lo).toBeLessThan(-0.25);
    expect(a.intervals!.a!.hi).toBeGreaterThan(-0.25);
    expect(bootstrapModel("power-law", rows, { resamples: 300, seed: 2 }).draws).not.toEqual(a.draws);
  });
  it("warm-starts chinchilla refits from the full fit", () => {
    const r = createRandom(4);
    const noisy = jointRows(chin).map((p) => ({ ...p, y: p.y * Math.exp(0.005 * r.normal()) }));
    const boot = bootstrapModel("chinchilla", noisy, { resamples: 20, seed: 3 });
    expect(boot.draws.length).toBeGreaterThan(15);
    expect(boot.intervals!.alpha!.lo).toBeLessThan(boot.fit.params.alpha!);
    expect(boot.intervals!.alpha!.hi).toBeGreaterThan(boot.fit.params.alpha!);
  });
});

describe("withUnrepresentableFlagged(fit), applied by fitModel to every fit", () => {
  const fit: FitResult = {
    model: "kaplan",
    params: { alphaN: 0.07, alphaD: 0.1, Nc: 1e13, Dc: Number.POSITIVE_INFINITY },
    objective: 1e-4,
    n: 7,
    converged: true,
    iterations: 40,
    message: "converged: projected gradient below tolerance",
    gof: { rmseLog: 0.01, r2Log: 0.9 },
  };

  it("marks a converged fit with an infinite parameter not converged and names it", () => {
    expect(withUnrepresentableFlagged(fit)).toMatchObject({
      converged: false,
      params: fit.params,
      message:
        "converged: projected gradient below tolerance; Dc = Infinity at the best point found: the data do not determine it, so the fit is marked not converged",
    });
  });

  it("marks a non-finite objective the same way and leaves finite fits alone", () => {
    expect(withUnrepresentableFlagged({ ...fit, params: { a: 1 }, objective: Number.NaN }).message).toMatch(
      /; objective = NaN at the best point found: the data do not determine it, so the fit is marked not converged$/,
    );
    const finite = { ...fit, params: { a: 1 } };
    expect(withUnrepresentableFlagged(finite)).toBe(finite);
  });
});
