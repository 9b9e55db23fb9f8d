import { z } from "zod";
import type { AppServices } from "../services/system/app-services";
import { API_ROUTES } from "./api-routes";
import { buildOpenApiDocument } from "./openapi";
import { errorResponse } from "./respond";
import { ROUTE_DOCS } from "./route-docs";
import { decodePathSegments, defineRoute, pathPattern, type Route, type RouteDoc, type RouteMethod } from "./route-table";
import { handleRunDelete, handleRunExclude, handleRunInclude } from "./run-actions";
import { handleRunsPost, handleSweepGet } from "./runs";
import { handleSweepDocumentGet } from "./sweep-document";

/** The REST API's endpoints (route-table.ts): the router below and the OpenAPI document are both made from it. */
export const ROUTES: Route[] = [
  { path: "/api/v1/runs", pattern: /^\/api\/v1\/runs$/, method: "POST", doc: ROUTE_DOCS.runsPost, handle: ({ db, fitJobs }, request) => handleRunsPost(db, fitJobs, request) },
  { path: "/api/v1/sweeps", pattern: /^\/api\/v1\/sweeps$/, method: "GET", doc: ROUTE_DOCS.sweepFind, handle: ({ db }, request) => handleSweepGet(db, request) },
  {
    path: "/api/v1/sweeps/{sweepId}",
    pattern: /^\/api\/v1\/sweeps\/([^/]+)$/,
    method: "GET",
    doc: ROUTE_DOCS.sweepDocument,
    handle: ({ db }, request, match) => {
      const segments = decodePathSegments(match, 1);
      return segments instanceof Response ? Promise.resolve(segments) : handleSweepDocumentGet(db, request, segments[0]!);
    },
  },
  runRoute("/exclude", "POST", ROUTE_DOCS.runExclude, handleRunExclude),
  runRoute("/include", "POST", ROUTE_DOCS.runInclude, handleRunInclude),
  runRoute("", "DELETE", ROUTE_DOCS.runDelete, handleRunDelete),
  ...API_ROUTES,
  defineRoute({
    method: "GET",
    path: "/api/v1/openapi.json",
    public: true,
    summary: "This API's OpenAPI 3.1 document",
    response: z.record(z.string(), z.unknown()),
    handle: async () => openApiDocument(),
  }),
];

let document: ReturnType<typeof buildOpenApiDocument> | undefined;
/** The OpenAPI document of ROUTES, built on first request. */
export function openApiDocument() {
  return (document ??= buildOpenApiDocument(ROUTES));
}

/** A route on one run, /api/v1/sweeps/{sweepId}/runs/{runKey}{suffix}, both segments decoded. */
function runRoute(
  suffix: string,
  method: RouteMethod,
  doc: RouteDoc,
  handle: (services: AppServices, request: Request, sweepId: string, runKey: string) => Promise<Response>,
): Route {
  const path = `/api/v1/sweeps/{sweepId}/runs/{runKey}${suffix}`;
  return {
    path,
    pattern: pathPattern(path),
    method,
    doc,
    handle: (services, request, match) => {
      const segments = decodePathSegments(match, 2);
      return segments instanceof Response ? Promise.resolve(segments) : handle(services, request, segments[0]!, segments[1]!);
    },
  };
}

/** "POST /api/v1/runs, GET /api/v1/sweeps, … and GET /api/v1/openapi.json", for the 404 message. */
const ENDPOINTS = ROUTES.map((r) => `${r.method} ${r.path}`).join(", ").replace(/, ([^,]*)$/, " and $1");

/** Whether a path belongs to the REST API (the server answers these itself, in front of the dashboard). */
export function isRestPath(pathname: string): boolean {
  return pathname === "/api/v1" || pathname.startsWith("/api/v1/");
}

/**
 * Answers a REST request (see runs.ts, sweep-document.ts, run-actions.ts and api-routes.ts for each
 * endpoint): 404 naming the endpoints for an unknown path, 405 with an Allow header listing the methods of a
 * known path asked with another method.
 */
export async function handleRestRequest(services: AppServices, request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    if (request.method === route.method) return route.handle(services, request, match);
    allowed.push(route.method);
  }
  if (allowed.length === 0) return errorResponse("NOT_FOUND", `no endpoint ${pathname}; the REST API has ${ENDPOINTS}`);
  const response = errorResponse("METHOD_NOT_ALLOWED", `${request.method} ${pathname} is not supported; use ${allowed.join(" or ")}`);
  response.headers.set("allow", allowed.join(", "));
  return response;
}
