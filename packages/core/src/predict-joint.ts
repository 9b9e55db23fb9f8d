/**
 * A fitted joint law (chinchilla, kaplan, data-constrained) evaluated at a planned run (N, D, and for the
 * data-constrained law U unique tokens), the question "what loss will N = 13e9, D = 5e12 give?", as opposed to
 * forecast.ts, which reads a joint law along its compute-optimal allocation.
 *
 * The interval is a percentile interval over the bootstrap draws: it covers parameter uncertainty only (the
 * law being slightly wrong is not in it), and says so in `uncertainty`. It is flagged `unreliable` under the
 * same checks as forecast intervals (too many failed refits, bounds that say nothing).
 * Cost: one law evaluation per draw per pair. Throws InputError for a law of one scale, a non-positive or
 * non-finite N, D or U, U given to a law that does not read it, or a level outside (0, 1).
 */
import { drawInterval, type Interval } from "./draw-interval";
import { FORECAST_DEFAULTS, FORECAST_ERRORS } from "./forecast";
import { InputError } from "./input-error";
import { getModel, type Scale } from "./models";
import type { FittedModel } from "./scale-curve";
import { bootstrapDrawsProblem, scoreIntervalProblem } from "./score-interval-check";

/** A planned run: parameters N, training tokens D and (data-constrained law) unique tokens U. */
export interface JointScale {
  n: number;
  d: number;
  u?: number;
}

export interface JointPrediction extends JointScale {
  value: number;
  /** Percentile interval over the bootstrap draws; absent without draws. */
  interval?: Interval;
  /** What the interval covers. */
  uncertainty: typeof JOINT_INTERVAL_COVERS;
}

export const JOINT_INTERVAL_COVERS = "parameter uncertainty only (bootstrap)";

/** The exact messages of predictJointAt (each asserted by a test). */
export const PREDICT_JOINT_ERRORS = {
  notJoint: (model: string) =>
    `${model} is a law of one scale: predicting at (N, D) needs a joint law (chinchilla, kaplan or data-constrained)`,
  notPositive: (field: "N" | "D" | "U", value: number) => `${field} must be a positive number, got ${value}`,
  uniqueNotRead: (model: string) => `${model} does not read unique tokens U; only data-constrained does`,
} as const;

function checkPositive(field: "N" | "D" | "U", value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new InputError("not-positive", PREDICT_JOINT_ERRORS.notPositive(field, value));
}

/**
 * The law's score at (N, D[, U]) for the fitted parameters, with the interval over the draws. For the
 * data-constrained law U defaults to the sweep's largest unique-token count, capped at D (a run never sees
 * more unique tokens than it trains on).
 */
export function predictJointAt(f: FittedModel, at: JointScale, level: number = FORECAST_DEFAULTS.level): JointPrediction {
  const spec = getModel(f.model);
  if (spec.axes !== "n+d") throw new InputError("unsupported", PREDICT_JOINT_ERRORS.notJoint(f.model));
  if (!(level > 0 && level < 1)) throw new InputError("out-of-range", FORECAST_ERRORS.level(level));
  checkPositive("N", at.n);
  checkPositive("D", at.d);
  const readsUnique = spec.name === "data-constrained";
  if (at.u !== undefined) {
    if (!readsUnique) throw new InputError("unsupported", PREDICT_JOINT_ERRORS.uniqueNotRead(f.model));
    checkPositive("U", at.u);
  }
  const u = at.u ?? (readsUnique && f.uniqueTokens !== undefined ? Math.min(f.uniqueTokens, at.d) : undefined);
  const scale: Scale = u === undefined ? { n: at.n, d: at.d } : { n: at.n, d: at.d, u };
  const value = spec.predict(f.params, scale);
  const out: JointPrediction = { n: at.n, d: at.d, ...(u === undefined ? {} : { u }), value, uncertainty: JOINT_INTERVAL_COVERS };
  if (f.draws.length > 0) {
    const interval = drawInterval(f.draws.map((p) => spec.predict(p, scale)), level);
    if (interval) {
      const problem = bootstrapDrawsProblem(f.failedDraws ?? 0, f.draws.length) ?? scoreIntervalProblem(f.model, interval, value);
      out.interval = problem === undefined ? interval : { ...interval, unreliable: problem };
    }
  }
  return out;
}
