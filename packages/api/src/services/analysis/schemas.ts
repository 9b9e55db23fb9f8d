import { PUBLISHED_LAW_NAMES } from "@scalecast/core";
import { z } from "zod";
import { ZModelName, ZRecordId } from "../fit/schemas";

const ZScale = z.number({ error: "must be a number" }).positive("must be a positive number").max(1e60, "is too large");
const ZLevel = z.number({ error: "must be a number" }).gt(0, "must be between 0 and 1").lt(1, "must be between 0 and 1");

export const ZForecastInput = z.object({
  fitId: ZRecordId,
  /** Scales to forecast at (default: the sweep's target scale, else 10× the frontier). */
  at: z.union([ZScale, z.array(ZScale).max(200, "at most 200 scales")]).optional(),
  /** A target score: the scale needed to reach it (inverse forecast). */
  target: z.number({ error: "must be a number" }).finite("must be a finite number").optional(),
  level: ZLevel.optional(),
});
export type TForecastInput = z.infer<typeof ZForecastInput>;

export const ZBacktestInput = z.object({
  sweepId: ZRecordId,
  model: ZModelName,
  holdoutFraction: z.number({ error: "must be a number" }).gt(0, "must be between 0 and 1").lt(1, "must be between 0 and 1").optional(),
});
export type TBacktestInput = z.infer<typeof ZBacktestInput>;

export const ZBacktestHistoryInput = z.object({ teamId: ZRecordId });
export type TBacktestHistoryInput = z.infer<typeof ZBacktestHistoryInput>;

export const ZSelectModelInput = z.object({
  sweepId: ZRecordId,
  metric: z.string().min(1, "must not be empty").max(200).optional(),
  candidates: z.array(ZModelName).min(1, "must list at least one model").optional(),
});
export type TSelectModelInput = z.infer<typeof ZSelectModelInput>;

export const ZCompareInput = z.object({
  fitIds: z.array(ZRecordId).min(2, "must list at least two fits").max(12, "must list at most 12 fits"),
  at: ZScale.optional(),
  level: ZLevel.optional(),
});
export type TCompareInput = z.infer<typeof ZCompareInput>;

const ZLawParam = z.number({ error: "must be a number" }).finite("must be a finite number");
export const ZChinchillaLaw = z.object({ E: ZLawParam, A: ZLawParam, B: ZLawParam, alpha: ZLawParam, beta: ZLawParam });

export const ZPlanInput = z
  .object({
    /** Compute budget in FLOPs. */
    budget: ZScale,
    fitId: ZRecordId.optional(),
    law: z.union([z.enum(PUBLISHED_LAW_NAMES as [string, ...string[]], { error: `must be one of ${PUBLISHED_LAW_NAMES.join(", ")} or {E, A, B, alpha, beta}` }), ZChinchillaLaw]).optional(),
    /** A target loss: the compute needed to reach it. */
    targetLoss: z.number({ error: "must be a number" }).finite("must be a finite number").optional(),
  })
  .refine((v) => (v.fitId === undefined) !== (v.law === undefined), { message: "give either fitId or law, not both or neither", path: ["fitId"] });
export type TPlanInput = z.infer<typeof ZPlanInput>;

export const ZRecommendInput = z.object({
  fitId: ZRecordId,
  alternativeFitId: ZRecordId.optional(),
  target: ZScale.optional(),
});
export type TRecommendInput = z.infer<typeof ZRecommendInput>;
