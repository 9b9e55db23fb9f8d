import { TRPCError } from "@trpc/server";

/**
 * The errors services throw. Each code maps to one HTTP status in one place (`toTRPCError`), so
 * routers and the REST endpoints report the same problem the same way.
 */
export type AppErrorCode = "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "UNSUPPORTED_MEDIA_TYPE";

/** One problem with one field of the input (`path` like "runs.4.scales.N"; `row` 1-based when in a batch). */
export interface FieldIssue {
  path: string;
  message: string;
  row?: number;
}

export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** The individual problems behind a BAD_REQUEST (e.g. every bad row of a batch). */
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: error.code, message: error.message, cause: error });
}
