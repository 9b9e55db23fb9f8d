import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const runLocked = resolve(here, "../run-locked.mjs");
const repoRoot = resolve(here, "../../..");

/** Like `next build`: refuses to run while another run is in the folder, else works for a while. */
const FAKE_BUILD = `
const fs = require("node:fs");
const [marker, log] = process.argv.slice(1);
try { fs.closeSync(fs.openSync(marker, "wx")); } catch { console.error("Another build process is already running"); process.exit(1); }
fs.appendFileSync(log, "start " + Date.now() + "\\n");
setTimeout(() => { fs.appendFileSync(log, "end " + Date.now() + "\\n"); fs.rmSync(marker); }, 400);
`;

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [runLocked, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => resolveRun({ code, output }));
  });
}

describe("run-locked", () => {
  const scratch = mkdtempSync(join(tmpdir(), "scalecast-run-locked-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("runs two builds started together one after the other, both succeeding", async () => {
    const [marker, log, lock] = ["building", "log", "locks/build.lock"].map((name) => join(scratch, name));
    const build = [lock!, process.execPath, "-e", FAKE_BUILD, marker!, log!];
    const results = await Promise.all([run(build), run(build)]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    expect(results.filter((r) => r.output.includes(`run-locked: another build holds ${lock}; waiting for it to finish`))).toHaveLength(1);
    const events = readFileSync(log!, "utf8").trim().split("\n").map((line) => line.split(" ")[0]);
    expect(events).toEqual(["start", "end", "start", "end"]);
  });

  it("exits with the command's exit code", async () => {
    const result = await run([join(scratch, "exit.lock"), process.execPath, "-e", "process.exit(3)"]);
    expect(result.code).toBe(3);
  });

  it("is how `npm start` builds", () => {
    const { scripts } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(scripts.start).toMatch(/^run-locked \.turbo\/\S+\.lock turbo run build --filter=@scalecast\/web\.\.\. && /);
  });
});
