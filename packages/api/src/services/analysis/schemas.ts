import { ALLOCATION_RECIPE_NAMES, DATA_CAP_INTERVAL_FIELDS, OPTIMAL_INTERVAL_FIELDS, PUBLISHED_DATA_CONSTRAINED_LAW_NAMES, PUBLISHED_LAW_NAMES } from "@scalecast/core";
import { z } from "zod";
import { MAX_COMPARED_FITS } from "../../limits";
import { ZFitStatus } from "../fit/fit-state";
import { ZRecordId } from "../fit/schemas";
import { ZDirection, ZModelName } from "../sweep/sweep-schemas";
import { ZTeamSummary } from "../team/team-schemas";

export const ZScale = z.number({ error: "must be a number" }).positive("must be a positive number").max(1e60, "is too large");
const ZLevel = z.number({ error: "must be a number" }).gt(0, "must be between 0 and 1").lt(1, "must be between 0 and 1");

/** A number core could not compute (no draw reached it, not finite) is null in analysis answers. */
const num = z.number().nullable();
/**
 * Any float64, NaN and ±Infinity included (z.number() refuses them; superjson carries them): what core
 * computes from a law the user typed (a compute-optimal N of Infinity) or a parameter the data do not determine.
 */
const ZFloat = z.custom<number>((v) => typeof v === "number", "must be a number");
/** A percentile interval over bootstrap draws; an end is null where no draw gives a finite value. */
/** A bootstrap interval; when it is not reliable (core's bootstrapDrawsProblem, scoreIntervalProblem) its bounds are null and `unreliable` says why. */
const ZBounds = z.object({ lower: num, upper: num, unreliable: z.string().optional() });

export const ZForecastInput = z.object({
  fitId: ZRecordId,
  /** Scales to forecast at (default: the sweep's target scale, else 10× the frontier). */
  at: z.union([ZScale, z.array(ZScale).max(200, "at most 200 scales")]).optional(),
  /** A target score: the scale needed to reach it (inverse forecast). */
  target: z.number({ error: "must be a number" }).finite("must be a finite number").optional(),
  level: ZLevel.optional(),
});
export type TForecastInput = z.infer<typeof ZForecastInput>;

const ZIntervalMethod = z.enum(["calibrated", "parameter-only"]);
/**
 * A forecast interval with its level and method: "calibrated" (the bootstrap band widened by the error the
 * law made extrapolating on backtests of the same sweep) or "parameter-only" (the bootstrap band alone) with
 * the `reason` it could not be calibrated.
 */
const ZCalibratedBounds = ZBounds.extend({ level: z.number(), method: ZIntervalMethod, reason: z.string().optional() });
/** A forecast score at a scale; `interval` is null with neither bootstrap draws nor a calibration. */
const ZPrediction = z.object({ scale: z.number(), value: num, interval: ZCalibratedBounds.nullable(), bootstrapInterval: ZBounds.nullable() });

export const ZForecastFitOutput = z.object({
  fitId: z.string(),
  sweepId: z.string(),
  metric: z.string(),
  direction: ZDirection,
  model: z.string(),
  level: z.number(),
  /** How the intervals of `frontier` and `at` were made, and why not calibrated when they are not. */
  method: ZIntervalMethod,
  reason: z.string().optional(),
  /** The largest observed scale and the score predicted there. */
  frontier: ZPrediction,
  at: z.array(ZPrediction),
  /** The scale needed to reach the requested target score (null when no target was asked for). */
  target: z.object({ target: z.number(), scale: num, interval: ZBounds.nullable(), reachableShare: num }).nullable(),
  gainPerDoubling: num,
  gainPer10x: num,
  gainPer10xInterval: ZBounds.nullable(),
  asymptote: num,
  distanceToAsymptote: num,
});
export type TForecastFitOutput = z.infer<typeof ZForecastFitOutput>;

export const ZBacktestInput = z.object({
  sweepId: ZRecordId,
  model: ZModelName,
  holdoutFraction: z.number({ error: "must be a number" }).gt(0, "must be between 0 and 1").lt(1, "must be between 0 and 1").optional(),
});
export type TBacktestInput = z.infer<typeof ZBacktestInput>;

/** A stored backtest: predicted vs actual at the held-out scales; `computed` is false when it was stored already. */
export const ZBacktestSweepOutput = z.object({
  id: z.string(),
  teamId: z.string(),
  sweepId: z.string(),
  model: z.string(),
  metric: z.string(),
  holdoutFraction: z.number(),
  trainSize: z.number().int(),
  cutoff: z.number(),
  heldOut: z.array(z.object({ scale: z.number(), actual: z.number(), predicted: num, error: num, logError: num })),
  rmseLog: num,
  meanAbsoluteRelativeError: num,
  createdAt: z.date(),
  computed: z.boolean(),
});
export type TBacktestSweepOutput = z.infer<typeof ZBacktestSweepOutput>;

export const ZBacktestHistoryInput = z.object({ teamId: ZRecordId });
export type TBacktestHistoryInput = z.infer<typeof ZBacktestHistoryInput>;

export const ZListBacktestsOutput = z.array(ZBacktestSweepOutput);
export type TListBacktestsOutput = z.infer<typeof ZListBacktestsOutput>;

export const ZSelectModelInput = z.object({
  sweepId: ZRecordId,
  metric: z.string().min(1, "must not be empty").max(200).optional(),
  candidates: z.array(ZModelName).min(1, "must list at least one model").optional(),
});
export type TSelectModelInput = z.infer<typeof ZSelectModelInput>;

/** Models ranked by held-out extrapolation error, then AIC/BIC; `error` says why a model could not be fitted. */
export const ZSelectModelOutput = z.object({
  sweepId: z.string(),
  metric: z.string(),
  pointCount: z.number().int(),
  ranking: z.array(
    z.object({
      rank: z.number().int(),
      model: ZModelName,
      heldOutError: num,
      errorSpace: z.enum(["log", "linear"]),
      aic: num,
      bic: num,
      k: z.number().int(),
      n: z.number().int(),
      /** As fitted: a parameter the data do not determine may be ±Infinity (the fit is then not converged). */
      params: z.record(z.string(), ZFloat).nullable(),
      converged: z.boolean().nullable(),
      error: z.string().nullable(),
      /** Why this law's fit is degenerate (empty when it is not); such a law is not made the default. */
      degenerate: z.array(z.string()),
    }),
  ),
  /**
   * The law used by default unless one is pinned: rank 1, or the best-ranked law whose fit is not degenerate;
   * null (and an empty ranking) while no selection is stored.
   */
  choice: z.object({
    model: ZModelName,
    rank: z.number().int(),
    /** Better-ranked laws passed over, each with why. */
    skipped: z.array(z.object({ model: ZModelName, rank: z.number().int(), reason: z.string() })),
    /** Set when every fitted law is degenerate: the chosen law's reasons. */
    degenerate: z.array(z.string()).nullable(),
  }).nullable(),
  /** The law a member pinned as the sweep's default, which overrides the choice; null when none is. */
  pinnedModel: ZModelName.nullable(),
  /**
   * Whether the ranking is of the current runs: "current"; an older one ("refitting") or none ("fitting")
   * while the sweep's fit job has not ranked the current runs; "failed" with why they cannot be ranked.
   * Explicit candidates are ranked on request: always "current".
   */
  fitStatus: ZFitStatus,
});
export type TSelectModelOutput = z.infer<typeof ZSelectModelOutput>;

export const ZCompareInput = z.object({
  fitIds: z.array(ZRecordId).min(2, "must list at least two fits").max(MAX_COMPARED_FITS, `must list at most ${MAX_COMPARED_FITS} fits`),
  at: ZScale.optional(),
  level: ZLevel.optional(),
});
export type TCompareInput = z.infer<typeof ZCompareInput>;

/** The compared fits, their ranking at `at`, and the first fit against each other one. */
export const ZCompareFitsOutput = z.object({
  fits: z.array(
    z.object({
      fitId: z.string(),
      model: z.string(),
      metric: z.string(),
      direction: ZDirection,
      frontier: z.number(),
      sweep: z.object({ id: z.string(), name: z.string() }),
      methodology: z.object({ id: z.string(), name: z.string() }),
      team: ZTeamSummary,
    }),
  ),
  at: z.number(),
  level: z.number(),
  ranking: z.array(
    z.object({
      fitId: z.string(),
      rank: z.number().int(),
      value: num,
      interval: ZBounds.nullable(),
      /** Null without draws, or when a compared fit's bootstrap is not reliable (then `probabilityBestUnreliable` says why). */
      probabilityBest: num,
      probabilityBestUnreliable: z.string().nullable(),
    }),
  ),
  pairs: z.array(
    z.object({
      a: z.string(),
      b: z.string(),
      crossover: z.object({ scale: num, leaderAfter: z.enum(["a", "b"]).nullable(), interval: ZBounds.nullable(), crossingShare: num }),
      dataMultiplier: z.object({ scaleB: num, multiplier: num, interval: ZBounds.nullable() }),
      /** Null without draws of both, or when either bootstrap is not reliable (then `unreliable` says why, and the intervals carry no bounds). */
      probabilityABetter: num,
      unreliable: z.string().nullable(),
    }),
  ),
});
export type TCompareFitsOutput = z.infer<typeof ZCompareFitsOutput>;

export const ZPredictAtInput = z.object({
  fitId: ZRecordId,
  /** Planned runs: parameters N, training tokens D and (data-constrained law only) unique tokens U. */
  pairs: z
    .array(z.object({ n: ZScale, d: ZScale, u: ZScale.optional() }))
    .min(1, "must list at least one (N, D) pair")
    .max(200, "at most 200 pairs"),
  level: ZLevel.optional(),
});
export type TPredictAtInput = z.infer<typeof ZPredictAtInput>;

/** The joint law's score at each (N, D[, U]); the interval covers parameter uncertainty only, at `level`. */
export const ZPredictAtOutput = z.object({
  fitId: z.string(),
  sweepId: z.string(),
  model: z.string(),
  metric: z.string(),
  level: z.number(),
  /** What the intervals cover (the bootstrap's parameter uncertainty, not the law being wrong). */
  uncertainty: z.string(),
  at: z.array(z.object({ n: z.number(), d: z.number(), u: z.number().nullable(), value: num, interval: ZBounds.nullable() })),
});
export type TPredictAtOutput = z.infer<typeof ZPredictAtOutput>;

const ZLawParam = z.number({ error: "must be a number" }).finite("must be a finite number");
export const ZChinchillaLaw = z.object({ E: ZLawParam, A: ZLawParam, B: ZLawParam, alpha: ZLawParam, beta: ZLawParam });

/** Every preset a plan may name: the Chinchilla-form laws, and the data-constrained ones (their base law without a cap). */
const PLAN_PRESETS = [...PUBLISHED_LAW_NAMES, ...PUBLISHED_DATA_CONSTRAINED_LAW_NAMES] as [string, ...string[]];

export const ZPlanInput = z
  .object({
    /** Compute budget in FLOPs. */
    budget: ZScale,
    fitId: ZRecordId.optional(),
    law: z.union([z.enum(PLAN_PRESETS, { error: `must be one of ${PLAN_PRESETS.join(", ")} or {E, A, B, alpha, beta}` }), ZChinchillaLaw]).optional(),
    /** A target loss: the compute needed to reach it (with unlimited data). */
    targetLoss: z.number({ error: "must be a number" }).finite("must be a finite number").optional(),
    /** Unique tokens available: also plan under this cap (needs a data-constrained fit or preset). */
    uniqueTokens: ZScale.optional(),
    /** ΔU for the value of more unique data (default 1e10). */
    extraUniqueTokens: ZScale.optional(),
    /** Level of the intervals over the fit's bootstrap draws (default 0.9). */
    level: ZLevel.optional(),
  })
  .refine((v) => (v.fitId === undefined) !== (v.law === undefined), { message: "give either fitId or law, not both or neither", path: ["fitId"] });
export type TPlanInput = z.infer<typeof ZPlanInput>;

/** Compute-optimal N (`n`) and D (`d`) at a compute budget, and the loss there. */
const ZComputeOptimal = z.object({ compute: ZFloat, n: ZFloat, d: ZFloat, tokensPerParam: ZFloat, loss: ZFloat });
const ZCappedAllocation = z.object({ n: ZFloat, d: ZFloat, epochs: ZFloat, tokensPerParam: ZFloat, loss: ZFloat });
const ZRange = z.tuple([z.number(), z.number()]);

/**
 * Percentile intervals at `level` over `draws` bootstrap draws of a stored fit's law; null for a law without
 * draws. When the draws cannot stand behind intervals (a degenerate fit, failed refits, a score interval that
 * says nothing at this budget) `bounds` is empty and `unreliable` says why.
 */
const planIntervals = <F extends readonly [string, ...string[]]>(fields: F) =>
  z.object({ level: z.number(), draws: z.number(), bounds: z.partialRecord(z.enum(fields), ZBounds), unreliable: z.string().nullable() }).nullable();

/** The plan under a unique-token cap (core's planUnderDataCap), with intervals over the fit's bootstrap draws. */
const ZDataCapPlan = z.object({
  compute: z.number(),
  uniqueTokens: z.number(),
  capBinding: z.boolean(),
  capped: ZCappedAllocation,
  unlimited: ZComputeOptimal.extend({ epochs: ZFloat }),
  lossGap: ZFloat,
  marginal: z.object({ lossPerUniqueToken: ZFloat, lossPerFlop: ZFloat, flopsPerUniqueToken: ZFloat }),
  extraData: z.object({ uniqueTokens: z.number(), loss: ZFloat, lossImprovement: ZFloat, equivalentCompute: ZFloat.nullable() }),
  /** Budgets, caps, sizes or epochs outside the runs the law was fitted on. */
  warnings: z.array(z.string()),
  fittedRange: z.object({ compute: ZRange.optional(), n: ZRange.optional(), uniqueTokens: ZRange.optional(), epochs: ZRange.optional() }),
  /** Intervals over the fit's bootstrap draws (planIntervals). */
  intervals: planIntervals(DATA_CAP_INTERVAL_FIELDS),
});

export const ZPlanComputeOutput = z.object({
  /** Where the law comes from: the fit, the published preset, or "given parameters". */
  source: z.string(),
  law: ZChinchillaLaw,
  optimal: ZComputeOptimal,
  /** Intervals of N*, D*, tokens per parameter and the loss at the optimum over the fit's bootstrap draws (planIntervals). */
  optimalIntervals: planIntervals(OPTIMAL_INTERVAL_FIELDS),
  hyperParameters: z.object({ source: z.string(), learningRate: z.number(), batchSize: z.number() }),
  /** The compute (and N, D) needed to reach targetLoss; null without one. */
  target: ZComputeOptimal.extend({ targetLoss: z.number() }).nullable(),
  /** The published allocation recipes at this budget (model scale in each recipe's own measure). */
  recipes: z.array(
    z.object({ recipe: z.enum(ALLOCATION_RECIPE_NAMES), source: z.string(), scale: z.string(), model: ZFloat, tokens: ZFloat, flopsPerToken: ZFloat }),
  ),
  /** The plan under `uniqueTokens`; null without a cap. */
  dataCap: ZDataCapPlan.nullable(),
});
export type TPlanComputeOutput = z.infer<typeof ZPlanComputeOutput>;

export const ZRecommendInput = z.object({
  fitId: ZRecordId,
  alternativeFitId: ZRecordId.optional(),
  target: ZScale.optional(),
});
export type TRecommendInput = z.infer<typeof ZRecommendInput>;

/** The recommendation with its reasons and the numbers and thresholds behind them. */
export const ZRecommendFitOutput = z.object({
  fitId: z.string(),
  alternativeFitId: z.string().nullable(),
  action: z.enum(["scale-further", "switch", "plateau"]),
  confidence: z.enum(["high", "low"]),
  reasons: z.array(z.string()),
  numbers: z.record(z.string(), num),
  thresholds: z.object({
    minRelativeGainPer10x: z.number(),
    minRelativeHeadroom: z.number(),
    switchProbability: z.number(),
    maxIntervalToGain: z.number(),
    targetFactor: z.number(),
  }),
});
export type TRecommendFitOutput = z.infer<typeof ZRecommendFitOutput>;
