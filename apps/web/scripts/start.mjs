// `npm start`: serves the built dashboard with `next start`, after checking that the port is free.
// NEXT_MANUAL_SIG_HANDLE hands Ctrl-C/SIGTERM to the app's own handler, which closes the database first.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`scalecast: PORT must be a port number (1-65535), got "${process.env.PORT}"`);
  process.exit(1);
}

const free = await new Promise((resolvePort) => {
  const probe = createServer();
  probe.once("error", (error) => resolvePort(error.code === "EADDRINUSE" ? false : error));
  probe.listen(port, () => probe.close(() => resolvePort(true)));
});
if (free !== true) {
  console.error(
    free === false
      ? `scalecast: port ${port} is already in use; stop what uses it or choose another, e.g. PORT=${port + 1} npm start`
      : `scalecast: cannot listen on port ${port}: ${free.message}`,
  );
  process.exit(1);
}

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(appDir, "../..");
const nextBin = resolve(repoRoot, "node_modules/next/dist/bin/next");
const child = spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
  cwd: appDir,
  stdio: "inherit",
  env: {
    ...process.env,
    NEXT_MANUAL_SIG_HANDLE: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    // Relative data folders are relative to where `npm start` was typed (the repository root).
    SCALECAST_DATA_DIR: resolve(process.env.INIT_CWD ?? repoRoot, process.env.SCALECAST_DATA_DIR ?? ".scalecast/data"),
  },
});
// Ctrl-C reaches the child through the terminal's process group; forward a plain SIGTERM ourselves.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (signal === "SIGTERM") child.kill("SIGTERM");
  });
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
