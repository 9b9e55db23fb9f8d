import "server-only";
import { createContext, type Context } from "@scalecast/api";
import { headers as requestHeaders } from "next/headers";
import { getDatabase } from "./database";

/**
 * The tRPC context for a request: the process's database and who is calling (session cookie or
 * `Authorization: Bearer` API token). Route handlers pass their request; server components read the
 * incoming request's headers.
 */
export async function createRequestContext(opts?: { req?: Request }): Promise<Context> {
  const headers = opts?.req ? opts.req.headers : new Headers(await requestHeaders());
  return createContext({ db: await getDatabase(), headers });
}
