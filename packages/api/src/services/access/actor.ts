import type { Role } from "@scalecast/db";

/** Who is calling: a signed-in person, a team's API token, or nobody. */
export type Actor =
  | {
      kind: "user";
      user: { id: string; email: string; name: string };
      memberships: { teamId: string; role: Role }[];
    }
  | { kind: "token"; tokenId: string; teamId: string }
  | null;

export type SignedInActor = NonNullable<Actor>;
