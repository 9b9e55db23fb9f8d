import { z } from "zod";
import { ZRecordId } from "../fit/schemas";

export const OUTCOMES = ["scale_further", "switch_strategy", "plateau", "other"] as const;
export const ZOutcome = z.enum(OUTCOMES, { error: `must be one of ${OUTCOMES.join(", ")}` });

export const ZCreateDecisionInput = z
  .object({
    title: z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
    rationale: z.string({ error: "must be a string" }).max(10_000, "must be at most 10000 characters").default(""),
    outcome: ZOutcome,
    snapshotId: ZRecordId.optional(),
    fitId: ZRecordId.optional(),
    methodologyId: ZRecordId.optional(),
  })
  .refine((v) => v.snapshotId !== undefined || v.fitId !== undefined || v.methodologyId !== undefined, {
    message: "tie the decision to a snapshotId, fitId or methodologyId",
    path: ["snapshotId"],
  });
export type TCreateDecisionInput = z.infer<typeof ZCreateDecisionInput>;

/** A decision's own fields; snapshotId, fitId and methodologyId are what it is tied to. */
const ZDecisionFields = z.object({
  id: z.string(),
  title: z.string(),
  rationale: z.string(),
  outcome: ZOutcome,
  snapshotId: z.string().nullable(),
  fitId: z.string().nullable(),
  methodologyId: z.string().nullable(),
  createdAt: z.date(),
});

export const ZCreateDecisionOutput = ZDecisionFields.extend({ authorId: z.string().nullable() });
export type TCreateDecisionOutput = z.infer<typeof ZCreateDecisionOutput>;

export const ZListDecisionsInput = z
  .object({ snapshotId: ZRecordId.optional(), methodologyId: ZRecordId.optional(), teamId: ZRecordId.optional() })
  .optional();
export type TListDecisionsInput = z.infer<typeof ZListDecisionsInput>;

/** A logged decision: who recorded it, and the stored fit it cites with the sweep whose runs that fit saw. */
export const ZLoggedDecision = ZDecisionFields.extend({
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
  methodology: z.object({ name: z.string() }).nullable(),
  fit: z.object({ id: z.string(), model: z.string(), pointCount: z.number().int(), sweep: z.object({ id: z.string(), name: z.string() }) }).nullable(),
});

export const ZListDecisionsOutput = z.array(ZLoggedDecision);
export type TListDecisionsOutput = z.infer<typeof ZListDecisionsOutput>;
