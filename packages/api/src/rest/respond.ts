import type { Database } from "@scalecast/db";
import { AppError, isDatabaseUnavailable, type AppErrorCode, type FieldIssue } from "../errors";
import type { Actor } from "../services/access/actor";
import { SIGN_IN_MESSAGE } from "../services/access/assert-access";
import { assertSameOriginWrite } from "../services/access/assert-same-origin-write";
import { resolveActor } from "../services/access/resolve-actor";

/** The codes a REST error can carry: the services' AppError codes and the ones only HTTP has. */
export type RestErrorCode = AppErrorCode | "METHOD_NOT_ALLOWED" | "INTERNAL_SERVER_ERROR" | "SERVICE_UNAVAILABLE";

const STATUS: Record<RestErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** A REST error body: {"error": {"code", "message", "issues"}} with the status of its code. */
export function errorResponse(code: RestErrorCode, message: string, issues: FieldIssue[] = []): Response {
  return Response.json({ error: { code, message, issues } }, { status: STATUS[code] });
}


/** Runs a REST handler: AppErrors become their status, an unreachable database 503, anything else 500. */
export async function withErrors(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error.code, error.message, error.issues);
    if (isDatabaseUnavailable(error)) return errorResponse("SERVICE_UNAVAILABLE", "the database is unavailable; retry the request (run keys make retries safe)");
    console.error("scalecast: REST request failed:", error);
    return errorResponse("INTERNAL_SERVER_ERROR", "internal error; the request was not applied");
  }
}

/**
 * The caller of a REST request (API token or session cookie); 401 naming the header to send otherwise.
 * A write by session cookie must come from this server's pages (assertSameOriginWrite).
 */
export async function requireActor(db: Database, request: Request): Promise<NonNullable<Actor>> {
  const actor = await resolveActor(db, request.headers);
  if (!actor) throw new AppError("UNAUTHORIZED", `${SIGN_IN_MESSAGE}: send "Authorization: Bearer <API token>"`);
  if (actor.kind === "user") assertSameOriginWrite(request);
  return actor;
}
