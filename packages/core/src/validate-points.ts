/**
 * Input checks shared by the single-axis fitters (log-linear, power-law, saturating-power-law, bnsl,
 * hyper-parameter laws) and the isoFLOP fit. Each problem has one exact message, written for a user who
 * did not write the code; rows are numbered from 1 as in the user's table. The wording is the same as the
 * model registry's (models.ts), so a message reads the same whichever layer caught it.
 *
 * Order of the checks: a non-finite value (x, then y, then weight, row by row), too few points, a
 * non-positive value on a log axis (x, then y, row by row), a single distinct x.
 */
import { InputError } from "./input-error";
import type { Point } from "./types";

/** The exact messages, as functions of their inputs (each asserted by validate-points.test.ts). */
export const POINT_ERRORS = {
  notFinite: (model: string, row: number, field: string, value: number) =>
    `${model} fit needs finite numbers: row ${row} has ${field} = ${value}`,
  tooFewPoints: (model: string, min: number, got: number) => `${model} fit needs at least ${min} points, got ${got}`,
  notPositive: (model: string, row: number, field: string, value: number) =>
    `${model} needs positive ${field} on a log axis: row ${row} has ${field} = ${value}`,
  oneDistinct: (model: string, field: string, value: number) =>
    `${model} fit needs at least 2 distinct values of ${field}, got only ${field} = ${value}`,
  negativeWeight: (model: string, row: number, value: number) =>
    `${model} fit needs non-negative weights: row ${row} has weight = ${value}`,
  zeroWeights: (model: string) => `${model} fit needs at least one positive weight, got all weights = 0`,
} as const;

/** What a model needs from its points. */
export interface PointRequirements {
  /** Fewest points the model accepts (at least its number of parameters). */
  minPoints: number;
  /** x sits on a log axis (every single-axis model here). */
  positiveX: boolean;
  /** y sits on a log axis (power law, saturating law). */
  positiveY: boolean;
  /** Whether the `weight` field is read (and so checked). */
  useWeights?: boolean;
}

/** Throws the first problem found (see the order above); returns nothing when the points are usable. O(n). */
export function validatePoints(model: string, points: readonly Point[], needs: PointRequirements): void {
  points.forEach((p, i) => {
    if (!Number.isFinite(p.x)) throw new InputError("non-finite", POINT_ERRORS.notFinite(model, i + 1, "x", p.x));
    if (!Number.isFinite(p.y)) throw new InputError("non-finite", POINT_ERRORS.notFinite(model, i + 1, "y", p.y));
    if (needs.useWeights && p.weight !== undefined) {
      if (!Number.isFinite(p.weight)) throw new InputError("non-finite", POINT_ERRORS.notFinite(model, i + 1, "weight", p.weight));
      if (p.weight < 0) throw new InputError("out-of-range", POINT_ERRORS.negativeWeight(model, i + 1, p.weight));
    }
  });
  if (points.length < needs.minPoints) {
    throw new InputError("too-few-points", POINT_ERRORS.tooFewPoints(model, needs.minPoints, points.length));
  }
  points.forEach((p, i) => {
    if (needs.positiveX && p.x <= 0) throw new InputError("not-positive", POINT_ERRORS.notPositive(model, i + 1, "x", p.x));
    if (needs.positiveY && p.y <= 0) throw new InputError("not-positive", POINT_ERRORS.notPositive(model, i + 1, "y", p.y));
  });
  const first = points[0];
  if (first !== undefined && points.every((p) => p.x === first.x)) {
    throw new InputError("too-few-distinct", POINT_ERRORS.oneDistinct(model, "x", first.x));
  }
  if (needs.useWeights && points.every((p) => p.weight === 0)) throw new InputError("too-few-points", POINT_ERRORS.zeroWeights(model));
}
