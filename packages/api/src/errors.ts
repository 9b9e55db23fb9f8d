import { TRPCError } from "@trpc/server";

/**
 * The errors services throw. Each code maps to one HTTP status in one place (`toTRPCError`), so
 * routers and the REST endpoints report the same problem the same way.
 */
export type AppErrorCode = "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE";

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

/** Whether an error means the database could not be reached (a retry later can succeed). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const text = `${(error as { code?: unknown })?.code ?? ""} ${(error as Error)?.message ?? ""} ${String((error as { cause?: unknown })?.cause ?? "")}`;
  return /ECONNREFUSED|ECONNRESET|57P01|57P03|Connection terminated|connection.*(closed|refused|timeout)|DatabaseNotReachable|P1001|P1017|terminating connection/i.test(text);
}

/** What every caller is told when the database cannot be reached; the driver's message (host, port) goes to the log. */
export const DATABASE_UNAVAILABLE = "database unavailable";

/**
 * The error a caller sees for a failure that is not theirs (AppError and bad input are): the database being
 * unreachable (503) or a bug (500), never the underlying message, which may name hosts or internals and
 * is logged here instead.
 */
export function toUnexpectedError(error: unknown, what: string): TRPCError {
  console.error(`scalecast: ${what} failed:`, error);
  if (isDatabaseUnavailable(error)) return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: `${DATABASE_UNAVAILABLE}; try again shortly` });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "internal error; the details are in the server log" });
}
