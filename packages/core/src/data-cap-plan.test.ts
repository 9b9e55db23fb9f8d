import { describe, expect, it } from "vitest";
import { anchorsPresent, readAnchorCsv } from "../test/anchors";
import {
  cappedOptimalLoss,
  DATA_CAP_DEFAULTS,
  DATA_CAP_MESSAGES,
  PUBLISHED_DATA_CONSTRAINED_LAWS,
  dataCapPlanIntervals,
  fittedRangeOf,
  planUnderDataCap,
  publishedDataConstrainedLaw,
} from "./data-cap-plan";
import { MUENNIGHOFF_C4, fitDataConstrained, type DataConstrainedParams } from "./data-constrained";
import { computeOptimal } from "./plan";
import { COLLAPSED_PLAN_INTERVAL } from "./plan-intervals";
import type { JointPoint } from "./types";

const C4 = PUBLISHED_DATA_CONSTRAINED_LAWS["muennighoff-2023-c4"];
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** The law exactly as the datablations README writes it (independent of data-constrained.ts). */
function readmeLoss(p: DataConstrainedParams, n: number, d: number, uCap: number): number {
  const u = Math.min(uCap, d);
  const G = ((p.alpha * p.A) / (p.beta * p.B)) ** (1 / (p.alpha + p.beta));
  const nOpt = (c: number) => G * (c / 6) ** (p.beta / (p.alpha + p.beta));
  const cOfU = 6 * (G * u) ** ((p.alpha + p.beta) / p.alpha);
  const rD = Math.max(d / u - 1, 0);
  const uN = Math.min(n, nOpt(cOfU));
  const rN = Math.max(n / uN - 1, 0);
  const nEff = uN + uN * p.RNstar * (1 - Math.exp(-rN / p.RNstar));
  const dEff = u + u * p.RDstar * (1 - Math.exp(-rD / p.RDstar));
  return p.E + p.A / nEff ** p.alpha + p.B / dEff ** p.beta;
}

/** Brute force: the best of 20,001 model sizes spaced evenly in ln N over four decades around the optimum. */
function bruteForceN(p: DataConstrainedParams, c: number, u: number, around: number): { n: number; loss: number } {
  let best = { n: Number.NaN, loss: Number.POSITIVE_INFINITY };
  for (let i = 0; i <= 20000; i++) {
    const n = around * 10 ** (-2 + (4 * i) / 20000);
    const loss = readmeLoss(p, n, c / (6 * n), u);
    if (loss < best.loss) best = { n, loss };
  }
  return best;
}

/** L*(C, U) by the planner itself (for finite differences). */
const cappedLoss = (p: DataConstrainedParams, compute: number, uniqueTokens: number) => planUnderDataCap(p, { compute, uniqueTokens }).capped.loss;

describe("planUnderDataCap(law, {compute, uniqueTokens})", () => {
  it("is the closed-form unlimited-data plan when the cap does not bind (D_opt ≤ U)", () => {
    const free = computeOptimal(MUENNIGHOFF_C4, 1e20);
    const plan = planUnderDataCap(MUENNIGHOFF_C4, { compute: 1e20, uniqueTokens: free.d * 1.01 });
    expect(plan.capBinding).toBe(false);
    expect(plan.capped.n).toBe(free.n);
    expect(plan.capped.loss).toBe(free.loss);
    expect(plan.capped.epochs).toBeCloseTo(1 / 1.01, 12);
    expect(plan.lossGap).toBe(0);
    expect(plan.marginal.lossPerUniqueToken).toBe(0);
    expect(plan.extraData).toMatchObject({ lossImprovement: 0, equivalentCompute: 0 });
  });

  it.each([
    [1e20, 5e9],
    [1e21, 2e9],
    [1e22, 5e10],
    [1e24, 1e11],
  ])("at C = %d, U = %d finds the N a brute-force scan of the README's law finds, with D = C/(6N) and epochs = D/U", (compute, u) => {
    const plan = planUnderDataCap(MUENNIGHOFF_C4, { compute, uniqueTokens: u });
    const brute = bruteForceN(MUENNIGHOFF_C4, compute, u, plan.unlimited.n);
    expect(plan.capBinding).toBe(true);
    expect(rel(plan.capped.n, brute.n)).toBeLessThan(5e-4); // the scan's spacing is 4.6e-4 in ln N
    expect(plan.capped.loss).toBeLessThanOrEqual(brute.loss + 1e-13);
    expect(plan.capped.loss).toBeCloseTo(readmeLoss(MUENNIGHOFF_C4, plan.capped.n, plan.capped.d, u), 12);
    expect(6 * plan.capped.n * plan.capped.d).toBeCloseTo(compute, -Math.log10(compute) + 10);
    expect(plan.capped.epochs).toBeCloseTo(plan.capped.d / u, 12);
    expect(plan.capped.epochs).toBeGreaterThan(1);
    // Fewer parameters and more (repeated) tokens than with unlimited data; a loss no better than it.
    expect(plan.capped.n).toBeLessThan(plan.unlimited.n);
    expect(plan.lossGap).toBeGreaterThan(0);
    expect(plan.unlimited.loss).toBe(computeOptimal(MUENNIGHOFF_C4, compute).loss);
  });

  it("d(L*)/dU and d(L*)/dC (envelope theorem, analytic) match central differences of the re-optimised loss", () => {
    const [c, u] = [1e22, 5e10];
    const plan = planUnderDataCap(MUENNIGHOFF_C4, { compute: c, uniqueTokens: u });
    const hU = 1e-3 * u;
    const hC = 1e-3 * c;
    const dU = (cappedLoss(MUENNIGHOFF_C4, c, u + hU) - cappedLoss(MUENNIGHOFF_C4, c, u - hU)) / (2 * hU);
    const dC = (cappedLoss(MUENNIGHOFF_C4, c + hC, u) - cappedLoss(MUENNIGHOFF_C4, c - hC, u)) / (2 * hC);
    expect(rel(plan.marginal.lossPerUniqueToken, dU)).toBeLessThan(1e-4);
    expect(rel(plan.marginal.lossPerFlop, dC)).toBeLessThan(1e-4);
    expect(plan.marginal.flopsPerUniqueToken).toBeCloseTo(plan.marginal.lossPerUniqueToken / plan.marginal.lossPerFlop, 6);
  });

  it("the extra compute it reports for ΔU = 10B tokens reaches the loss that 10B more unique tokens reach", () => {
    const [c, u] = [1e22, 5e10];
    const plan = planUnderDataCap(MUENNIGHOFF_C4, { compute: c, uniqueTokens: u });
    expect(plan.extraData.uniqueTokens).toBe(DATA_CAP_DEFAULTS.extraUniqueTokens);
    expect(plan.extraData.loss).toBe(cappedLoss(MUENNIGHOFF_C4, c, u + 1e10));
    expect(plan.extraData.lossImprovement).toBeGreaterThan(0);
    const extra = plan.extraData.equivalentCompute!;
    expect(extra).toBeGreaterThan(0);
    expect(cappedLoss(MUENNIGHOFF_C4, c + extra, u)).toBeCloseTo(plan.extraData.loss, 12);
    // A small ΔU is worth ΔU × the marginal rate.
    const small = planUnderDataCap(MUENNIGHOFF_C4, { compute: c, uniqueTokens: u, extraUniqueTokens: 1e7 });
    expect(rel(small.extraData.equivalentCompute!, 1e7 * small.marginal.flopsPerUniqueToken)).toBeLessThan(1e-3);
  });

  it("says no compute buys a gain below the loss floor of the cap (N′ and D′ saturate as C → ∞)", () => {
    const plan = planUnderDataCap(MUENNIGHOFF_C4, { compute: 1e26, uniqueTokens: 1e8, extraUniqueTokens: 1e12 });
    expect(plan.extraData.lossImprovement).toBeGreaterThan(1);
    expect(plan.extraData.equivalentCompute).toBeNull();
    expect(cappedLoss(MUENNIGHOFF_C4, 1e40, 1e8)).toBeGreaterThan(plan.extraData.loss);
  });
});

describe("planUnderDataCap warnings and errors", () => {
  it("warns, with exact messages, for a budget, cap, model size or epochs outside the fitted range", () => {
    const inside = planUnderDataCap(C4.params, { compute: 1e21, uniqueTokens: 1e10, fittedRange: C4.fittedRange });
    expect(inside.warnings).toEqual([]);
    const outside = planUnderDataCap(C4.params, { compute: 1e23, uniqueTokens: 5e11, fittedRange: C4.fittedRange });
    expect(outside.warnings).toEqual([
      "compute budget (FLOPs) 1.00e+23 is outside the range the law was fitted on (4.26e+15 to 9.26e+21): the plan extrapolates",
      "unique-token cap 5.00e+11 is outside the range the law was fitted on (1.00e+8 to 1.78e+11): the plan extrapolates",
      `model size N ${outside.capped.n.toPrecision(3)} is outside the range the law was fitted on (7.10e+6 to 8.67e+9): the plan extrapolates`,
    ]);
    const manyEpochs = planUnderDataCap(C4.params, { compute: 1e21, uniqueTokens: 1e9, fittedRange: { epochs: [1, 4] } });
    expect(manyEpochs.warnings).toEqual([
      `epochs ${manyEpochs.capped.epochs.toPrecision(3)} is outside the range the law was fitted on (1.00 to 4.00): the plan extrapolates`,
    ]);
    // Below one epoch (the cap does not bind) nothing is repeated: no epochs warning.
    expect(planUnderDataCap(C4.params, { compute: 1e20, uniqueTokens: 5e10, fittedRange: { epochs: [1, 4] } }).warnings).toEqual([]);
  });

  it("warns when the loss is flat in N (the best size sits at the edge of the search)", () => {
    const plan = planUnderDataCap(MUENNIGHOFF_C4, { compute: 1e30, uniqueTokens: 1e6 });
    expect(plan.warnings).toEqual([DATA_CAP_MESSAGES.flatInN(plan.capped.n)]);
    expect(plan.warnings[0]).toMatch(/^the best model size 1\.06e\+8 is at the edge of the search/);
  });

  it.each([
    [{ compute: 0, uniqueTokens: 1e10 }, MUENNIGHOFF_C4, "compute budget must be a positive number of FLOPs, got 0"],
    [{ compute: 1e21, uniqueTokens: -1 }, MUENNIGHOFF_C4, "unique-token cap must be a positive number of tokens, got -1"],
    [{ compute: 1e21, uniqueTokens: Number.NaN }, MUENNIGHOFF_C4, "unique-token cap must be a positive number of tokens, got NaN"],
    [{ compute: 1e21, uniqueTokens: 1e10, extraUniqueTokens: 0 }, MUENNIGHOFF_C4, "extra unique tokens must be a positive number of tokens, got 0"],
    [{ compute: 1e21, uniqueTokens: 1e10 }, { ...MUENNIGHOFF_C4, RDstar: 0 }, "data-constrained parameter RDstar must be a positive finite number, got 0"],
    [{ compute: 1e21, uniqueTokens: 1e10 }, { ...MUENNIGHOFF_C4, alpha: Number.POSITIVE_INFINITY }, "data-constrained parameter alpha must be a positive finite number, got Infinity"],
  ])("throws an InputError for %o", (input, law, message) => {
    expect(() => planUnderDataCap(law, input)).toThrow(expect.objectContaining({ name: "InputError", message }));
  });

  it("names the law a cap cannot be planned with (for callers that hold a Chinchilla-form law)", () => {
    expect(DATA_CAP_MESSAGES.needsDataConstrained("fit x (chinchilla)")).toBe(
      "planning under a unique-token cap needs a data-constrained law (a data-constrained fit or the preset muennighoff-2023-c4); fit x (chinchilla) is not one",
    );
  });

  it("cappedOptimalLoss(law, C, U) is the plan's capped loss, with the same checks", () => {
    expect(cappedOptimalLoss(MUENNIGHOFF_C4, 1e22, 5e10)).toBe(planUnderDataCap(MUENNIGHOFF_C4, { compute: 1e22, uniqueTokens: 5e10 }).capped.loss);
    expect(() => cappedOptimalLoss(MUENNIGHOFF_C4, 1e22, -1)).toThrow("unique-token cap must be a positive number of tokens, got -1");
  });

  it("publishedDataConstrainedLaw(name) returns the preset or lists the valid names", () => {
    expect(publishedDataConstrainedLaw("muennighoff-2023-c4").params).toBe(MUENNIGHOFF_C4);
    expect(() => publishedDataConstrainedLaw("c5")).toThrow(
      expect.objectContaining({ name: "InputError", message: 'unknown data-constrained law "c5"; valid presets: muennighoff-2023-c4' }),
    );
  });
});

describe("fittedRangeOf(points)", () => {
  it("spans 6·N·D, N, U and D/U, with U = D for runs without unique tokens, and is empty for no runs", () => {
    expect(fittedRangeOf([{ n: 1e8, d: 4e9, u: 1e9 }, { n: 1e9, d: 2e10 }])).toEqual({
      compute: [2.4e18, 1.2e20],
      n: [1e8, 1e9],
      uniqueTokens: [1e9, 2e10],
      epochs: [1, 4],
    });
    expect(fittedRangeOf([])).toEqual({});
  });
});

describe("dataCapPlanIntervals(draws, input, level)", () => {
  it("gives percentile intervals over the draws that contain the plan of the central law", () => {
    const draws = [0.9, 0.95, 1, 1.05, 1.1].flatMap((s) => [0.9, 1.1].map((t) => ({ ...MUENNIGHOFF_C4, RDstar: MUENNIGHOFF_C4.RDstar * s, RNstar: MUENNIGHOFF_C4.RNstar * t })));
    const input = { compute: 1e22, uniqueTokens: 5e10 };
    const central = planUnderDataCap(MUENNIGHOFF_C4, input);
    const intervals = dataCapPlanIntervals(draws, input, 0.9);
    for (const [field, value] of [
      ["n", central.capped.n],
      ["epochs", central.capped.epochs],
      ["loss", central.capped.loss],
      ["lossGap", central.lossGap],
      ["equivalentCompute", central.extraData.equivalentCompute!],
    ] as const) {
      const interval = intervals[field]!;
      expect(interval.lower, field).toBeLessThan(value);
      expect(interval.upper, field).toBeGreaterThan(value);
    }
    expect(intervals.n!.unreliable).toBeUndefined();
    // R_D*, R_N* do not move the unlimited-data plan: a zero-width interval, flagged as saying nothing.
    expect(intervals.unlimitedLoss).toMatchObject({ lower: central.unlimited.loss, upper: central.unlimited.loss, unreliable: COLLAPSED_PLAN_INTERVAL });
  });
});

describe.skipIf(!anchorsPresent)("planUnderDataCap with the datablations anchor (golden)", () => {
  const rows = anchorsPresent ? readAnchorCsv("datablations_c4_runs.csv") : [];
  const points: JointPoint[] = rows.map((r) => ({ n: Number(r.params_N), d: Number(r.tokens_D), u: Number(r.unique_tokens_U), y: Number(r.val_loss) }));

  it("the preset's fitted range is fittedRangeOf the authors' 182 runs (6·N·D, N, U, D/U)", () => {
    expect(C4.fittedRange).toEqual(fittedRangeOf(points));
    expect(C4.fittedRange.epochs).toEqual([1, 9000]);
  });

  it("the law refitted on the anchor plans 25B unique tokens at 9.2e21 FLOPs as the README's equations do, beating the README's two allocations", () => {
    const fitted = fitDataConstrained(points, { start: { RDstar: 5, RNstar: 5 } }).params;
    const compute = 6 * 6.34e9 * 242e9;
    const u = 25e9;
    const plan = planUnderDataCap(fitted, { compute, uniqueTokens: u });
    const published = planUnderDataCap(MUENNIGHOFF_C4, { compute, uniqueTokens: u });
    const brute = bruteForceN(fitted, compute, u, plan.unlimited.n);
    expect(rel(plan.capped.n, brute.n)).toBeLessThan(5e-4);
    expect(rel(plan.capped.n, published.capped.n)).toBeLessThan(0.01);
    // README: scaling_law(6.34e9, 242e9, 25e9) = 2.2256441 (the data-constrained pick) and
    // scaling_law(8.67e9, 178e9, 25e9) = 2.2269634 (the Chinchilla pick) at about the same compute.
    expect(published.capped.loss).toBeLessThan(2.2256441);
    expect(published.capped.loss).toBeGreaterThan(2.2256441 - 2e-4);
    expect(published.capped.n).toBeGreaterThan(6.34e9);
    expect(published.capped.n).toBeLessThan(8.67e9);
    expect(published.capped.epochs).toBeGreaterThan(242e9 / 25e9 - 1);
  });
});
