import { z } from "zod";
import { MAX_COMPARED_FITS } from "../../limits";
import { ZRecordId } from "../fit/schemas";
import { ZLoggedDecision } from "../decision/schemas";
import { ZFrozenSweepEntry } from "../overview/schemas";
import { ZDirection } from "../sweep/sweep-schemas";

/** What a snapshot freezes: its entries and, for a comparison, the comparison as analysis.compare answered it then. */
export const ZSnapshotContent = z.object({
  kind: z.enum(["team", "comparison"]),
  entries: z.array(ZFrozenSweepEntry),
  /** Kept as stored: a snapshot answers with the comparison's shape of the day it was taken. */
  comparison: z.unknown().optional(),
});
export type TSnapshotContent = z.infer<typeof ZSnapshotContent>;

/** A snapshot without its content. */
const ZSnapshotHeader = z.object({ id: z.string(), title: z.string(), teamId: z.string().nullable(), createdAt: z.date() });
const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZCreateSnapshotInput = z
  .object({
    title: z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
    teamId: ZRecordId.optional(),
    fitIds: z.array(ZRecordId).min(2, "must list at least two fits").max(MAX_COMPARED_FITS, `must list at most ${MAX_COMPARED_FITS} fits`).optional(),
  })
  .refine((v) => (v.teamId === undefined) !== (v.fitIds === undefined), { message: "give either teamId (a team snapshot) or fitIds (a comparison), not both or neither", path: ["teamId"] });
export type TCreateSnapshotInput = z.infer<typeof ZCreateSnapshotInput>;

export const ZCreateSnapshotOutput = ZSnapshotHeader.extend({ createdById: z.string().nullable(), content: ZSnapshotContent });
export type TCreateSnapshotOutput = z.infer<typeof ZCreateSnapshotOutput>;

export const ZListSnapshotsInput = z.object({ teamId: ZRecordId.optional() }).optional();
export type TListSnapshotsInput = z.infer<typeof ZListSnapshotsInput>;

export const ZListSnapshotsOutput = z.array(ZSnapshotHeader.extend({ createdBy: ZPerson.nullable(), decisionCount: z.number().int() }));
export type TListSnapshotsOutput = z.infer<typeof ZListSnapshotsOutput>;

export const ZGetSnapshotInput = z.object({ id: ZRecordId });

/** A snapshot with its frozen content and its decisions, newest first. */
export const ZGetSnapshotOutput = ZSnapshotHeader.extend({
  content: ZSnapshotContent,
  createdBy: ZPerson.nullable(),
  decisions: z.array(ZLoggedDecision),
});
export type TGetSnapshotOutput = z.infer<typeof ZGetSnapshotOutput>;

export const ZDiffSnapshotsInput = z.object({ fromId: ZRecordId, toId: ZRecordId });
export type TDiffSnapshotsInput = z.infer<typeof ZDiffSnapshotsInput>;

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

/** Two snapshots and, per methodology's sweep, how it moved, sorted by how much the decision moved. */
export const ZDiffSnapshotsOutput = z.object({ from: ZSnapshotHeader, to: ZSnapshotHeader, changes: z.array(ZEntryDiff) });
export type TDiffSnapshotsOutput = z.infer<typeof ZDiffSnapshotsOutput>;
