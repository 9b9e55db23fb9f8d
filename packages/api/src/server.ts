/**
 * `@scalecast/api/server`: what the app's HTTP server (apps/web/scripts/start.mjs) needs besides Next.js:
 * the process's database and fit pool, the start-up lines, and the REST API over node:http.
 */
export { closeAppDatabase, getAppDatabase, getAppFitQueue } from "./services/system/app-database";
export { startFitWorker, type FitWorker } from "./jobs/fit-worker";
export { demoSignInLine } from "./services/access/demo-sign-in";
export { getTaskPool } from "./workers/pool";
export { DatabaseStartError } from "@scalecast/db";
export { handleRestRequest, isRestPath } from "./rest/routes";
export { answerNodeRequest } from "./rest/node-http";
export { MAX_REQUEST_BYTES } from "./limits";
export { parseTrustedProxies, settleForwardedHeaders } from "./http/forwarded-headers";
