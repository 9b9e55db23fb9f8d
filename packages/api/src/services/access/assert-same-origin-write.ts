import { AppError } from "../../errors";

/** Methods a browser sends cross-site without asking first, and that change nothing here. */
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The request parts the check reads (a fetch Request has them all). */
export interface WriteRequest {
  method: string;
  url: string;
  headers: Headers;
}

/**
 * Refuses a write signed in by a session cookie unless it is JSON from this server's own pages. A browser
 * attaches the cookie to a form another site (or another port of the same host: same-site) posts here,
 * but such a form can only send text/plain, urlencoded or multipart bodies, and the browser names the
 * posting page in Origin. So: Content-Type application/json (415 otherwise) and an Origin whose host is
 * this request's host, as the Host or X-Forwarded-Host header says (403 otherwise). API tokens are not
 * sent by browsers on their own and are not checked. Reads (GET, HEAD) pass.
 */
export function assertSameOriginWrite(request: WriteRequest): void {
  if (READ_METHODS.has(request.method.toUpperCase())) return;
  const useToken = 'scripts send an API token instead ("Authorization: Bearer <token>")';
  const contentType = request.headers.get("content-type");
  const mediaType = contentType?.split(";", 1)[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") {
    const got = contentType ? `"${contentType}"` : "none";
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `a write signed in with a session cookie must send Content-Type: application/json (got ${got}); ${useToken}`);
  }
  const origin = request.headers.get("origin");
  if (origin === null) throw new AppError("FORBIDDEN", `a write signed in with a session cookie must carry an Origin header (browsers send it); ${useToken}`);
  const hosts = [request.headers.get("host") ?? new URL(request.url).host, request.headers.get("x-forwarded-host")];
  const from = hostOf(origin);
  if (from === null || !hosts.includes(from)) {
    throw new AppError("FORBIDDEN", `cross-site write refused: Origin ${origin} is not this server (${hosts[0]}); sign in on this server's own pages, or ${useToken}`);
  }
}

/** The host (with port) of an Origin header, or null for "null" and anything that is not a URL. */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
