import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { lockDataDir } from "../src/data-dir-lock";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const fixture = join(packageDir, "test/fixtures/lock-data-dir.ts");
const lockerArgs = ["--import", "tsx", fixture];

/** A pid that certainly ran and certainly ended (reaped): what a lock file left by a crash holds. */
function deadPid(): number {
  return spawnSync("true").pid!;
}

/**
 * Whether `pid` is a zombie whose every thread has ended: state Z in /proc/<pid>/stat (ended, not reaped by
 * its parent) and no task left but the leader. The leader shows Z while its other threads still exit, and
 * the kernel closes the process's files (releasing its locks) only as the last of them goes.
 */
function isZombie(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "")[0];
    return state === "Z" && readdirSync(`/proc/${pid}/task`).length === 1;
  } catch {
    return false;
  }
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs `hold` in `parent`'s command line and resolves with the locker's pid once it holds the lock. */
async function holdLock(command: string, args: string[]): Promise<{ child: ChildProcess; lockerPid: number }> {
  const child = spawn(command, args, { cwd: packageDir, stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  const lockerPid = await waitFor("the locker to hold the lock", () => {
    const match = /locked (\d+)/.exec(output);
    return match ? Number(match[1]) : undefined;
  });
  return { child, lockerPid };
}

describe("lockDataDir", () => {
  const scratch = mkdtempSync(join(tmpdir(), "scalecast-lock-"));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill("SIGKILL");
    rmSync(scratch, { recursive: true, force: true });
  });

  it("lets exactly one of two processes take over a stale lock, 200 trials out of 200", async () => {
    const trials = 200;
    const dirs = Array.from({ length: trials }, (_, i) => join(scratch, `race-${i}`, "data"));
    for (const dir of dirs) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${dir}.lock`, String(deadPid()));
    }
    // Both racers load first (tsx takes a while) and say so; then both get one start time.
    const racers = [0, 1].map(() => {
      const child = spawn(process.execPath, [...lockerArgs, "race", "20", ...dirs], { cwd: packageDir, stdio: ["pipe", "pipe", "inherit"] });
      let output = "";
      child.stdout!.on("data", (chunk) => (output += chunk));
      const exited = new Promise<void>((done) => child.on("exit", () => done()));
      return { child, output: () => output, exited };
    });
    await waitFor("both racers to load", () => (racers.every((r) => r.output().startsWith("ready\n")) ? true : undefined), 60_000);
    const startAt = Date.now() + 300;
    for (const racer of racers) racer.child.stdin!.write(`${startAt}\n`);
    const reported = () => racers.every((r) => r.output().split("\n").length > 2);
    await waitFor("both racers to report", () => (reported() ? true : undefined), 60_000);
    for (const racer of racers) racer.child.stdin!.end();
    await Promise.all(racers.map((r) => r.exited));
    const [a, b] = racers.map((r) => JSON.parse(r.output().slice("ready\n".length)) as string[]) as [string[], string[]];
    const tally = { oneWinnerOneRefused: 0, bothWon: 0, other: [] as string[] };
    for (const [i, dir] of dirs.entries()) {
      const outcomes = [a[i]!, b[i]!];
      const refused = `the data folder ${dir} is in use by another Scalecast process`;
      if (outcomes.every((o) => o === "won")) tally.bothWon += 1;
      else if (outcomes.includes("won") && outcomes.some((o) => o.startsWith(refused))) tally.oneWinnerOneRefused += 1;
      else tally.other.push(outcomes.join(" / "));
    }
    expect(tally).toEqual({ oneWinnerOneRefused: trials, bothWon: 0, other: [] });
  }, 120_000);

  it("refuses a folder whose lock a running process holds, naming its pid", async () => {
    const dir = join(scratch, "held", "data");
    const { child, lockerPid } = await holdLock(process.execPath, [...lockerArgs, "hold", dir]);
    children.push(child);
    expect(() => lockDataDir(dir)).toThrow(
      `the data folder ${dir} is in use by another Scalecast process (pid ${lockerPid}); stop it, or set SCALECAST_DATA_DIR to another folder`,
    );
  });

  // Zombies are read from /proc: Linux only.
  it.skipIf(process.platform !== "linux")("takes the lock of a killed process that is still a zombie (its parent has not reaped it)", async () => {
    const dir = join(scratch, "zombie", "data");
    // sh starts the locker, then becomes `sleep`, which never waits for its children: killed, the locker stays a zombie.
    const locker = [process.execPath, ...lockerArgs, "hold", dir].map((arg) => `'${arg}'`).join(" ");
    const { child, lockerPid } = await holdLock("sh", ["-c", `${locker} & exec sleep 120`]);
    children.push(child);
    process.kill(lockerPid, "SIGKILL");
    await waitFor("the locker to become a zombie", () => (isZombie(lockerPid) ? true : undefined));
    const unlock = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    unlock();
  });

  it("takes over a lock file left by a process that no longer runs, and removes it on unlock", () => {
    const dir = join(scratch, "stale", "data");
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}.lock`, String(deadPid()));
    const unlock = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    unlock();
    expect(() => readFileSync(`${dir}.lock`)).toThrow(/ENOENT/);
    lockDataDir(dir)();
  });
});
