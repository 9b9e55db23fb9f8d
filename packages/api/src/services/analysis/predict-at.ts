import { getModel, InputError, JOINT_INTERVAL_COVERS, PREDICT_JOINT_ERRORS, predictJointAt, type JointPrediction } from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import { boundsOf, FIT_TASK_DEFAULTS, finiteOrNull } from "../../workers/tasks";
import { loadFitted } from "./load-fitted";
import type { TPredictAtInput, TPredictAtOutput } from "./schemas";

function answerOf(p: JointPrediction): TPredictAtOutput["at"][number] {
  return { n: p.n, d: p.d, u: p.u ?? null, value: finiteOrNull(p.value), interval: boundsOf(p.interval) };
}

/**
 * A stored joint-law fit (chinchilla, kaplan, data-constrained) evaluated at planned runs (N, D[, U]), each
 * with a percentile interval over the fit's bootstrap draws: parameter uncertainty only, at `level`.
 * Cost: draws × pairs law evaluations (≤ 1000 × 200), in-process. BAD_REQUEST for a law of one scale
 * ("fitId: …") and for U given to a law that does not read it ("pairs.i: …").
 */
export async function predictAt(db: Database, input: TPredictAtInput): Promise<TPredictAtOutput> {
  const [loaded] = await loadFitted(db, [input.fitId]);
  const { fitted, sweep } = loaded!;
  if (getModel(fitted.model).axes !== "n+d") throw new AppError("BAD_REQUEST", `fitId: ${PREDICT_JOINT_ERRORS.notJoint(fitted.model)}`);
  const level = input.level ?? FIT_TASK_DEFAULTS.level;
  const at = input.pairs.map((pair, i) => {
    try {
      return answerOf(predictJointAt(fitted, pair, level));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw new AppError("BAD_REQUEST", `pairs.${i}: ${error.message}`);
    }
  });
  return { fitId: loaded!.fitId, sweepId: sweep.id, model: loaded!.model, metric: loaded!.metric, level, uncertainty: JOINT_INTERVAL_COVERS, at };
}
