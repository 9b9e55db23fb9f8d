import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@scalecast/db";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { appRouter, createContext, getAuth, limitRequestBody, requestTransport } from "../src";
import { answerNodeRequest, handleRestRequest, isRestPath } from "../src/server";
import { fitJobsFor } from "./helpers";

/** What the app's server does, in one function: /api/v1/* by the REST handler, /api/trpc and /api/auth as Next's routes do. */
export async function handle(db: Database, request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (isRestPath(pathname)) return handleRestRequest({ db, fitJobs: fitJobsFor(db) }, request);
  if (pathname.startsWith("/api/trpc/")) {
    return fetchRequestHandler({
      endpoint: "/api/trpc",
      req: limitRequestBody(request),
      router: appRouter,
      createContext: ({ req }) => createContext({ db, fitJobs: fitJobsFor(db), req }),
    });
  }
  if (pathname.startsWith("/api/auth/")) return (await getAuth(db, requestTransport(request))).handler(request);
  return new Response("not found", { status: 404 });
}

/** A tRPC mutation as a browser (from the app's own page: Origin) or script sends it; returns the status and the decoded body. */
export async function trpcMutation(db: Database, path: string, input: unknown, headers: Record<string, string>) {
  const response = await handle(
    db,
    new Request(`http://scalecast.test/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://scalecast.test", ...headers },
      // Plain JSON in superjson's envelope: what any client may send (superjson's own serializer refuses some keys).
      body: JSON.stringify({ json: input }),
    }),
  );
  const body = (await response.json()) as { result?: { data: unknown }; error?: { json: { message: string; data: { code: string } } } };
  return { status: response.status, data: body.result ? superjson.deserialize(body.result.data as never) : undefined, error: body.error?.json };
}

/** Serves `handle` over real HTTP on a loopback port (Node's http server, fetch Request/Response). */
export async function serve(db: Database): Promise<{ url: string; close(): Promise<void>; server: Server }> {
  const server = createServer((req, res) => void answerNodeRequest(req, res, (request) => handle(db, request)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
