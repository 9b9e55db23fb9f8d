/**
 * Published compute-optimal allocations ("recipes") side by side: how big a model and how many tokens each
 * paper would train at budget C. They measure model scale differently:
 * - hoffmann-2022, epoch-2024: all parameters N (C = 6·N·D), from their Chinchilla-form laws (plan.ts).
 * - kaplan-2020: non-embedding parameters, Kaplan et al. 2020 Table 6: N_opt = 1.3e9·C_min^0.73 and
 *   D_opt = 2e10·C_min^0.27 with C_min in PF-days (8.64e19 FLOPs); fitted at the critical batch size, so
 *   6·N_opt·D_opt is not C (it is about 1.8·C).
 * - deepseek-2024: non-embedding FLOPs per token M (C = M·D), DeepSeek LLM 2024:
 *   M_opt = 0.1715·C^0.5243, D_opt = 5.8316·C^0.4757.
 * To put them on one axis, `flopsPerToken` is M for DeepSeek and 6·N for the others.
 */
import { allocationConstant, allocationExponents, checkCompute, evaluateComputeLaw, PUBLISHED_LAWS, type ComputePowerLaw } from "./plan";

/** FLOPs in one PF-day (10^15 FLOP/s for a day). */
export const PF_DAY = 8.64e19;

export type ModelScaleKind = "params" | "non-embedding params" | "non-embedding FLOPs/token";

export interface AllocationRecipe {
  source: string;
  /** What `model` measures. */
  scale: ModelScaleKind;
  /** Model scale at the optimum, k·C^a (C in FLOPs). */
  model: ComputePowerLaw;
  /** Training tokens at the optimum, k·C^a. */
  tokens: ComputePowerLaw;
}

/** Chinchilla closed form as power laws in C: N_opt = G·6^(−a)·C^a, D_opt = G^(−1)·6^(−b)·C^b. */
function chinchillaRecipe(name: keyof typeof PUBLISHED_LAWS): AllocationRecipe {
  const { source, params } = PUBLISHED_LAWS[name];
  const g = allocationConstant(params);
  const { a, b } = allocationExponents(params);
  return { source, scale: "params", model: { k: g * Math.pow(6, -a), a }, tokens: { k: Math.pow(6, -b) / g, a: b } };
}

export const ALLOCATION_RECIPES = Object.freeze({
  "hoffmann-2022": chinchillaRecipe("hoffmann-2022"),
  "epoch-2024": chinchillaRecipe("epoch-2024"),
  "kaplan-2020": {
    source: "Kaplan et al. 2020, Table 6",
    scale: "non-embedding params",
    model: { k: 1.3e9 * Math.pow(PF_DAY, -0.73), a: 0.73 },
    tokens: { k: 2e10 * Math.pow(PF_DAY, -0.27), a: 0.27 },
  },
  "deepseek-2024": {
    source: "DeepSeek LLM 2024",
    scale: "non-embedding FLOPs/token",
    model: { k: 0.1715, a: 0.5243 },
    tokens: { k: 5.8316, a: 0.4757 },
  },
} satisfies Record<string, AllocationRecipe>);

export type AllocationRecipeName = keyof typeof ALLOCATION_RECIPES;
export const ALLOCATION_RECIPE_NAMES = Object.keys(ALLOCATION_RECIPES) as AllocationRecipeName[];

export interface RecipeAllocation {
  recipe: AllocationRecipeName;
  source: string;
  scale: ModelScaleKind;
  /** Model scale in the recipe's own measure. */
  model: number;
  tokens: number;
  /** M, or 6·N for parameter-counting recipes: a common axis. */
  flopsPerToken: number;
}

/** Every recipe's allocation of budget C. Throws InputError for a non-positive budget. */
export function compareRecipes(compute: number): RecipeAllocation[] {
  checkCompute(compute);
  return ALLOCATION_RECIPE_NAMES.map((recipe) => {
    const r: AllocationRecipe = ALLOCATION_RECIPES[recipe];
    const model = evaluateComputeLaw(r.model, compute);
    return {
      recipe,
      source: r.source,
      scale: r.scale,
      model,
      tokens: evaluateComputeLaw(r.tokens, compute),
      flopsPerToken: r.scale === "non-embedding FLOPs/token" ? model : 6 * model,
    };
  });
}
