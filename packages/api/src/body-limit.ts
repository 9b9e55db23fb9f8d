import { AppError } from "./errors";
import { MAX_REQUEST_BYTES } from "./limits";

/** What a caller whose request body is over MAX_REQUEST_BYTES is told (tRPC and REST alike). */
export const BODY_TOO_LARGE = `the request body is larger than ${MAX_REQUEST_BYTES / 1024 / 1024} MB; send fewer runs per request`;

/**
 * `request` with its body held to MAX_REQUEST_BYTES, for handlers that read the body themselves (tRPC's
 * fetch adapter, which reads any size): reading a body that declares more (Content-Length) fails at once,
 * and one that streams more (chunked) fails as soon as it passes the limit, both with AppError
 * PAYLOAD_TOO_LARGE; nothing past the limit is read. The REST API's node:http reader does the same.
 */
export function limitRequestBody(request: Request): Request {
  if (!request.body) return request;
  const declared = Number(request.headers.get("content-length") ?? 0);
  const source = request.body.getReader();
  let size = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (declared > MAX_REQUEST_BYTES) controller.error(new AppError("PAYLOAD_TOO_LARGE", BODY_TOO_LARGE));
    },
    async pull(controller) {
      const { done, value } = await source.read();
      if (done) return controller.close();
      size += value.byteLength;
      if (size > MAX_REQUEST_BYTES) return controller.error(new AppError("PAYLOAD_TOO_LARGE", BODY_TOO_LARGE));
      controller.enqueue(value);
    },
  });
  return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal, duplex: "half" } as RequestInit);
}
