import "server-only";
import { createContext, getAppFitQueue, type Context } from "@scalecast/api";
import { headers as requestHeaders } from "next/headers";
import { getDatabase } from "./database";

/**
 * The tRPC context for a request: the process's database, its fit queue and who is calling (session cookie or
 * `Authorization: Bearer` API token). Route handlers pass their request (a write by session cookie must
 * come from this server's pages); server components read the incoming request's headers.
 */
export async function createRequestContext(opts?: { req?: Request }): Promise<Context> {
  const [db, fitJobs] = await Promise.all([getDatabase(), getAppFitQueue()]);
  if (opts?.req) return createContext({ db, fitJobs, req: opts.req });
  return createContext({ db, fitJobs, headers: new Headers(await requestHeaders()) });
}
