#!/usr/bin/env node
// run-locked <lock file> <command> [args...]: runs the command while holding an OS lock on the file, so two
// `npm start`s typed at once build one after the other: the second waits, then finds the first's build in
// turbo's cache, instead of both running `next build` in one folder ("Another next build process is already
// running"). The kernel drops the lock when this process ends, however it ends: a killed build never leaves
// a stale lock behind. Exits with the command's exit code.
import { spawn } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";

const { tryLock, waitForLock } = createRequire(import.meta.url)("fs-native-extensions");

const [lockPath, command, ...args] = process.argv.slice(2);
if (!lockPath || !command) {
  console.error("usage: run-locked <lock file> <command> [args...]");
  process.exit(2);
}
mkdirSync(dirname(lockPath), { recursive: true });
const fd = openSync(lockPath, "a");
if (!tryLock(fd)) {
  console.log(`run-locked: another build holds ${lockPath}; waiting for it to finish`);
  await waitForLock(fd);
}
const child = spawn(command, args, { stdio: "inherit" });
process.on("SIGTERM", () => child.kill("SIGTERM"));
child.on("error", (error) => {
  console.error(`run-locked: cannot run ${command}: ${error.message}`);
  process.exit(127);
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
