import { z } from "zod";
import { ZId, ZRole } from "../team/team-schemas";

export const ZListMembersInput = z.object({ teamId: ZId });
export type TListMembersInput = z.infer<typeof ZListMembersInput>;

/** A member of a team: the account and its role (`email` null for callers outside the team). */
export const ZMember = z.object({ userId: z.string(), name: z.string(), email: z.string().nullable(), role: ZRole });

export const ZListMembersOutput = z.array(ZMember.extend({ since: z.date() }));
export type TListMembersOutput = z.infer<typeof ZListMembersOutput>;

export const ZAddMemberInput = z.object({
  teamId: ZId,
  email: z.email("email must be an email address").transform((e) => e.toLowerCase()),
  role: ZRole,
});
export type TAddMemberInput = z.input<typeof ZAddMemberInput>;

/** The owner who added the member sees the address they typed. */
export const ZAddMemberOutput = ZMember.extend({ email: z.string() });
export type TAddMemberOutput = z.infer<typeof ZAddMemberOutput>;

export const ZRemoveMemberInput = z.object({ teamId: ZId, userId: ZId });
export type TRemoveMemberInput = z.infer<typeof ZRemoveMemberInput>;

export const ZRemoveMemberOutput = z.object({ removed: z.literal(true), userId: z.string() });
export type TRemoveMemberOutput = z.infer<typeof ZRemoveMemberOutput>;
