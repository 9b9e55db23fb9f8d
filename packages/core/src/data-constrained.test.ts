import { describe, expect, it } from "vitest";
import { anchorsPresent, readAnchorCsv } from "../test/anchors";
import {
  DATA_CONSTRAINED_DEFAULTS,
  MUENNIGHOFF_C4,
  MUENNIGHOFF_C4_BASE,
  dataConstrainedGradient,
  dataConstrainedParamsFromTheta,
  dataConstrainedTheta,
  dataConstrainedObjective,
  effectiveScale,
  fitDataConstrained,
  predictDataConstrained,
  resolveDataConstrainedOptions,
  type DataConstrainedParams,
} from "./data-constrained";
import { predictChinchilla } from "./chinchilla";
import { createRandom } from "./random";
import type { JointPoint } from "./types";

/** N 100M–3B × U 1B–16B × 1–48 epochs, the shape of the datablations sweep. */
function synthetic(truth: DataConstrainedParams, sigma: number, seed: number): JointPoint[] {
  const rng = createRandom(seed);
  const points: JointPoint[] = [];
  for (const n of [1e8, 3e8, 1e9, 3e9]) {
    for (const u of [1e9, 4e9, 1.6e10]) {
      for (const epochs of [1, 2, 4, 8, 16, 48]) {
        const d = u * epochs;
        points.push({ n, d, u, y: predictDataConstrained(truth, { n, d, u }) * Math.exp(sigma * rng.normal()) });
      }
    }
  }
  return points;
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
describe("predictDataConstrained(params, {n, d, u})", () => {
  it.each([
    { n: 6.34e9, d: 242e9, u: 25e9, expected: 2.2256441 },
    { n: 8.67e9, d: 178e9, u: 25e9, expected: 2.2269634 },
  ])("reproduces the datablations README check scaling_law($n, $d, $u) = $expected", ({ n, d, u, expected }) => {
    expect(Math.abs(predictDataConstrained(MUENNIGHOFF_C4, { n, d, u }) - expected)).toBeLessThan(5e-8);
  });

  it("is the Chinchilla law when data is not repeated and N is below the compute-optimal size for U", () => {
    const at = { n: 1e8, d: 1e11 }; // u defaults to d; N_opt(C(U)) ≈ 0.05·U = 5e9 > N
    expect(predictDataConstrained(MUENNIGHOFF_C4, at)).toBeCloseTo(predictChinchilla(MUENNIGHOFF_C4_BASE, at), 12);
  });

  it("computes R_D, U_N = N_opt(C(U)) = G^((α+β)/α)·U^(β/α) and R_N as in the README", () => {
    const p = MUENNIGHOFF_C4;
    const G = ((p.alpha * p.A) / (p.beta * p.B)) ** (1 / (p.alpha + p.beta));
    const u = 1e9;
    const C = 6 * (G * u) ** ((p.alpha + p.beta) / p.alpha);
    const nOpt = G * (C / 6) ** (p.beta / (p.alpha + p.beta));
    const eff = effectiveScale(p, { n: 3e9, d: 8e9, u });
    expect(eff.rD).toBe(7);
    expect(rel(eff.uN, nOpt)).toBeLessThan(1e-12);
    expect(rel(eff.rN, 3e9 / nOpt - 1)).toBeLessThan(1e-12);
    expect(rel(eff.d, u + u * p.RDstar * (1 - Math.exp(-7 / p.RDstar)))).toBeLessThan(1e-14);
    // Returns are diminishing: repeated tokens are worth less than fresh ones, never more than (1 + R_D*)·U.
    expect(eff.d).toBeLessThan(8e9);
    expect(predictDataConstrained(p, { n: 1e9, d: 1e12, u: 1e9 })).toBeGreaterThan(predictDataConstrained(p, { n: 1e9, d: 1e12 }));
  });
});

describe("fitDataConstrained(points) recovers R_D*, R_N*", () => {
  // tolD: R_D* is weakly determined when it is large (48 epochs barely probe a decay constant of 40).
  const TRUTHS = [
    { name: "C4 (Muennighoff 2023)", truth: MUENNIGHOFF_C4, tolD: 0.25 },
    { name: "fast decay", truth: { ...MUENNIGHOFF_C4, RDstar: 4, RNstar: 2 }, tolD: 0.25 },
    { name: "slow decay", truth: { ...MUENNIGHOFF_C4, RDstar: 40, RNstar: 12 }, tolD: 0.4 },
  ];
  it.each(TRUTHS)("from noiseless data ($name) to 1e-6 relative", ({ truth }) => {
    const fit = fitDataConstrained(synthetic(truth, 0, 1));
    expect(fit.converged).toBe(true);
    expect(fit.model).toBe("data-constrained");
    expect(rel(fit.params.RDstar, truth.RDstar)).toBeLessThan(1e-6);
    expect(rel(fit.params.RNstar, truth.RNstar)).toBeLessThan(1e-6);
    expect(fit.params.alpha).toBe(MUENNIGHOFF_C4_BASE.alpha); // the base stays fixed
  });

  it.each(TRUTHS)("from 0.5 % log-normal noise ($name): R_N* within 25 %, R_D* within $tolD, objective ≤ the truth's", ({ truth, tolD }) => {
    const points = synthetic(truth, 0.005, 7);
    const fit = fitDataConstrained(points);
    expect(rel(fit.params.RDstar, truth.RDstar)).toBeLessThan(tolD);
    expect(rel(fit.params.RNstar, truth.RNstar)).toBeLessThan(0.25);
    expect(fit.objective).toBeLessThanOrEqual(dataConstrainedObjective(points, truth));
  });

  it("with fitBase recovers all seven parameters from noiseless data, starting from a perturbed base", () => {
    const truth = { ...MUENNIGHOFF_C4, RDstar: 8, RNstar: 4 };
    const base = { E: 1.7, A: 600, B: 1300, alpha: 0.33, beta: 0.37 };
    const fit = fitDataConstrained(synthetic(truth, 0, 2), { base, fitBase: true, start: { RDstar: 10, RNstar: 5 } });
    for (const key of ["E", "alpha", "beta", "RDstar", "RNstar"] as const) expect(rel(fit.params[key], truth[key])).toBeLessThan(1e-4);
    expect(fit.objective).toBeLessThan(1e-12);
  });

  it("dataConstrainedParamsFromTheta(dataConstrainedTheta(p)) gives p back (θ = ln A, ln B, ln E, α, β, ln R_D*, ln R_N*)", () => {
    const p = { ...MUENNIGHOFF_C4, alpha: 0.3, beta: 0.4, RNstar: 2 };
    expect(dataConstrainedTheta(p).slice(3, 5)).toEqual([0.3, 0.4]);
    expect(dataConstrainedTheta(p)[5]).toBeCloseTo(Math.log(p.RDstar), 14);
    const back = dataConstrainedParamsFromTheta(dataConstrainedTheta(p));
    for (const key of Object.keys(p) as (keyof typeof p)[]) expect(rel(back[key], p[key])).toBeLessThan(1e-14);
  });

  it("its analytic gradient matches central finite differences in all seven log-space variables", () => {
    const points = synthetic({ ...MUENNIGHOFF_C4, RDstar: 8, RNstar: 4 }, 0.01, 3);
    for (const p of [MUENNIGHOFF_C4, { ...MUENNIGHOFF_C4, alpha: 0.3, beta: 0.4, RNstar: 2 }]) {
      const g = dataConstrainedGradient(points, p, { delta: 10 }); // δ = 10: smooth, so FD is exact to O(h²)
      const t = dataConstrainedTheta(p);
      g.forEach((gk, k) => {
        const h = 1e-6;
        const up = [...t];
        const down = [...t];
        up[k]! += h;
        down[k]! -= h;
        const objectiveAt = (theta: number[]) =>
          dataConstrainedObjective(points, dataConstrainedParamsFromTheta(theta), { delta: 10 });
        const fd = (objectiveAt(up) - objectiveAt(down)) / (2 * h);
        expect(Math.abs(gk - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      });
    }
  });
});

describe("resolveDataConstrainedOptions(options) and errors", () => {
  it("documents the C4 base, δ = 1e-3 and a fixed base by default", () => {
    const o = resolveDataConstrainedOptions();
    expect(o).toEqual({ ...DATA_CONSTRAINED_DEFAULTS });
    expect(o.base).toEqual(MUENNIGHOFF_C4_BASE);
    expect(o.fitBase).toBe(false);
    expect(o.delta).toBe(1e-3);
  });
  const good = synthetic(MUENNIGHOFF_C4, 0, 1).filter((_p, i) => i % 7 === 0); // 11 rows, all N present
  it.each([
    ["too few points", good.slice(0, 2), {}, "data-constrained fit needs at least 3 points, got 2"],
    ["too few points for fitBase", good.slice(0, 7), { fitBase: true }, "data-constrained fit needs at least 8 points, got 7"],
    ["U = 0", good.map((p, i) => (i === 3 ? { ...p, u: 0 } : p)), {}, "data-constrained needs positive u on a log axis: row 4 has u = 0"],
    ["NaN U", good.map((p, i) => (i === 0 ? { ...p, u: NaN } : p)), {}, "data-constrained fit needs finite numbers: row 1 has u = NaN"],
    ["negative loss", good.map((p, i) => (i === 9 ? { ...p, y: -2 } : p)), {}, "data-constrained needs positive y on a log axis: row 10 has y = -2"],
    ["one distinct N", good.map((p) => ({ ...p, n: 1e9 })), {}, "data-constrained fit needs at least 2 distinct values of n, got only n = 1000000000"],
    ["one distinct D", good.map((p) => ({ ...p, d: 4e9, u: 1e9 })), {}, "data-constrained fit needs at least 2 distinct values of d, got only d = 4000000000"],
    ["bad delta", good, { delta: 0 }, "data-constrained fit needs delta > 0, got 0"],
    ["bad base", good, { base: { ...MUENNIGHOFF_C4_BASE, beta: -0.3 } }, "data-constrained base beta must be a positive finite number, got -0.3"],
    ["bad start", good, { start: { RDstar: 0, RNstar: 1 } }, "data-constrained start RDstar must be a positive finite number, got 0"],
    ["bad grid", good, { starGrid: [] }, "data-constrained fit starGrid must be a non-empty list of positive numbers"],
    ["bad polishStarts", good, { polishStarts: 0 }, "data-constrained fit polishStarts must be a positive integer, got 0"],
  ])("%s", (_name, points, options, message) => {
    expect(() => fitDataConstrained(points, options)).toThrow(expect.objectContaining({ message: message }));
  });
});

describe.skipIf(!anchorsPresent)("fitDataConstrained on the datablations C4 runs (golden)", () => {
  const points: JointPoint[] = anchorsPresent
    ? readAnchorCsv("datablations_c4_runs.csv").map((r) => ({
        n: Number(r.params_N),
        d: Number(r.tokens_D),
        u: Number(r.unique_tokens_U),
        y: Number(r.val_loss),
      }))
    : [];

  it("has 182 runs and the published objective 0.0158259 at the published R_D*, R_N*", () => {
    expect(points).toHaveLength(182);
    expect(Math.abs(dataConstrainedObjective(points, MUENNIGHOFF_C4) - 0.0158259)).toBeLessThan(1e-6);
  });

  it("refit from the authors' start region (R* = 5) reproduces R_D* 15.39 ± 0.5, R_N* 5.31 ± 0.1, objective 0.0158259 ± 1e-6", () => {
    const fit = fitDataConstrained(points, { start: { RDstar: 5, RNstar: 5 } });
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.RDstar - 15.39)).toBeLessThan(0.5);
    expect(Math.abs(fit.params.RNstar - 5.31)).toBeLessThan(0.1);
    expect(Math.abs(fit.objective - 0.0158259)).toBeLessThan(1e-6);
    expect(fit.objective).toBeLessThanOrEqual(dataConstrainedObjective(points, MUENNIGHOFF_C4));
  });

  it("the default grid search finds the lower minima of this multimodal surface (objective < 0.015806 at R_D* ≈ 95, R_N* ≈ 1.7)", () => {
    const fit = fitDataConstrained(points);
    expect(fit.converged).toBe(true);
    expect(fit.objective).toBeLessThan(0.015806);
    expect(fit.params.RDstar).toBeGreaterThan(50);
    expect(fit.params.RNstar).toBeLessThan(2.5);
  });
});
