/**
 * The REST API's route table: each route's method, documented path, handler and the zod schemas of its
 * path parameters, query, body and answer. The router (routes.ts) dispatches on it and the OpenAPI document
 * (openapi.ts) is generated from it, so the two cannot drift.
 */
import { z } from "zod";
import type { Actor } from "../services/access/actor";
import type { AppServices } from "../services/system/app-services";
import { parseInput, readObject } from "./input";
import { errorResponse, requireActor, withErrors } from "./respond";

export type RouteMethod = "GET" | "POST" | "PUT" | "DELETE";

/** What the OpenAPI document says of a route. Schemas are the services' own (the tRPC procedures'). */
export interface RouteDoc {
  summary: string;
  description?: string;
  /** Answered without an API token (else 401 without one). */
  public?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** The status of a success, 200 unless set. */
  status?: number;
}

export interface Route {
  /** The path as documented, with {name} for each path parameter. */
  path: string;
  pattern: RegExp;
  method: RouteMethod;
  doc: RouteDoc;
  handle(services: AppServices, request: Request, match: RegExpExecArray): Promise<Response>;
}

/** The pattern of a documented path: each {name} matches one segment. */
export function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "([^/]+)");
  return new RegExp(`^${escaped}$`);
}

/** A percent-encoded path segment decoded, or null when its encoding is malformed ("%E0%A4%A"). */
function decodePathSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The 400 for a path segment whose percent-encoding is malformed. */
function badSegmentResponse(segment: string): Response {
  return errorResponse("BAD_REQUEST", `the path segment "${segment}" is not valid percent-encoding (UTF-8 bytes as %XX)`);
}

type Output<T extends z.ZodType | undefined> = T extends z.ZodType ? z.output<T> : Record<string, never>;

/** What a handler of defineRoute gets: its input already checked against the route's schemas. */
export interface RouteCall<P extends z.ZodObject | undefined, Q extends z.ZodObject | undefined, B extends z.ZodType | undefined> extends AppServices {
  request: Request;
  /** The caller (API token or session); null on a public route. */
  actor: Actor;
  params: Output<P>;
  query: Output<Q>;
  body: Output<B>;
}

export interface RouteSpec<P extends z.ZodObject | undefined, Q extends z.ZodObject | undefined, B extends z.ZodType | undefined> extends RouteDoc {
  method: RouteMethod;
  path: string;
  params?: P;
  query?: Q;
  body?: B;
  /** The answer (sent as JSON with `status`), or a Response of its own. */
  handle(call: RouteCall<P, Q, B>): Promise<unknown>;
}

/** The first `count` path segments a route's pattern captured, decoded; a 400 naming a segment that cannot be. */
export function decodePathSegments(match: RegExpExecArray, count: number): string[] | Response {
  const decoded: string[] = [];
  for (let i = 1; i <= count; i += 1) {
    const segment = decodePathSegment(match[i]!);
    if (segment === null) return badSegmentResponse(match[i]!);
    decoded.push(segment);
  }
  return decoded;
}

/**
 * A route whose input is checked by its doc's schemas before the handler runs: path segments decoded,
 * the caller resolved (401 without a token unless public), then params, query and JSON body parsed, each
 * problem a 400 naming the field (unknown fields included).
 */
export function defineRoute<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<P, Q, B>): Route {
  const { method, path, handle, ...doc } = spec;
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  return {
    path,
    pattern: pathPattern(path),
    method,
    doc,
    handle: (services, request, match) => {
      const { db } = services;
      const segments = decodePathSegments(match, names.length);
      if (segments instanceof Response) return Promise.resolve(segments);
      const raw = Object.fromEntries(names.map((name, i) => [name, segments[i]!]));
      return withErrors(async () => {
        const actor = doc.public ? null : await requireActor(db, request);
        const params = (spec.params ? parseInput(spec.params, raw) : {}) as Output<P>;
        const query = (spec.query ? parseInput(spec.query, Object.fromEntries(new URL(request.url).searchParams)) : {}) as Output<Q>;
        const body = (spec.body ? parseInput(spec.body, await readObject(request)) : {}) as Output<B>;
        const answer = await handle({ ...services, request, actor, params, query, body });
        return answer instanceof Response ? answer : Response.json(answer, { status: doc.status ?? 200 });
      });
    },
  };
}
