import { createHash, randomBytes } from "node:crypto";

/** Every API token starts with this, so leaked tokens are recognisable (e.g. by secret scanners). */
export const API_TOKEN_PREFIX = "sc_";
/** How many characters of a token are kept in clear and shown in lists ("sc_" + 8). */
export const API_TOKEN_PREFIX_LENGTH = 11;

/** A new token secret: "sc_" + 32 random bytes in base64url (256 bits). Shown once, never stored. */
export function generateApiTokenSecret(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** What the database keeps of a token: its SHA-256 in hex (a 256-bit random secret needs no slow hash). */
export function hashApiToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
