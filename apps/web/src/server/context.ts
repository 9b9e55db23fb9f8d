import "server-only";
import { createContext, type Context } from "@scalecast/api";
import { headers as requestHeaders } from "next/headers";
import { getDatabase } from "./database";

/**
 * The tRPC context for a request: the process's database and who is calling (session cookie or
 * `Authorization: Bearer` API token). Route handlers pass their request (a write by session cookie must
 * come from this server's pages); server components read the incoming request's headers.
 */
export async function createRequestContext(opts?: { req?: Request }): Promise<Context> {
  if (opts?.req) return createContext({ db: await getDatabase(), req: opts.req });
  return createContext({ db: await getDatabase(), headers: new Headers(await requestHeaders()) });
}
