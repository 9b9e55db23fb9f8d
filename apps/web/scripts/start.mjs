// `npm start` (and `npm run dev` with --dev): one HTTP server for the whole app. The REST API (/api/v1/*)
// is answered by @scalecast/api's own handler, in front of Next.js: a training script's request does not pay
// for Next's routing, and a sweep document goes out as the API cached it (gzip bytes and ETag), which a Next
// route cannot do (Next drops a route's Content-Encoding and compresses every response again). Everything
// else (pages, tRPC, auth, health) is Next's. Both share one database and one fit worker pool per process.
import { createServer as createHttpServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { securityHeaders } from "./security-headers.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`scalecast: PORT must be a port number (1-65535), got "${process.env.PORT}"`);
  process.exit(1);
}

const free = await new Promise((resolvePort) => {
  const probe = createNetServer();
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
process.env.NEXT_TELEMETRY_DISABLED = "1";
// What `next start` / `next dev` set: React's production build, and no stack traces in API errors.
process.env.NODE_ENV = dev ? "development" : "production";
// Relative data folders are relative to where `npm start` was typed (the repository root).
process.env.SCALECAST_DATA_DIR = resolve(process.env.INIT_CWD ?? repoRoot, process.env.SCALECAST_DATA_DIR ?? ".scalecast/data");

// The API ships TypeScript source: load it through tsx's loader, scoped to this import.
const { tsImport } = await import("tsx/esm/api");
const api = await tsImport("@scalecast/api/server", import.meta.url);

let trustProxy;
try {
  trustProxy = api.parseTrustedProxies(process.env.SCALECAST_TRUSTED_PROXIES);
} catch (error) {
  console.error(`scalecast: ${error.message}`);
  process.exit(1);
}

// Ctrl-C / SIGTERM (from the start on: also during migrations): stop taking requests, then close the
// database so the embedded folder is never left mid-write.
let app;
let server;
let fitWorker;
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`scalecast: ${signal} received, closing the database`);
    server?.close();
    server?.closeIdleConnections();
    // The fit worker first: its jobs in hand finish (or go back to the queue) while the pool still runs them.
    Promise.allSettled([app?.close(), fitWorker?.stop()])
      .then(() => api.getTaskPool().close())
      .then(() => api.closeAppDatabase())
      .catch((error) => console.error(`scalecast: closing the database failed: ${error.message}`))
      .finally(() => process.exit(0));
  });
}

/** Opens the database, then Next, then listens; each step is skipped once a stop signal arrived. */
async function start() {
  let db;
  let fitQueue;
  try {
    db = await api.getAppDatabase();
    if (stopping) return;
    console.log(`scalecast: database ready: ${db.description}`);
    const demo = await api.demoSignInLine(db);
    if (demo) console.log(`scalecast: ${demo}`);
    const pool = api.getTaskPool();
    console.log(`scalecast: fits run ${pool.mode === "workers" ? `in up to ${pool.size} worker thread(s)` : "in-process"}`);
    fitQueue = await api.getAppFitQueue();
    if (stopping) return;
    // SCALECAST_WORKER=0: a web-only replica; fit jobs are worked by `npm run worker` processes.
    if (process.env.SCALECAST_WORKER === "0") {
      console.log("scalecast: fit jobs are left to worker processes (SCALECAST_WORKER=0)");
    } else {
      fitWorker = await api.startFitWorker({ db, pool, queue: fitQueue });
      console.log(`scalecast: fit jobs worked in this process, ${fitWorker.concurrency} at once`);
    }
  } catch (error) {
    if (stopping) return;
    const message = error instanceof api.DatabaseStartError ? error.message : `database start failed: ${error.message}`;
    console.error(`scalecast: ${message}`);
    process.exit(1);
  }

  const { default: next } = await import("next");
  app = next({ dev, dir: appDir, port, hostname: "localhost" });
  await app.prepare();
  if (stopping) return;
  const nextHandler = app.getRequestHandler();

  const headers = securityHeaders({ dev });
  server = createHttpServer((req, res) => {
    api.settleForwardedHeaders(req, trustProxy);
    for (const [name, value] of headers) res.setHeader(name, value);
    const pathname = (req.url ?? "/").split("?", 1)[0];
    if (api.isRestPath(pathname)) {
      void api.answerNodeRequest(req, res, (request) => api.handleRestRequest({ db, fitJobs: fitQueue }, request));
    } else {
      void nextHandler(req, res);
    }
  });
  server.once("error", (error) => {
    console.error(`scalecast: cannot listen on port ${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, () => console.log(`scalecast: ready on http://localhost:${port}${dev ? " (development)" : ""}`));
}

await start();

