import { z } from "zod";
import { ZDirection } from "../sweep/sweep-schemas";

/**
 * How a methodology's sweep moved between two snapshots (snapshot.diff) or since the team's last snapshot
 * (the overview's cards): the shape entry-diff.ts computes.
 */

const num = z.number().nullable();

/** One number before → after; `relative` is (after − before)/|before|, null when before is 0 or either is unknown. */
export const ZNumberChange = z.object({ from: num, to: num, delta: num, relative: num });
export type TNumberChange = z.infer<typeof ZNumberChange>;

/** The forecast at the target as one snapshot froze it, with its interval. */
export const ZForecastSide = z.object({
  scale: z.number(),
  value: num,
  lower: num,
  upper: num,
  level: z.number().optional(),
  method: z.enum(["calibrated", "parameter-only"]).optional(),
});
export type TForecastSide = z.infer<typeof ZForecastSide>;

/** How one methodology's sweep moved between two snapshots, every figure before → after. */
export const ZEntryDiff = z.object({
  sweepId: z.string(),
  sweepName: z.string(),
  methodologyId: z.string(),
  methodologyName: z.string(),
  teamName: z.string(),
  metric: z.string(),
  direction: ZDirection,
  status: z.enum(["added", "removed", "changed", "unchanged"]),
  runs: z.object({ from: z.number().int().nullable(), to: z.number().int().nullable() }),
  newRuns: z.number().int(),
  /** The stored fits the two snapshots froze (their curves draw this week's line and last week's ghost). */
  fit: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  law: z.object({ from: z.string().nullable(), to: z.string().nullable(), changed: z.boolean() }),
  /** Every parameter of either fit; a parameter only one law has is null on the other side. */
  parameters: z.array(ZNumberChange.extend({ name: z.string() })),
  gainPer10x: ZNumberChange,
  /** `value` compares the forecasts only when both are at the same target scale (`sameTarget`). */
  forecast: z.object({ from: ZForecastSide.nullable(), to: ZForecastSide.nullable(), sameTarget: z.boolean(), value: ZNumberChange }),
  recommendation: z.object({ from: z.string().nullable(), to: z.string().nullable(), changed: z.boolean() }),
  /**
   * How much the decision moved, the diff's sort order: recommendation changed first, then the larger
   * |relative forecast shift| at the target, then the larger |relative change of the gain per 10×|.
   */
  movement: z.object({ recommendationChanged: z.boolean(), forecastShift: num, gainShift: num }),
});
export type TEntryDiff = z.infer<typeof ZEntryDiff>;
