import { z } from "zod";
import { MAX_COMPARED_FITS } from "../../limits";
import { ZRecordId } from "../fit/schemas";
import { ZLoggedDecision } from "../decision/schemas";
import { ZFrozenSweepEntry } from "../overview/schemas";
import { ZEntryDiff } from "./entry-diff-schema";

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

/** Two snapshots and, per methodology's sweep, how it moved, sorted by how much the decision moved. */
export const ZDiffSnapshotsOutput = z.object({ from: ZSnapshotHeader, to: ZSnapshotHeader, changes: z.array(ZEntryDiff) });
export type TDiffSnapshotsOutput = z.infer<typeof ZDiffSnapshotsOutput>;
