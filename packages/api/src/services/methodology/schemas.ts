import { z } from "zod";
import { ZDisplayName, ZId, ZTeamSummary } from "../team/team-schemas";

export const ZListMethodologiesInput = z.object({ teamId: ZId.optional() }).optional();
export type TListMethodologiesInput = z.infer<typeof ZListMethodologiesInput>;

const ZMethodologyFields = z.object({ id: z.string(), name: z.string(), description: z.string(), synthetic: z.boolean(), createdAt: z.date() });

export const ZListMethodologiesOutput = z.array(ZMethodologyFields.extend({ team: ZTeamSummary, sweepCount: z.number().int() }));
export type TListMethodologiesOutput = z.infer<typeof ZListMethodologiesOutput>;

export const ZCreateMethodologyInput = z.object({
  teamId: ZId,
  name: ZDisplayName,
  description: z.string().trim().max(2000, "description must be at most 2000 characters").default(""),
});
export type TCreateMethodologyInput = z.input<typeof ZCreateMethodologyInput>;

export const ZCreateMethodologyOutput = ZMethodologyFields.extend({ teamId: z.string() });
export type TCreateMethodologyOutput = z.infer<typeof ZCreateMethodologyOutput>;
