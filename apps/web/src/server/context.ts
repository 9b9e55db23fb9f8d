import "server-only";
import type { Context } from "@scalecast/api";
import { headers as requestHeaders } from "next/headers";
import { api } from "./api";

/**
 * The tRPC context for a request: the process's services (database, fit worker pool, fit queue) and who is
 * calling (session cookie or `Authorization: Bearer` API token). Route handlers pass their request (a write
 * by session cookie must come from this server's pages); server components read the incoming request's headers.
 */
export async function createRequestContext(opts?: { req?: Request }): Promise<Context> {
  const services = await api.getAppServices();
  if (opts?.req) return api.createContext({ ...services, req: opts.req });
  return api.createContext({ ...services, headers: new Headers(await requestHeaders()) });
}
