import { z } from "zod";

/** A team's URL name: 2–48 lowercase letters, digits or dashes, starting with a letter or digit. */
export const ZTeamSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,47}$/, "slug must be 2–48 lowercase letters, digits or dashes, starting with a letter or digit");

/** A display name: 1–100 characters after trimming. */
export const ZDisplayName = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

/** A database id as the API passes it around. */
export const ZId = z.string().min(1, "must not be empty").max(64, "is not an id");

/** A member's role in a team. */
export const ZRole = z.enum(["owner", "member"], "role must be owner or member");

/** A team as lists and comparisons show it. */
export const ZTeamSummary = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const ZListTeamsOutput = z.array(
  ZTeamSummary.extend({ methodologyCount: z.number().int(), sweepCount: z.number().int(), synthetic: z.boolean() }),
);
export type TListTeamsOutput = z.infer<typeof ZListTeamsOutput>;

export const ZGetTeamInput = z.object({ slug: ZTeamSlug });
export type TGetTeamInput = z.infer<typeof ZGetTeamInput>;

export const ZGetTeamOutput = ZTeamSummary.extend({
  createdAt: z.date(),
  /** `email` is null unless the caller is a member of the team or one of its API tokens. */
  members: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string().nullable(), role: ZRole })),
  methodologies: z.array(
    z.object({ id: z.string(), name: z.string(), description: z.string(), synthetic: z.boolean(), sweepCount: z.number().int() }),
  ),
  /** What the caller may do in the team: their role (null: not a member), write (members and the team's tokens), manage (owners). */
  viewer: z.object({ role: ZRole.nullable(), canWrite: z.boolean(), canManage: z.boolean() }),
});
export type TGetTeamOutput = z.infer<typeof ZGetTeamOutput>;

export const ZCreateTeamInput = z.object({ slug: ZTeamSlug, name: ZDisplayName });
export type TCreateTeamInput = z.infer<typeof ZCreateTeamInput>;

export const ZCreateTeamOutput = ZTeamSummary.extend({ createdAt: z.date() });
export type TCreateTeamOutput = z.infer<typeof ZCreateTeamOutput>;
