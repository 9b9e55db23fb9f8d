import { z } from "zod";
import { ZRecordId } from "../fit/schemas";

export const ZCreateSnapshotInput = z
  .object({
    title: z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
    teamId: ZRecordId.optional(),
    fitIds: z.array(ZRecordId).min(2, "must list at least two fits").max(12, "must list at most 12 fits").optional(),
  })
  .refine((v) => (v.teamId === undefined) !== (v.fitIds === undefined), { message: "give either teamId (a team snapshot) or fitIds (a comparison), not both or neither", path: ["teamId"] });
export type TCreateSnapshotInput = z.infer<typeof ZCreateSnapshotInput>;

export const ZListSnapshotsInput = z.object({ teamId: ZRecordId.optional() }).optional();
export type TListSnapshotsInput = z.infer<typeof ZListSnapshotsInput>;

export const ZGetSnapshotInput = z.object({ id: ZRecordId });
export const ZDiffSnapshotsInput = z.object({ fromId: ZRecordId, toId: ZRecordId });
export type TDiffSnapshotsInput = z.infer<typeof ZDiffSnapshotsInput>;
