/**
 * Compare data strategies: for two data methodologies fitted as data-constrained laws on the same axes,
 * how many unique tokens of B match what `uniqueTokens` unique tokens of A reach at `budget`, both planned
 * compute-optimally under their caps (core's uniqueTokensToMatch): the effective data multiplier under the
 * cap. Reads the two stored fits only; core's dataStrategyProblem says why a pair cannot be compared so
 * (the Compare page asks it too, before asking this).
 */
import { dataStrategyProblem, InputError, uniqueTokensToMatch, type DataConstrainedParams } from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { z } from "zod";
import { AppError } from "../../errors";
import { ZRecordId } from "../fit/schemas";
import { ZScale } from "./schemas";

export const ZDataStrategiesInput = z.object({
  /** Methodology A's stored fit (the reference) and B's. */
  fitIdA: ZRecordId,
  fitIdB: ZRecordId,
  /** Compute budget C in FLOPs. */
  budget: ZScale,
  /** Unique tokens of A available, U_A. */
  uniqueTokens: ZScale,
});
export type TDataStrategiesInput = z.infer<typeof ZDataStrategiesInput>;

const ZStrategyFit = z.object({ fitId: z.string(), model: z.string(), sweep: z.object({ id: z.string(), name: z.string(), axes: z.array(z.string()) }), methodology: z.object({ id: z.string(), name: z.string() }) });

export const ZDataStrategiesOutput = z.object({
  a: ZStrategyFit,
  b: ZStrategyFit,
  budget: z.number(),
  uniqueTokens: z.number(),
  /** L*_A(C, U_A): the loss A reaches under its cap, which B must match. */
  targetLoss: z.number(),
  /** U_B, or null when no amount of B's unique data reaches the target at this budget. */
  uniqueTokensB: z.number().nullable(),
  /** U_B / U_A (below 1: B's tokens are worth more), or null with U_B. */
  multiplier: z.number().nullable(),
});
export type TDataStrategiesOutput = z.infer<typeof ZDataStrategiesOutput>;

const DATA_CONSTRAINED_PARAMS = ["E", "A", "B", "alpha", "beta", "RDstar", "RNstar"] as const;
/** The input field a problem of dataStrategyProblem is reported under. */
const FIELDS = { a: "fitIdA", b: "fitIdB", both: "fitIdB" } as const;

async function loadStrategyFit(db: Database, field: "fitIdA" | "fitIdB", fitId: string) {
  const fit = await db.prisma.fit.findUnique({
    where: { id: fitId },
    select: { id: true, model: true, metric: true, params: true, sweep: { select: { id: true, name: true, axes: true, methodology: { select: { id: true, name: true } } } } },
  });
  if (!fit) throw new AppError("NOT_FOUND", `${field}: fit ${fitId} does not exist`);
  const params = fit.params as Record<string, unknown>;
  const { methodology, ...sweep } = fit.sweep;
  return {
    view: { fitId: fit.id, model: fit.model, sweep, methodology },
    side: { label: `${methodology.name} · ${sweep.name}`, model: fit.model, axes: sweep.axes, metric: fit.metric },
    params: Object.fromEntries(DATA_CONSTRAINED_PARAMS.map((k) => [k, params[k]])) as unknown as DataConstrainedParams,
  };
}

/** analysis.dataStrategies: see the file comment. BAD_REQUEST naming why when the fits cannot be compared this way. */
export async function compareDataStrategies(db: Database, input: TDataStrategiesInput): Promise<TDataStrategiesOutput> {
  const a = await loadStrategyFit(db, "fitIdA", input.fitIdA);
  const b = await loadStrategyFit(db, "fitIdB", input.fitIdB);
  const problem = dataStrategyProblem(a.side, b.side);
  if (problem) throw new AppError("BAD_REQUEST", `${FIELDS[problem.side]}: ${problem.message}`);
  try {
    const match = uniqueTokensToMatch(a.params, b.params, { compute: input.budget, uniqueTokens: input.uniqueTokens });
    return { a: a.view, b: b.view, budget: input.budget, uniqueTokens: input.uniqueTokens, targetLoss: match.targetLoss, uniqueTokensB: match.uniqueTokens, multiplier: match.multiplier };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new AppError("BAD_REQUEST", error.message);
  }
}
