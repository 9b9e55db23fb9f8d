/**
 * GET /api/v1/openapi.json: public, a valid OpenAPI 3.1 document (checked against the specification's own JSON
 * schema), made from the route table, so every REST route is in it with the schemas its handler checks.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { MODEL_NAMES } from "@scalecast/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseTargets } from "@scalecast/db/testing";
import type { Database } from "@scalecast/db";
import { ROUTES } from "../src/rest/routes";
import { serve } from "./http";

describe("the OpenAPI document", () => {
  let db: Database;
  let server: Awaited<ReturnType<typeof serve>>;
  let document: { openapi: string; paths: Record<string, Record<string, Record<string, unknown>>> };
  beforeAll(async () => {
    db = await testDatabaseTargets("")[0]!.open();
    server = await serve(db);
    // No token: the document is public.
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as typeof document;
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has every route of the route table, and nothing else", () => {
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    expect(ROUTES.length).toBeGreaterThanOrEqual(20);
  });

  it("describes each route with its handler's schemas: parameters, body, answer and the error shape", () => {
    const fits = document.paths["/api/v1/sweeps/{sweepId}/fits"]!.post as {
      parameters: { name: string; in: string; required: boolean }[];
      requestBody: { content: { "application/json": { schema: { properties: { model: { enum: string[] } }; required: string[] } } } };
      responses: Record<string, unknown>;
      security: unknown[];
    };
    expect(fits.parameters).toEqual([expect.objectContaining({ name: "sweepId", in: "path", required: true })]);
    const body = fits.requestBody.content["application/json"].schema;
    expect(body.properties.model.enum).toEqual([...MODEL_NAMES]);
    expect(body.required).toEqual(["model"]);
    expect(Object.keys(fits.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "404"]));
    expect(fits.security).toEqual([{ apiToken: [] }]);
    const latest = document.paths["/api/v1/sweeps/{sweepId}/fit"]!.get as { parameters: { name: string; in: string; required: boolean }[] };
    expect(latest.parameters.filter((p) => p.in === "query").map((p) => [p.name, p.required])).toEqual([
      ["model", false],
      ["metric", false],
    ]);
    // Dates travel as ISO 8601 text.
    const created = document.paths["/api/v1/methodologies"]!.post as { responses: { "201": { content: { "application/json": { schema: { properties: { createdAt: unknown } } } } } } };
    expect(created.responses["201"].content["application/json"].schema.properties.createdAt).toEqual({ type: "string", format: "date-time" });
    expect((document.paths["/api/v1/openapi.json"]!.get as { security: unknown[] }).security).toEqual([]);
  });
});
