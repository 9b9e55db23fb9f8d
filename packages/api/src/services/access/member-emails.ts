import type { Actor } from "./actor";

/**
 * Whether the caller sees the email addresses of a team's members: its own members and API tokens do;
 * everyone else signed in reads the team with its members' names only.
 */
export function seesMemberEmails(actor: Actor, teamId: string): boolean {
  if (actor?.kind === "user") return actor.memberships.some((m) => m.teamId === teamId);
  return actor?.kind === "token" && actor.teamId === teamId;
}
