/**
 * One compiled copy of @scalecast/api per server process: Next's server output holds none of the API's code
 * (its routes import the package at run time, the very modules scripts/start.mjs loaded), so the REST API
 * and Next's routes share one database and one fit worker pool, whose worker threads run the compiled
 * task-worker. Reads the build (`npm run build` first).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSignUp, startApp, type RunningApp } from "./app-server";

const appDir = resolve(import.meta.dirname, "..");
const apiDist = resolve(appDir, "../../packages/api/dist");

/** Every file under `dir` with one of `extensions`, read as text. */
function readAll(dir: string, extensions: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extensions.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), "utf8"));
}

/** Text only the API's server side holds: the fit worker pool, the error mapping, the start-up of the database. */
const API_SERVER_CODE = ["the fit worker pool is closed", "internal error; the details are in the server log", "applied migration(s)"];

describe("Next's server output", () => {
  const server = readAll(join(appDir, ".next/server"), /\.js$/).join("\n");

  it("holds no copy of the API's code, which the compiled package does", () => {
    const compiled = readAll(apiDist, /\.js$/).join("\n");
    for (const text of API_SERVER_CODE) {
      expect(compiled, `packages/api/dist holds "${text}"`).toContain(text);
      expect(server, `.next/server holds "${text}"`).not.toContain(text);
    }
  });

  it("imports @scalecast/api at run time instead", () => {
    expect(server).toContain('import("@scalecast/api")');
  });
});

describe("a running server", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("answers the REST API and Next's routes from the one database it opened", async () => {
    const rest = await fetch(`${app.url}/api/v1/sweeps`);
    expect(rest.status).toBe(401);
    await openSignUp(app.url);
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    expect(app.output().match(/scalecast: database ready/g)).toHaveLength(1);
    expect(app.output()).not.toMatch(/in use by another Scalecast process/);
  });
});

describe("the compiled package in plain Node (no tsx, no source condition)", () => {
  it("runs tasks in worker threads on the compiled task-worker, telling bad data by core's kind", () => {
    const output = execFileSync(process.execPath, [join(appDir, "test/fixtures/compiled-pool.mjs")], { encoding: "utf8" });
    expect(JSON.parse(output)).toEqual({
      mode: "workers",
      bad: { name: "TaskError", code: "too-few-points", message: "power-law fit needs at least 2 points, got 1" },
      converged: true,
    });
  });
});
