import { MODEL_NAMES } from "@scalecast/core";
import { z } from "zod";
import { ZTeamSummary } from "../team/team-schemas";

/** A scale axis or metric name as it appears in runs and column headers: a letter or _, then letters, digits, _ . -. */
export const ZFieldName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.\-]{0,63}$/, "must start with a letter or _ and use only letters, digits, _ . - (at most 64 characters)");

export const ZModelName = z.enum(MODEL_NAMES, `must be one of ${MODEL_NAMES.join(", ")}`);

/** Whether lower (loss, error) or higher (accuracy) scores are better. */
export const ZDirection = z.enum(["lower", "higher"], "direction must be lower or higher");

/** A sweep's own fields, as every reader shows them (see sweep-summary.ts). */
export const ZSweepFields = z.object({
  id: z.string(),
  name: z.string(),
  axes: z.array(z.string()),
  metric: z.string(),
  direction: ZDirection,
  /** The law a member pinned as the default; null: model selection's rank 1 (see resolve-default-model.ts). */
  pinnedModel: z.string().nullable(),
  targetScale: z.number().nullable(),
  /** Whether the metric is bounded to [0, 1]: null decides by its name (see metric-bounds.ts). */
  metricBounded: z.boolean().nullable(),
});

export const ZListSweepsOutput = z.array(
  ZSweepFields.extend({
    synthetic: z.boolean(),
    runCount: z.number().int(),
    methodology: z.object({ id: z.string(), name: z.string() }),
    team: ZTeamSummary,
  }),
);
export type TListSweepsOutput = z.infer<typeof ZListSweepsOutput>;

export const ZCreateSweepOutput = ZSweepFields.extend({ methodologyId: z.string(), createdAt: z.date() });
export type TCreateSweepOutput = z.infer<typeof ZCreateSweepOutput>;

/** A run as sweep.get shows it (oldest first); its runKey identifies it within the sweep. */
export const ZSweepRun = z.object({
  runKey: z.string(),
  scales: z.record(z.string(), z.number()),
  metrics: z.record(z.string(), z.number()),
  seed: z.number().int().nullable(),
  /** The run's tags (absent when it has none). */
  tags: z.record(z.string(), z.string()).optional(),
  /** Set while the run is excluded from fits: who excluded it, when and why. */
  excluded: z.object({ at: z.date(), by: z.string(), reason: z.string() }).nullable(),
});

/** A sweep with its methodology, team and runs. */
export const ZGetSweepOutput = z.object({
  sweep: ZSweepFields.extend({ synthetic: z.boolean(), createdAt: z.date(), updatedAt: z.date() }),
  methodology: z.object({ id: z.string(), name: z.string(), description: z.string(), synthetic: z.boolean() }),
  team: ZTeamSummary,
  runs: z.array(ZSweepRun),
});
export type TGetSweepOutput = z.infer<typeof ZGetSweepOutput>;
