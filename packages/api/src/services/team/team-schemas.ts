import { z } from "zod";

/** A team's URL name: 2–48 lowercase letters, digits or dashes, starting with a letter or digit. */
export const ZTeamSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,47}$/, "slug must be 2–48 lowercase letters, digits or dashes, starting with a letter or digit");

/** A display name: 1–100 characters after trimming. */
export const ZDisplayName = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

/** A database id as the API passes it around. */
export const ZId = z.string().min(1, "must not be empty").max(64, "is not an id");
