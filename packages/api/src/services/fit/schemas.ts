import { z } from "zod";
import { ZModelName } from "../sweep/sweep-schemas";

/** Limits of a fit request, in one place. */
export const FIT_LIMITS = Object.freeze({ maxBootstrap: 2000, maxSeed: 2 ** 31 - 1 });

/** Defaults of a fit request: what a fit job (fit-state.ts) computes when nothing is stored for the current data. */
export const FIT_DEFAULTS = Object.freeze({ bootstrap: 200, seed: 42 });

/** A database id. */
export const ZRecordId = z.string({ error: "must be a string id" }).min(1, "must not be empty").max(100, "is not an id");

export const ZCreateFitInput = z.object({
  sweepId: ZRecordId,
  model: ZModelName,
  metric: z.string().trim().min(1, "must not be empty").max(200).optional(),
  bootstrap: z
    .number({ error: "must be a whole number of resamples" })
    .int("must be a whole number of resamples")
    .min(0, "must be 0 or more resamples")
    .max(FIT_LIMITS.maxBootstrap, `must be at most ${FIT_LIMITS.maxBootstrap} resamples`)
    .optional(),
  seed: z.number({ error: "must be an integer" }).int("must be an integer").min(0, "must be 0 or more").max(FIT_LIMITS.maxSeed, "is too large").optional(),
});
export type TCreateFitInput = z.infer<typeof ZCreateFitInput>;

export const ZLatestFitInput = z.object({
  sweepId: ZRecordId,
  model: ZModelName.optional(),
  metric: z.string().trim().min(1, "must not be empty").max(200).optional(),
});
export type TLatestFitInput = z.infer<typeof ZLatestFitInput>;

export const ZFitHistoryInput = z.object({ sweepId: ZRecordId });
export type TFitHistoryInput = z.infer<typeof ZFitHistoryInput>;

export const ZGetFitInput = z.object({ fitId: ZRecordId });
export type TGetFitInput = z.infer<typeof ZGetFitInput>;

const num = z.number().nullable();
const ZCurvePoint = z.object({ scale: z.number(), value: num, lower: num.optional(), median: num.optional(), upper: num.optional() });
const ZResidual = z.object({ runKey: z.string(), scale: z.number(), actual: z.number(), predicted: num, residualLog: num });
const ZInterval = z.object({ median: z.number(), lo: z.number(), hi: z.number(), se: z.number() });
/** The recommendation stored with a fit (core's action and confidence, kept as text in stored JSON). */
export const ZRecommendationSummary = z.object({ action: z.string(), confidence: z.string(), reasons: z.array(z.string()) });
export const ZFitSummary = z.object({
  targetScale: z.number(),
  /**
   * `unreliable` (an unstable bootstrap) says why lower and upper are left out. `level` and `method` name the
   * interval ("calibrated", or "parameter-only" with the `reason`); summaries stored before they were named
   * hold a 90 % bootstrap band (parameter uncertainty only).
   */
  atTarget: z.object({
    value: num,
    lower: num.optional(),
    upper: num.optional(),
    unreliable: z.string().optional(),
    level: z.number().optional(),
    method: z.enum(["calibrated", "parameter-only"]).optional(),
    reason: z.string().optional(),
  }),
  frontierValue: num,
  gainPer10x: num,
  gainPer10xInterval: z.tuple([num, num]).optional(),
  /** Why gainPer10xInterval is left out, when the bootstrap is unstable. */
  gainPer10xUnreliable: z.string().optional(),
  asymptote: num.optional(),
  recommendation: ZRecommendationSummary.optional(),
  /** Why the fit is degenerate (core's degenerateFitReasons): its intervals are then left out as not reliable. */
  degenerate: z.array(z.string()).optional(),
});

/** A stored fit as the API returns it (without the raw bootstrap draws; `drawCount` says how many). */
export const ZFit = z.object({
  id: z.string(),
  sweepId: z.string(),
  model: z.string(),
  metric: z.string(),
  /** null: a parameter the fit ran off to ±Infinity (the data do not determine it; the fit is not converged). Stored JSON has no Infinity. */
  params: z.record(z.string(), num),
  intervals: z.record(z.string(), ZInterval).nullable(),
  metrics: z.record(z.string(), num),
  converged: z.boolean(),
  message: z.string(),
  dataFingerprint: z.string(),
  bootstrap: z.number(),
  seed: z.number(),
  pointCount: z.number(),
  drawCount: z.number(),
  smallest: num,
  frontier: num,
  curve: z.array(ZCurvePoint).nullable(),
  residuals: z.array(ZResidual).nullable(),
  summary: ZFitSummary.nullable(),
  createdAt: z.date(),
  /** Whether the sweep's runs are unchanged since the fit (false: a newer fit would differ). */
  current: z.boolean(),
});
export type TFit = z.infer<typeof ZFit>;

export const ZFitListItem = ZFit.omit({ curve: true, residuals: true });
export type TFitListItem = z.infer<typeof ZFitListItem>;

export const ZCreateFitOutput = ZFit.extend({
  /** False when the same data, model and options were already fitted and the stored fit is returned. */
  computed: z.boolean(),
});
export type TCreateFitOutput = z.infer<typeof ZCreateFitOutput>;

export const ZListFitHistoryOutput = z.array(ZFitListItem);
export type TListFitHistoryOutput = z.infer<typeof ZListFitHistoryOutput>;
