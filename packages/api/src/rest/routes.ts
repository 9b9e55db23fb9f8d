import type { AppServices } from "../services/system/app-services";
import { errorResponse } from "./respond";
import { handleRunDelete, handleRunExclude, handleRunInclude } from "./run-actions";
import { handleRunsPost, handleSweepGet } from "./runs";
import { handleSweepDocumentGet } from "./sweep-document";

/** The REST API's endpoints: the path as documented, its pattern, and the one method it answers. */
interface Route {
  path: string;
  pattern: RegExp;
  method: string;
  handle(services: AppServices, request: Request, match: RegExpExecArray): Promise<Response>;
}

const ROUTES: Route[] = [
  { path: "/api/v1/runs", pattern: /^\/api\/v1\/runs$/, method: "POST", handle: ({ db, fitJobs }, request) => handleRunsPost(db, fitJobs, request) },
  { path: "/api/v1/sweeps", pattern: /^\/api\/v1\/sweeps$/, method: "GET", handle: ({ db }, request) => handleSweepGet(db, request) },
  {
    path: "/api/v1/sweeps/{sweepId}",
    pattern: /^\/api\/v1\/sweeps\/([^/]+)$/,
    method: "GET",
    handle: ({ db, pool }, request, match) => {
      const sweepId = decodePathSegment(match[1]!);
      if (sweepId === null) return Promise.resolve(errorResponse("BAD_REQUEST", `the path segment "${match[1]}" is not valid percent-encoding (UTF-8 bytes as %XX)`));
      return handleSweepDocumentGet(db, pool, request, sweepId);
    },
  },
  runRoute("/exclude", "POST", handleRunExclude),
  runRoute("/include", "POST", handleRunInclude),
  runRoute("", "DELETE", handleRunDelete),
];

/** A route on one run, /api/v1/sweeps/{sweepId}/runs/{runKey}{suffix}, both segments decoded. */
function runRoute(
  suffix: string,
  method: string,
  handle: (services: AppServices, request: Request, sweepId: string, runKey: string) => Promise<Response>,
): Route {
  return {
    path: `/api/v1/sweeps/{sweepId}/runs/{runKey}${suffix}`,
    pattern: new RegExp(`^/api/v1/sweeps/([^/]+)/runs/([^/]+)${suffix}$`),
    method,
    handle: (services, request, match) => {
      for (const segment of [match[1]!, match[2]!]) {
        if (decodePathSegment(segment) === null) return Promise.resolve(errorResponse("BAD_REQUEST", `the path segment "${segment}" is not valid percent-encoding (UTF-8 bytes as %XX)`));
      }
      return handle(services, request, decodePathSegment(match[1]!)!, decodePathSegment(match[2]!)!);
    },
  };
}

/** A percent-encoded path segment decoded, or null when its encoding is malformed ("%E0%A4%A"). */
function decodePathSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** "POST /api/v1/runs, GET /api/v1/sweeps, … and DELETE /api/v1/sweeps/{sweepId}/runs/{runKey}", for the 404 message. */
const ENDPOINTS = ROUTES.map((r) => `${r.method} ${r.path}`).join(", ").replace(/, ([^,]*)$/, " and $1");

/** Whether a path belongs to the REST API (the server answers these itself, in front of the dashboard). */
export function isRestPath(pathname: string): boolean {
  return pathname === "/api/v1" || pathname.startsWith("/api/v1/");
}

/**
 * Answers a REST request (see runs.ts and sweep-document.ts for each endpoint): 404 naming the endpoints
 * for an unknown path, 405 with an Allow header for a known path asked with another method. `services` are
 * the process's (the ones the dashboard's tRPC context carries).
 */
export async function handleRestRequest(services: AppServices, request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    if (request.method === route.method) return route.handle(services, request, match);
    const response = errorResponse("METHOD_NOT_ALLOWED", `${request.method} ${pathname} is not supported; use ${route.method}`);
    response.headers.set("allow", route.method);
    return response;
  }
  return errorResponse("NOT_FOUND", `no endpoint ${pathname}; the REST API has ${ENDPOINTS}`);
}
