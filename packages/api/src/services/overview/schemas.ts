import { z } from "zod";
import { ZEntryDiff } from "../snapshot/entry-diff-schema";
import { ZFitStatus } from "../fit/fit-state";
import { ZRecommendationSummary } from "../fit/schemas";
import { ZDirection } from "../sweep/sweep-schemas";
import { ZTeamSummary } from "../team/team-schemas";

const num = z.number().nullable();

/** One sweep's line in the overview and in a snapshot: its latest fit, forecast and recommendation. */
export const ZSweepEntry = z.object({
  team: ZTeamSummary,
  methodology: z.object({ id: z.string(), name: z.string(), synthetic: z.boolean() }),
  /** `axes` names what the runs' scale is (a Meeting chart labels its x axis from it). */
  sweep: z.object({ id: z.string(), name: z.string(), axes: z.array(z.string()), metric: z.string(), direction: ZDirection, targetScale: num }),
  runCount: z.number().int(),
  /** The fit's time as ISO text: entries are frozen into snapshots as JSON. */
  fit: z
    .object({
      id: z.string(),
      model: z.string(),
      /** null: a parameter the fit ran off to ±Infinity (see ZFit). */
      params: z.record(z.string(), num),
      pointCount: z.number().int(),
      rmseLog: num,
      createdAt: z.string(),
    })
    .nullable(),
  /** Gain per 10× at the frontier (an improvement: positive is better). */
  gainPer10x: num,
  /** The gain's bootstrap interval; absent when the bootstrap is unstable, the fit has no draws, or in older snapshots. */
  gainPer10xInterval: z.tuple([num, num]).optional(),
  /** `unreliable` (an unstable bootstrap, see the fit summary) says why lower and upper are null; absent in older snapshots. */
  /**
   * The forecast at the target scale with its interval's level and method ("calibrated", or "parameter-only"
   * with the reason); snapshots frozen before intervals were named have neither.
   */
  forecast: z
    .object({
      scale: z.number(),
      value: num,
      lower: num,
      upper: num,
      unreliable: z.string().optional(),
      level: z.number().optional(),
      method: z.enum(["calibrated", "parameter-only"]).optional(),
      reason: z.string().optional(),
    })
    .nullable(),
  recommendation: ZRecommendationSummary.nullable(),
  /**
   * Whether `fit` is the fit of the current runs ("current"), an older one while a job refits ("refitting"),
   * absent while the first job runs ("fitting"), or why the runs cannot be fitted ("failed": too few runs, a
   * model the axes cannot feed, ...).
   */
  fitStatus: ZFitStatus,
});
export type TSweepEntry = z.infer<typeof ZSweepEntry>;

/**
 * An entry as a snapshot froze it: snapshots taken before entries recorded the sweep's axes lack them, and
 * those taken before fits had a status hold `problem` (why there was no fit) instead of `fitStatus`.
 */
export const ZFrozenSweepEntry = ZSweepEntry.extend({
  sweep: ZSweepEntry.shape.sweep.extend({ axes: z.array(z.string()).optional() }),
  fitStatus: ZFitStatus.optional(),
  problem: z.string().nullable().optional(),
});
export type TFrozenSweepEntry = z.infer<typeof ZFrozenSweepEntry>;

/**
 * What an overview card draws, from the stored fit alone: its runs (at most OVERVIEW_CHART_MAX_RUNS, spread
 * over the scale range), the stored curve with its bootstrap band from the smallest run to the target scale,
 * the frontier (largest run) and the target scale (the sweep's next planned scale when the fit was computed).
 */
export const ZOverviewChart = z.object({
  runs: z.array(z.object({ scale: z.number(), value: z.number() })),
  /** How many runs the fit used (runs holds a spread subset when there are more than it draws). */
  runCount: z.number().int(),
  curve: z.array(z.object({ scale: z.number(), value: num, lower: num.optional(), upper: num.optional() })),
  frontier: num,
  targetScale: num,
});
export type TOverviewChart = z.infer<typeof ZOverviewChart>;

export const ZGetTeamOverviewOutput = z.array(
  z.object({
    team: ZTeamSummary,
    entries: z.array(ZSweepEntry.extend({ chart: ZOverviewChart.nullable() })),
    /** The team's last snapshot and what changed since (null when the team has none). */
    sinceSnapshot: z.object({ id: z.string(), title: z.string(), createdAt: z.date(), changes: z.array(ZEntryDiff) }).nullable(),
  }),
);
export type TGetTeamOverviewOutput = z.infer<typeof ZGetTeamOverviewOutput>;
