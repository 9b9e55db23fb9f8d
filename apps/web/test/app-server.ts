import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface RunningApp {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  output(): string;
  /** Sends SIGTERM (what Ctrl-C and service managers do) and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Runs `npm start`'s server script (the built app) with its own port and, by default, a fresh data folder. */
export function runStartScript(env: Record<string, string | undefined>): { process: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(appDir, "scripts/start.mjs")], {
    cwd: appDir,
    env: { ...process.env, DATABASE_URL: undefined, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolveExit) => child.on("exit", (code) => resolveExit(code)));
  return { process: child, output: () => output, exited };
}

/** Starts the app and waits until /api/health answers. */
export async function startApp(env: Record<string, string | undefined> = {}): Promise<RunningApp> {
  const port = await freePort();
  const dataDir = env.SCALECAST_DATA_DIR ?? join(mkdtempSync(join(tmpdir(), "scalecast-web-")), "data");
  const run = runStartScript({ PORT: String(port), SCALECAST_DATA_DIR: dataDir, ...env });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (run.process.exitCode !== null) throw new Error(`the app exited during start:\n${run.output()}`);
    const healthy = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`the app did not become healthy in 60 s:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    dataDir,
    process: run.process,
    output: run.output,
    stop: async () => {
      if (run.process.exitCode === null) run.process.kill("SIGTERM");
      return run.exited;
    },
  };
}

/**
 * Opens sign-up on a seeded app (sign-up is by invitation only until the admin opens it): signs in as the
 * demo owner, the demo's instance admin, and sets the policy to open, so tests can sign fresh users up.
 */
export async function openSignUp(url: string): Promise<void> {
  const signIn = await fetch(`${url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ email: "owner@demo.scalecast.dev", password: "scalecast-demo" }),
  });
  if (!signIn.ok) throw new Error(`demo owner sign-in answered ${signIn.status}: ${await signIn.text()}`);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const set = await fetch(`${url}/api/trpc/instance.setSignUpPolicy`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url, cookie },
    body: JSON.stringify({ json: { mode: "open" } }),
  });
  if (!set.ok) throw new Error(`instance.setSignUpPolicy answered ${set.status}: ${await set.text()}`);
}
