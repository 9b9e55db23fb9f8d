import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { api } from "~/server/api";
import { createRequestContext } from "~/server/context";

export const dynamic = "force-dynamic";

/** tRPC over HTTP; bodies over the API's one size limit are refused (413) without being read. */
const handler = (request: Request) =>
  fetchRequestHandler({ endpoint: "/api/trpc", req: api.limitRequestBody(request), router: api.appRouter, createContext: createRequestContext });

export { handler as GET, handler as POST };
