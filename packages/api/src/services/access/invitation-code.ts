import { createHash, randomBytes } from "node:crypto";

/** A new invitation code: 18 random bytes in base64url (144 bits), handed to the invitee once, never stored. */
export function generateInvitationCode(): string {
  return randomBytes(18).toString("base64url");
}

/** What the database keeps of an invitation code: its SHA-256 in hex (a random code needs no slow hash). */
export function hashInvitationCode(code: string): string {
  return createHash("sha256").update(code, "utf8").digest("hex");
}
