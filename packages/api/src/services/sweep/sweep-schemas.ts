import { MODEL_NAMES } from "@scalecast/core";
import { z } from "zod";

/** A scale axis or metric name as it appears in runs and column headers: a letter or _, then letters, digits, _ . -. */
export const ZFieldName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.\-]{0,63}$/, "must start with a letter or _ and use only letters, digits, _ . - (at most 64 characters)");

export const ZModelName = z.enum(MODEL_NAMES, `must be one of ${MODEL_NAMES.join(", ")}`);
