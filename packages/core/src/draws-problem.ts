/**
 * Whether a fit's bootstrap draws can stand behind quantities computed from them at a scale (P(best), a
 * crossover interval, a data multiplier): not when too many refits failed (bootstrapDrawsProblem), nor when
 * the draws' score interval at that scale says nothing (scoreIntervalProblem, through predictAt).
 * Cost: one curve evaluation per draw. Throws what predictAt throws (a non-positive scale, a bad level).
 */
import { predictAt } from "./forecast";
import type { FittedModel } from "./scale-curve";
import { bootstrapDrawsProblem } from "./score-interval-check";

/** Why the draws of `f` are not reliable at scale `s`, or undefined when they are (or there are none). */
export function drawsProblemAt(f: FittedModel, s: number, level: number): string | undefined {
  if (f.draws.length === 0) return undefined;
  return bootstrapDrawsProblem(f.failedDraws ?? 0, f.draws.length) ?? predictAt(f, s, level).interval?.unreliable;
}
