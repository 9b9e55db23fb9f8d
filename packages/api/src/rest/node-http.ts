import type { IncomingMessage, ServerResponse } from "node:http";
import { BODY_TOO_LARGE } from "../body-limit";
import { MAX_REQUEST_BYTES } from "../limits";
import { errorResponse } from "./respond";

/** The body of a request, or null when it is larger than MAX_REQUEST_BYTES (reading stops there). */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_REQUEST_BYTES) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toFetchRequest(req: IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  const hasBody = body.length > 0 && req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, { method: req.method, headers, body: hasBody ? body : undefined });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") res.setHeader(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Serves one node:http request with a fetch-style handler: the body is read (up to MAX_REQUEST_BYTES,
 * else 413 and the connection is closed), the handler's Response is written back. A handler that throws
 * answers 500 (handlers report their own errors; this is the last guard).
 */
export async function answerNodeRequest(req: IncomingMessage, res: ServerResponse, handle: (request: Request) => Promise<Response>): Promise<void> {
  try {
    const body = await readBody(req);
    if (body === null) {
      res.shouldKeepAlive = false;
      return await writeResponse(res, errorResponse("PAYLOAD_TOO_LARGE", BODY_TOO_LARGE));
    }
    await writeResponse(res, await handle(toFetchRequest(req, body)));
  } catch (error) {
    console.error("scalecast: REST request failed:", error);
    if (!res.headersSent) await writeResponse(res, errorResponse("INTERNAL_SERVER_ERROR", "internal error; the request was not applied"));
    else res.destroy();
  }
}
