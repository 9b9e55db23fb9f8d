/**
 * The REST API's OpenAPI 3.1 document, generated from the route table (route-table.ts): every route's
 * path, method, parameters, body and answer, each schema converted from the route's zod schema by zod's
 * own z.toJSONSchema (JSON Schema 2020-12, the dialect of OpenAPI 3.1), assembled with openapi3-ts's builder.
 */
import { OpenApiBuilder, type OpenAPIObject, type OperationObject, type ParameterObject, type SchemaObject } from "openapi3-ts/oas31";
import { z } from "zod";
import type { RestErrorCode } from "./respond";
import type { Route } from "./route-table";

const ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "METHOD_NOT_ALLOWED",
  "CONFLICT",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "INTERNAL_SERVER_ERROR",
  "SERVICE_UNAVAILABLE",
] as const satisfies readonly RestErrorCode[];

/** The one shape of every REST error (respond.ts's errorResponse). */
const ZRestError = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    /** Each wrong field: its path ("runs.3.scales.N"), what is wrong, and its row within a batch. */
    issues: z.array(z.object({ path: z.string(), message: z.string(), row: z.number().int().optional() })),
  }),
});

/** A zod schema as an OpenAPI 3.1 schema: dates are ISO 8601 text on the wire, what JSON cannot say is left open. */
function toSchema(schema: z.ZodType, io: "input" | "output"): SchemaObject {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === "date") Object.assign(jsonSchema, { type: "string", format: "date-time" });
    },
  });
  return json as SchemaObject;
}

function parameters(schema: z.ZodObject | undefined, location: "path" | "query"): ParameterObject[] {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: location,
    required: location === "path" || !(field as z.ZodType).safeParse(undefined).success,
    schema: toSchema(field as z.ZodType, "input"),
  }));
}

const errorAnswer = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });

function operation(route: Route): OperationObject {
  const { doc } = route;
  const status = String(doc.status ?? 200);
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/^\/api\/v1/, "").replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    security: doc.public ? [] : [{ apiToken: [] }],
    parameters: [...parameters(doc.params, "path"), ...parameters(doc.query, "query")],
    ...(doc.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(doc.body, "input") } } } } : {}),
    responses: {
      [status]: { description: doc.summary, content: { "application/json": { schema: toSchema(doc.response, "output") } } },
      "400": errorAnswer("Bad input: `issues` names each wrong field"),
      ...(doc.public ? {} : { "401": errorAnswer("No API token, or an unknown or revoked one"), "403": errorAnswer("Another team's data") }),
      "404": errorAnswer("Not found"),
      "503": errorAnswer("The database is unavailable; retry"),
    },
  };
}

/** The OpenAPI 3.1 document of `routes`. */
export function buildOpenApiDocument(routes: readonly Route[]): OpenAPIObject {
  const builder = OpenApiBuilder.create({
    openapi: "3.1.0",
    info: {
      title: "Scalecast REST API",
      version: "1",
      description: "Log training runs, fit scaling laws and read forecasts from scripts. Authenticate with `Authorization: Bearer <API token>` (Settings → API tokens).",
    },
    paths: {},
  })
    .addSecurityScheme("apiToken", { type: "http", scheme: "bearer", description: "An API token of your team" })
    .addSchema("Error", toSchema(ZRestError, "output"));
  const paths = new Map<string, Record<string, OperationObject>>();
  for (const route of routes) paths.set(route.path, { ...paths.get(route.path), [route.method.toLowerCase()]: operation(route) });
  for (const [path, item] of paths) builder.addPath(path, item);
  return builder.getSpec();
}
