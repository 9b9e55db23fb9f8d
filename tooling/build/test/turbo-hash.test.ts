import { execFile } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

interface DryRun {
  globalCacheInputs: { environmentVariables: { specified: { env: string[]; passThroughEnv: string[] | null } } };
  tasks: { taskId: string; hash: string }[];
}

/** What `turbo run <task>` would do with these settings, without doing it. */
async function dryRun(task: string, env: Record<string, string>): Promise<DryRun> {
  const { stdout } = await promisify(execFile)("npx", ["turbo", "run", task, "--filter=@scalecast/web", "--dry=json"], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as DryRun;
}

const webBuildHash = (run: DryRun) => run.tasks.find((t) => t.taskId === "@scalecast/web#build")?.hash;

describe("turbo's build of the dashboard", () => {
  it("does not depend on the port, database URL or data folder (a new one reuses the cached build)", async () => {
    const a = await dryRun("build", { PORT: "3001", DATABASE_URL: "postgresql://a@db-a:5432/a", SCALECAST_DATA_DIR: "/tmp/a" });
    const b = await dryRun("build", { PORT: "4002", DATABASE_URL: "postgresql://b@db-b:5432/b", SCALECAST_DATA_DIR: "/tmp/b" });
    expect(webBuildHash(a)).toBeDefined();
    expect(webBuildHash(b)).toBe(webBuildHash(a));
  });

  it("still passes them through to the tests", async () => {
    const { env, passThroughEnv } = (await dryRun("test", {})).globalCacheInputs.environmentVariables.specified;
    expect([...env, ...(passThroughEnv ?? [])]).toEqual(
      expect.arrayContaining(["DATABASE_URL", "PORT", "SCALECAST_DATA_DIR"]),
    );
  });
});
