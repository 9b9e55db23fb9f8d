/**
 * The polish step shared by the joint fits (chinchilla, kaplan, data-constrained): each first ranks cheap
 * starting points (a grid), then runs L-BFGS from the best few and keeps the lowest objective. Kept in one
 * place so that the fits share the options, the tie rule (the earliest start wins a tie) and the iteration
 * count (summed over every polish).
 *
 * Cost: one minimizeLbfgs per start. Failure modes: those of minimizeLbfgs (it throws when the objective
 * is not finite at a start); throws when `starts` is empty, which the callers rule out beforehand.
 */
import { goodnessOfFit } from "./goodness-of-fit";
import { minimizeLbfgs, type LbfgsResult, type ObjectiveWithGradient } from "./lbfgs";
import type { FitResult, JointPoint, ModelName } from "./types";

/** Options of the polish, common to the joint fits (each documents its own defaults). */
export interface PolishOptions {
  /** How many of the best starting points are polished by L-BFGS. */
  polishStarts: number;
  /** L-BFGS tolerances of the polish (see lbfgs.ts for their meaning). */
  gradientTolerance: number;
  functionTolerance: number;
  maxIterations: number;
}

/** The exact message for a bad `polishStarts` of fit `model` (e.g. "kaplan"). */
export function checkPolishStarts(model: string, polishStarts: number): void {
  if (!Number.isInteger(polishStarts) || polishStarts < 1) {
    throw new Error(`${model} fit polishStarts must be a positive integer, got ${polishStarts}`);
  }
}

/** Runs L-BFGS from every start; returns the lowest result and the iterations of all runs together. */
export function minimizeFromStarts(
  objective: ObjectiveWithGradient,
  starts: readonly ArrayLike<number>[],
  options: Omit<PolishOptions, "polishStarts">,
): { best: LbfgsResult; iterations: number } {
  const lbfgsOptions = {
    gradientTolerance: options.gradientTolerance,
    functionTolerance: options.functionTolerance,
    maxIterations: options.maxIterations,
  };
  let best: LbfgsResult | null = null;
  let iterations = 0;
  for (const start of starts) {
    const r = minimizeLbfgs(objective, Array.from(start), lbfgsOptions);
    iterations += r.iterations;
    if (!best || r.f < best.f) best = r;
  }
  if (!best) throw new Error("multi-start L-BFGS needs at least one starting point");
  return { best, iterations };
}

/**
 * The FitResult of a polished joint fit: objective, convergence and message of the best run, the iterations
 * of all runs, and the log-space goodness of fit of `predict` at the points.
 */
export function polishedFitResult<P extends string>(
  model: ModelName,
  params: Record<P, number>,
  polished: { best: LbfgsResult; iterations: number },
  points: readonly JointPoint[],
  predict: (params: Record<P, number>, at: JointPoint) => number,
): FitResult<P> {
  return {
    model,
    params,
    objective: polished.best.f,
    n: points.length,
    converged: polished.best.converged,
    iterations: polished.iterations,
    message: polished.best.message,
    gof: goodnessOfFit(
      points.map((p) => p.y),
      points.map((p) => predict(params, p)),
    ),
  };
}
