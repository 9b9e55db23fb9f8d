/**
 * Laws of optimal hyper-parameters against compute (DeepSeek LLM 2024): η_opt = K·C^a for the learning
 * rate, B_opt = K·C^a for the batch size (tokens), and the same form for any other named setting.
 * Each law is a power law fitted by OLS in log–log (power-law.ts) to points x = C (FLOPs), y = the best
 * value found at that budget. `suggestHyperParameters` evaluates fitted laws at a budget through
 * plan.ts's `evaluateComputeLaw`, so fitted and published laws are evaluated by one function.
 *
 * Cost: O(n) per law. Throws the power-law validation messages, naming the law ("learningRate law: …").
 */
import type { Point } from "./types";
import { evaluateComputeLaw } from "./plan";
import { fitPowerLaw, type PowerLawOptions, type PowerLawParams } from "./power-law";
import type { FitResult } from "./types";

/** Fits one hyper-parameter law y_opt = K·C^a to points x = C, y = the optimal setting. */
export function fitHyperParameterLaw(points: readonly Point[], options: Partial<PowerLawOptions> = {}) {
  return fitPowerLaw(points, options);
}

/**
 * Fits one law per named hyper-parameter, e.g. { learningRate: [...], batchSize: [...] }. A validation
 * error is prefixed with the law's name: "batchSize law: power-law fit needs at least 2 points, got 1".
 */
export function fitHyperParameterLaws<Name extends string>(
  sets: Readonly<Record<Name, readonly Point[]>>,
  options: Partial<PowerLawOptions> = {},
): Record<Name, FitResult<"K" | "a">> {
  const out = {} as Record<Name, FitResult<"K" | "a">>;
  for (const name of Object.keys(sets) as Name[]) {
    try {
      out[name] = fitHyperParameterLaw(sets[name], options);
    } catch (error) {
      throw new Error(`${name} law: ${(error as Error).message}`);
    }
  }
  return out;
}

/**
 * The suggested value of every named hyper-parameter at compute C: K·C^a for each law (a fit result or
 * its params). Throws plan.ts's message for a non-positive budget.
 */
export function suggestHyperParameters<Name extends string>(
  laws: Readonly<Record<Name, PowerLawParams | { params: PowerLawParams }>>,
  compute: number,
): Record<Name, number> {
  const out = {} as Record<Name, number>;
  for (const name of Object.keys(laws) as Name[]) {
    const law = laws[name];
    const p: PowerLawParams = "params" in law ? (law as { params: PowerLawParams }).params : (law as PowerLawParams);
    out[name] = evaluateComputeLaw({ k: p.K, a: p.a }, compute);
  }
  return out;
}
