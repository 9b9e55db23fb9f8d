import {
  compareRecipes,
  computeForLoss,
  computeOptimal,
  DATA_CAP_INTERVAL_FIELDS,
  DATA_CAP_MESSAGES,
  dataCapPlanIntervals,
  degenerateIntervalReason,
  drawsProblemAt,
  InputError,
  OPTIMAL_INTERVAL_FIELDS,
  optimalPlanIntervals,
  planUnderDataCap,
  publishedDataConstrainedLaw,
  publishedLaw,
  PUBLISHED_DATA_CONSTRAINED_LAW_NAMES,
  PUBLISHED_HYPERPARAMETER_LAWS,
  suggestHyperParameters,
  type ChinchillaLaw,
  type DataConstrainedParams,
  type FittedRange,
} from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import { boundsOf, FIT_TASK_DEFAULTS } from "../../workers/tasks";
import { loadFitted } from "./load-fitted";
import type { TPlanComputeOutput, TPlanInput } from "./schemas";

const CHINCHILLA_PARAMS = ["E", "A", "B", "alpha", "beta"] as const;
const DATA_CONSTRAINED_PARAMS = [...CHINCHILLA_PARAMS, "RDstar", "RNstar"] as const;

/**
 * Bootstrap draws a data-capped plan reads for its intervals: the first 200 of the fit's (each draw is one
 * plan, ~0.7 ms), so a budget slider stays responsive; 200 draws place a 90 % interval's ends well enough.
 */
export const MAX_PLAN_DRAWS = 200;

/** The exact messages of this service (each asserted by a test). */
export const PLAN_ERRORS = {
  notChinchillaForm: (fitId: string, model: string) => `fitId: fit ${fitId} is a ${model} fit; planning needs a Chinchilla-form fit (chinchilla or data-constrained)`,
  capNeedsDataConstrained: (source: string) => `uniqueTokens: ${DATA_CAP_MESSAGES.needsDataConstrained(source)}`,
} as const;

interface PlanLaw {
  source: string;
  /** The stored fit the law comes from, if any. */
  fitId?: string;
  law: ChinchillaLaw;
  /** The full data-constrained law, when the source has one. */
  dataConstrained?: DataConstrainedParams;
  fittedRange: FittedRange;
  /** The stored fit's bootstrap draws that carry a whole Chinchilla-form law (empty for a published or given law). */
  draws: readonly Record<string, number>[];
}

const hasAll = (p: Record<string, unknown>, keys: readonly string[]) => keys.every((k) => typeof p[k] === "number");
const pick = <K extends string>(p: Record<string, number>, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, p[k]!])) as Record<K, number>;

async function resolveLaw(db: Database, input: TPlanInput): Promise<PlanLaw> {
  if (input.fitId !== undefined) {
    const fit = await db.prisma.fit.findUnique({ where: { id: input.fitId }, select: { id: true, model: true, params: true, draws: true, smallest: true, frontier: true } });
    if (!fit) throw new AppError("NOT_FOUND", `fitId: fit ${input.fitId} does not exist`);
    const p = fit.params as Record<string, number>;
    if (!hasAll(p, CHINCHILLA_PARAMS)) throw new AppError("BAD_REQUEST", PLAN_ERRORS.notChinchillaForm(fit.id, fit.model));
    const dataConstrained = fit.model === "data-constrained" && hasAll(p, DATA_CONSTRAINED_PARAMS) ? (pick(p, DATA_CONSTRAINED_PARAMS) as DataConstrainedParams) : undefined;
    return {
      source: `fit ${fit.id} (${fit.model})`,
      fitId: fit.id,
      law: pick(p, CHINCHILLA_PARAMS) as unknown as ChinchillaLaw,
      ...(dataConstrained ? { dataConstrained } : {}),
      // A stored fit keeps the compute range of its runs (6·N·D); the other ranges need the runs themselves.
      fittedRange: fit.smallest !== null && fit.frontier !== null ? { compute: [fit.smallest, fit.frontier] } : {},
      draws: ((fit.draws ?? []) as Record<string, number>[]).filter((d) => hasAll(d, CHINCHILLA_PARAMS)),
    };
  }
  if (typeof input.law === "string") {
    if ((PUBLISHED_DATA_CONSTRAINED_LAW_NAMES as string[]).includes(input.law)) {
      const preset = publishedDataConstrainedLaw(input.law);
      return { source: preset.source, law: pick(preset.params, CHINCHILLA_PARAMS) as unknown as ChinchillaLaw, dataConstrained: preset.params, fittedRange: preset.fittedRange, draws: [] };
    }
    const preset = publishedLaw(input.law);
    return { source: preset.source, law: { ...preset.params }, fittedRange: {}, draws: [] };
  }
  return { source: "given parameters", law: input.law!, fittedRange: {}, draws: [] };
}

/**
 * Why the fit's draws cannot stand behind plan intervals: the stored fit is degenerate (its summary's
 * reasons), too many refits failed, or the draws' score interval at this budget says nothing (drawsProblemAt).
 * A plan quantity the draws do not move is flagged on its own interval (core's COLLAPSED_PLAN_INTERVAL).
 */
async function drawsProblem(db: Database, fitId: string, budget: number, level: number): Promise<string | undefined> {
  const [loaded] = await loadFitted(db, [fitId]);
  if (loaded!.degenerate.length > 0) return degenerateIntervalReason(loaded!.degenerate);
  return drawsProblemAt(loaded!.fitted, budget, level);
}

/** Interval bounds as the API sends them (boundsOf), for the fields that have an interval. */
function boundsFor<F extends string>(fields: readonly F[], found: Partial<Record<F, { lower: number; upper: number; unreliable?: string }>>) {
  return Object.fromEntries(fields.flatMap((f) => (found[f] ? [[f, boundsOf(found[f])!]] : []))) as Partial<Record<F, NonNullable<ReturnType<typeof boundsOf>>>>;
}

/**
 * Intervals of the plan quantities `fields` over `draws` (`compute` evaluates them; skipped when the draws
 * cannot stand behind intervals); null for a law without draws.
 */
function intervalsOver<F extends string, D>(
  draws: readonly D[],
  unreliable: string | undefined,
  level: number,
  fields: readonly F[],
  compute: (draws: readonly D[]) => Partial<Record<F, { lower: number; upper: number; unreliable?: string }>>,
) {
  if (draws.length === 0) return null;
  return { level, draws: draws.length, bounds: boundsFor(fields, unreliable ? {} : compute(draws)), unreliable: unreliable ?? null };
}

function dataCapOf(resolved: PlanLaw, input: TPlanInput & { uniqueTokens: number }, level: number, unreliable: string | undefined): TPlanComputeOutput["dataCap"] {
  if (!resolved.dataConstrained) throw new AppError("BAD_REQUEST", PLAN_ERRORS.capNeedsDataConstrained(resolved.source));
  const capInput = { compute: input.budget, uniqueTokens: input.uniqueTokens, ...(input.extraUniqueTokens === undefined ? {} : { extraUniqueTokens: input.extraUniqueTokens }) };
  const plan = planUnderDataCap(resolved.dataConstrained, { ...capInput, fittedRange: resolved.fittedRange });
  const draws = resolved.draws.filter((d) => hasAll(d, DATA_CONSTRAINED_PARAMS)).slice(0, MAX_PLAN_DRAWS) as DataConstrainedParams[];
  const intervals = intervalsOver(draws, unreliable, level, DATA_CAP_INTERVAL_FIELDS, (ds) => dataCapPlanIntervals(ds, capInput, level));
  return { ...plan, fittedRange: resolved.fittedRange as NonNullable<TPlanComputeOutput["dataCap"]>["fittedRange"], intervals };
}

/**
 * Compute-optimal N and D for a budget from a team's stored Chinchilla-form fit (chinchilla or
 * data-constrained) or a law (a published preset or explicit parameters); tokens per parameter; the
 * published DeepSeek hyper-parameter suggestions and allocation recipes at that budget; with `targetLoss`,
 * the compute (and N, D) needed to reach it; with `uniqueTokens`, the plan under that cap of unique data
 * from a data-constrained law (core's planUnderDataCap). A stored fit's plans come with percentile
 * intervals over its stored bootstrap draws (each draw planned in closed form, nothing is fitted): every
 * draw for the compute-optimal plan, the first MAX_PLAN_DRAWS for the capped one.
 */
export async function planCompute(db: Database, input: TPlanInput): Promise<TPlanComputeOutput> {
  const resolved = await resolveLaw(db, input);
  try {
    const optimal = computeOptimal(resolved.law, input.budget);
    const level = input.level ?? FIT_TASK_DEFAULTS.level;
    const unreliable = resolved.fitId !== undefined && resolved.draws.length > 0 ? await drawsProblem(db, resolved.fitId, input.budget, level) : undefined;
    const draws: ChinchillaLaw[] = resolved.draws.map((d) => pick(d, CHINCHILLA_PARAMS));
    const optimalIntervals = intervalsOver(draws, unreliable, level, OPTIMAL_INTERVAL_FIELDS, (ds) => optimalPlanIntervals(ds, input.budget, level));
    const deepseek = PUBLISHED_HYPERPARAMETER_LAWS["deepseek-2024"];
    const hyperParameters = { source: deepseek.source, ...suggestHyperParameters(deepseek.laws, input.budget) };
    const target = input.targetLoss === undefined ? null : { targetLoss: input.targetLoss, ...computeForLoss(resolved.law, input.targetLoss) };
    const dataCap = input.uniqueTokens === undefined ? null : dataCapOf(resolved, { ...input, uniqueTokens: input.uniqueTokens }, level, unreliable);
    return { source: resolved.source, law: resolved.law, optimal, optimalIntervals, hyperParameters, target, recipes: compareRecipes(input.budget), dataCap };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new AppError("BAD_REQUEST", `${input.fitId !== undefined ? "fitId" : "law"}: ${error.message}`);
  }
}
