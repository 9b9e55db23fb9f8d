/**
 * The REST API's HTTP layer as the app's server runs it (answerNodeRequest + handleRestRequest over node:http):
 * unknown paths, wrong methods and oversized bodies get a JSON error that says what to do, and nothing is written.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testDatabaseTargets } from "@scalecast/db/testing";
import type { Database } from "@scalecast/db";
import { MAX_REQUEST_BYTES } from "../src/server";
import { serve } from "./http";
import { buildWorld, type World } from "./world";

describe("REST API over node:http", () => {
  let db: Database;
  let w: World;
  let server: Awaited<ReturnType<typeof serve>>;
  let sweepId: string;
  beforeAll(async () => {
    // The HTTP layer does not depend on the engine: the embedded one suffices.
    db = await testDatabaseTargets("")[0]!.open();
    w = await buildWorld(db);
    server = await serve(db);
    sweepId = (await db.prisma.sweep.create({ data: { methodologyId: w.methodology.id, name: "limits", axes: ["D"], metric: "loss" } })).id;
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const auth = () => ({ authorization: `Bearer ${w.tokenA.secret}` });

  it("answers an unknown path with 404 naming the endpoints there are", async () => {
    const response = await fetch(`${server.url}/api/v1/run`, { method: "POST", headers: auth(), body: "{}" });
    expect(response.status).toBe(404);
    const { message } = ((await response.json()) as { error: { message: string } }).error;
    expect(message.startsWith("no endpoint /api/v1/run; the REST API has POST /api/v1/runs, GET /api/v1/sweeps, GET /api/v1/sweeps/{sweepId}, ")).toBe(true);
    expect(message).toContain(", POST /api/v1/sweeps/{sweepId}/runs/{runKey}/exclude, ");
    expect(message).toContain(", PUT /api/v1/methodologies/{methodology}/sweeps/{sweep}, ");
    expect(message.endsWith(" and GET /api/v1/openapi.json")).toBe(true);
  });

  it("answers a known path asked with another method with 405 and Allow", async () => {
    const response = await fetch(`${server.url}/api/v1/runs`, { headers: auth() });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(await response.json()).toEqual({ error: { code: "METHOD_NOT_ALLOWED", message: "GET /api/v1/runs is not supported; use POST", issues: [] } });
  });

  it("answers a path with malformed percent-encoding with 400 saying so, and logs nothing", async () => {
    const errors = vi.spyOn(console, "error");
    try {
      const response = await fetch(`${server.url}/api/v1/sweeps/%E0%A4%A`, { headers: auth() });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: { code: "BAD_REQUEST", message: 'the path segment "%E0%A4%A" is not valid percent-encoding (UTF-8 bytes as %XX)', issues: [] },
      });
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  /** Posts `body` with or without a Content-Length header (chunked), and reads the answer. */
  function post(body: Buffer, chunked: boolean): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const headers = { ...auth(), "content-type": "application/json", ...(chunked ? {} : { "content-length": String(body.length) }) };
      const req = httpRequest(`${server.url}/api/v1/runs`, { method: "POST", headers }, (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  it.each([
    ["with a Content-Length", false],
    ["sent chunked", true],
  ])("refuses a body over the limit %s with 413, and writes nothing", async (_label, chunked) => {
    const run = (i: number) => ({ runKey: `big-${i}-${"x".repeat(180)}`, scales: { D: 1e6 + i }, metrics: { loss: 3 } });
    const runs = Array.from({ length: Math.ceil(MAX_REQUEST_BYTES / JSON.stringify(run(0)).length) + 10 }, (_, i) => run(i));
    const body = Buffer.from(JSON.stringify({ sweepId, runs }));
    expect(body.length).toBeGreaterThan(MAX_REQUEST_BYTES);
    const before = await db.prisma.run.count({ where: { sweepId } });
    const response = await post(body, chunked);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.message).toBe("the request body is larger than 16 MB; send fewer runs per request");
    expect(await db.prisma.run.count({ where: { sweepId } })).toBe(before);
    const ok = await fetch(`${server.url}/api/v1/runs`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: JSON.stringify({ sweepId, runKey: `after-${String(chunked)}`, scales: { D: 1e6 }, metrics: { loss: 3 } }),
    });
    // The server goes on serving after refusing one.
    expect(ok.status).toBe(200);
  });
});
