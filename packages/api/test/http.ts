import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@scalecast/db";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { appRouter, createContext, getAuth, handleRunsPost, handleSweepDocumentGet, handleSweepGet } from "../src";

/** What apps/web's route handlers do, in one function: /api/trpc, /api/v1/runs, /api/v1/sweeps[/{id}], /api/auth. */
export async function handle(db: Database, request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname.startsWith("/api/trpc/")) {
    return fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: ({ req }) => createContext({ db, headers: req.headers }),
    });
  }
  if (pathname === "/api/v1/runs" && request.method === "POST") return handleRunsPost(db, request);
  if (pathname === "/api/v1/sweeps" && request.method === "GET") return handleSweepGet(db, request);
  const document = /^\/api\/v1\/sweeps\/([^/]+)$/.exec(pathname);
  if (document && request.method === "GET") return handleSweepDocumentGet(db, request, decodeURIComponent(document[1]!));
  if (pathname.startsWith("/api/auth/")) return (await getAuth(db)).handler(request);
  return new Response("not found", { status: 404 });
}

/** A tRPC mutation as a browser or script sends it; returns the status and the decoded body. */
export async function trpcMutation(db: Database, path: string, input: unknown, headers: Record<string, string>) {
  const response = await handle(
    db,
    new Request(`http://scalecast.test/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      // Plain JSON in superjson's envelope: what any client may send (superjson's own serializer refuses some keys).
      body: JSON.stringify({ json: input }),
    }),
  );
  const body = (await response.json()) as { result?: { data: unknown }; error?: { json: { message: string; data: { code: string } } } };
  return { status: response.status, data: body.result ? superjson.deserialize(body.result.data as never) : undefined, error: body.error?.json };
}

/** Serves `handle` over real HTTP on a loopback port (Node's http server, fetch Request/Response). */
export async function serve(db: Database): Promise<{ url: string; close(): Promise<void>; server: Server }> {
  const server = createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
        else if (value !== undefined) headers.set(key, value);
      }
      const body = chunks.length > 0 && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
      const response = await handle(db, new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body }));
      res.statusCode = response.status;
      response.headers.forEach((value, key) => {
        if (key !== "set-cookie") res.setHeader(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) res.setHeader("set-cookie", cookies);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
