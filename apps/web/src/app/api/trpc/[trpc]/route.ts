import { appRouter } from "@scalecast/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext } from "~/server/context";

export const dynamic = "force-dynamic";

const handler = (request: Request) =>
  fetchRequestHandler({ endpoint: "/api/trpc", req: request, router: appRouter, createContext: createRequestContext });

export { handler as GET, handler as POST };
