import { describe, expect, it } from "vitest";
import { ALLOCATION_RECIPES, ALLOCATION_RECIPE_NAMES, PF_DAY, compareRecipes } from "./allocation-recipes";
import { computeOptimal, PUBLISHED_LAWS } from "./plan";

const byName = (c: number) => Object.fromEntries(compareRecipes(c).map((r) => [r.recipe, r]));

describe("compareRecipes(C)", () => {
  it.each([1e17, 3e20, 1e24, 1e26])("DeepSeek's published constants reproduce C = M_opt·D_opt at C = %d (0.1715 × 5.8316 = 1.0001)", (c) => {
    const ds = byName(c)["deepseek-2024"]!;
    expect(ds.model).toBeCloseTo(0.1715 * c ** 0.5243, -Math.log10(ds.model) + 10);
    expect(ds.tokens).toBeCloseTo(5.8316 * c ** 0.4757, -Math.log10(ds.tokens) + 10);
    expect(Math.abs((ds.model * ds.tokens) / c - 1)).toBeLessThan(2e-4);
    expect(ds.flopsPerToken).toBe(ds.model);
  });

  it.each(["hoffmann-2022", "epoch-2024"] as const)("%s is the closed-form Chinchilla allocation of its law", (name) => {
    for (const c of [1e19, 1e23]) {
      const r = byName(c)[name]!;
      const opt = computeOptimal(PUBLISHED_LAWS[name].params, c);
      expect(r.model / opt.n).toBeCloseTo(1, 12);
      expect(r.tokens / opt.d).toBeCloseTo(1, 12);
      expect(r.flopsPerToken).toBe(6 * r.model);
    }
  });

  it("kaplan-2020 is Table 6 with C in PF-days: 1.3e9 non-embedding parameters and 2e10 tokens at 1 PF-day, N ∝ C^0.73", () => {
    const k = byName(PF_DAY)["kaplan-2020"]!;
    expect(k.model).toBeCloseTo(1.3e9, -2);
    expect(k.tokens).toBeCloseTo(2e10, -3);
    expect(Math.log10(byName(1e24)["kaplan-2020"]!.model / byName(1e20)["kaplan-2020"]!.model) / 4).toBeCloseTo(0.73, 12);
  });

  it("lists every recipe, with Kaplan's the largest model and fewest tokens at 1e24 FLOPs (its exponent 0.73)", () => {
    const all = byName(1e24);
    expect(Object.keys(all)).toEqual(ALLOCATION_RECIPE_NAMES);
    for (const name of ALLOCATION_RECIPE_NAMES.filter((n) => n !== "kaplan-2020")) {
      expect(all["kaplan-2020"]!.flopsPerToken).toBeGreaterThan(all[name]!.flopsPerToken);
      expect(all["kaplan-2020"]!.tokens).toBeLessThan(all[name]!.tokens);
    }
    expect(ALLOCATION_RECIPES["deepseek-2024"].scale).toBe("non-embedding FLOPs/token");
  });

  it("throws an InputError for a non-positive budget", () => {
    expect(() => compareRecipes(-1)).toThrow(expect.objectContaining({ name: "InputError", message: "compute budget must be a positive number of FLOPs, got -1" }));
  });
});
