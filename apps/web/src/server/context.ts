import "server-only";
import { createContext, type Context } from "@scalecast/api";
import { getDatabase } from "./database";

/** The tRPC context for a request: the process's database (later also the session or API token). */
export async function createRequestContext(): Promise<Context> {
  return createContext(await getDatabase());
}
