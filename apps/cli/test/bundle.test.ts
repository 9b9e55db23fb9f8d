/**
 * The shipped CLI: bin/scalecast.mjs runs the bundle, prints its version, and the commands that work on files
 * (--help, fit, predict, compare, plan) start without loading the server side (Prisma, PGlite, tRPC, the API
 * and database packages, or tsx to compile them): a top-level import of @scalecast/api anywhere in src/ fails
 * here. `users create` is the control: it does load them, so the check sees what it looks for.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cliDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(cliDir, "bin/scalecast.mjs");
const recorder = join(cliDir, "test/loaded-modules.mjs");
const dir = mkdtempSync(join(tmpdir(), "scalecast-bundle-"));

/** Runs the CLI and returns what it printed and every module it loaded. */
function runRecordingModules(args: string[], env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string; modules: string[] } {
  const logFile = join(dir, `modules-${args[0]}-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(logFile, "");
  const r = spawnSync(process.execPath, ["--import", recorder, bin, ...args], {
    encoding: "utf8",
    cwd: dir,
    env: { ...process.env, DATABASE_URL: undefined, ...env, SCALECAST_LOADED_MODULES: logFile },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, modules: readFileSync(logFile, "utf8").split("\n").filter(Boolean) };
}

/** Modules of the server side: the API and database packages, their drivers and frameworks, and tsx. */
const SERVER_SIDE = /\/packages\/(api|db)\/|\/node_modules\/(@prisma|prisma|@electric-sql|pglite-prisma-adapter|pg|@trpc|better-auth|tsx)\//;

const points = [1e3, 3e3, 1e4, 3e4, 1e5, 3e5].map((x) => `${x},${50 * x ** -0.25}`).join("\n");
const power = join(dir, "power.csv");
writeFileSync(power, `x,y\n${points}\n`);

describe("the bundled CLI", () => {
  it("--version prints the version in apps/cli/package.json", () => {
    const { version } = JSON.parse(readFileSync(join(cliDir, "package.json"), "utf8")) as { version: string };
    const r = runRecordingModules(["--version"]);
    expect(r.stdout).toBe(`${version}\n`);
    expect(r.code).toBe(0);
  });

  it("rebuilds the bundle before running it when a source it was built from is newer (an edit, a fresh clone)", () => {
    const bundle = join(cliDir, "dist/scalecast.mjs");
    const longAgo = new Date("2001-01-01T00:00:00Z");
    utimesSync(bundle, longAgo, longAgo);
    const r = runRecordingModules(["--version"]);
    expect(r.code).toBe(0);
    expect(r.modules.filter((m) => m.includes("/node_modules/esbuild/"))).not.toEqual([]);
    expect(statSync(bundle).mtimeMs).toBeGreaterThan(statSync(join(cliDir, "src/main.ts")).mtimeMs);
    expect(runRecordingModules(["--version"]).modules.filter((m) => m.includes("/node_modules/esbuild/"))).toEqual([]);
  });

  it.each([
    ["--help"],
    ["fit", power, "--model", "power-law"],
    ["predict", power, "--model", "power-law", "--at", "1e7", "--bootstrap", "20"],
    ["compare", power, power, "--model", "power-law", "--at", "1e7", "--bootstrap", "20"],
    ["plan", "--compute", "1e21", "--preset", "epoch-2024"],
  ])("%s runs the bundle and loads nothing of the server side", (...args) => {
    const r = runRecordingModules(args);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.modules).toContain(`file://${join(cliDir, "dist/scalecast.mjs")}`);
    expect(r.modules.filter((m) => m.includes("/apps/cli/src/"))).toEqual([]);
    expect(r.modules.filter((m) => SERVER_SIDE.test(m))).toEqual([]);
  });

  // Creating the embedded database (PGlite, migrations) takes a while on a busy machine.
  it("users create loads the server side when it runs (the control of the check above)", () => {
    const r = runRecordingModules(["users", "create", "--email", "control@example.com", "--password", "correct horse battery"], {
      SCALECAST_DATA_DIR: join(dir, "data"),
    });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("created control@example.com");
    const serverSide = r.modules.filter((m) => SERVER_SIDE.test(m));
    for (const part of ["/packages/api/", "/packages/db/", "/node_modules/@electric-sql/", "/node_modules/tsx/"]) {
      expect(serverSide.some((m) => m.includes(part))).toBe(true);
    }
  }, 180_000);
});
