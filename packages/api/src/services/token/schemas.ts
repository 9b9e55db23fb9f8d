import { z } from "zod";
import { ZDisplayName, ZId } from "../team/team-schemas";

export const ZListTokensInput = z.object({ teamId: ZId });
export type TListTokensInput = z.infer<typeof ZListTokensInput>;

/** A team's API token without its secret: `prefix` (its first characters) recognises it; `createdBy` is the creator's email. */
export const ZListTokensOutput = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.date(),
    lastUsedAt: z.date().nullable(),
    revokedAt: z.date().nullable(),
    createdBy: z.string().nullable(),
    active: z.boolean(),
  }),
);
export type TListTokensOutput = z.infer<typeof ZListTokensOutput>;

export const ZCreateTokenInput = z.object({ teamId: ZId, name: ZDisplayName });
export type TCreateTokenInput = z.infer<typeof ZCreateTokenInput>;

export const ZCreateTokenOutput = z.object({ token: z.string(), id: z.string(), prefix: z.string(), name: z.string() });
export type TCreateTokenOutput = z.infer<typeof ZCreateTokenOutput>;

export const ZRevokeTokenInput = z.object({ tokenId: ZId });
export type TRevokeTokenInput = z.infer<typeof ZRevokeTokenInput>;

export const ZRevokeTokenOutput = z.object({ id: z.string(), revokedAt: z.date() });
export type TRevokeTokenOutput = z.infer<typeof ZRevokeTokenOutput>;
