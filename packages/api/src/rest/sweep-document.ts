/**
 * GET /api/v1/sweeps/{sweepId}: a sweep with its runs and latest fit as one JSON document, for notebooks,
 * scripts and the dashboard's sweep page (any signed-in user or API token may read any team's sweeps).
 *   200 {"sweep", "methodology", "team", "runs": [{"runKey", "scales", "metrics", "seed", "excluded"}, ...], "fit", "fitStatus"}
 *       ("excluded": null, or {"at", "by", "reason"} for a run left out of fits; "fit": the latest stored fit,
 *       null while none; "fitStatus": {"state": "current" | "refitting" | "fitting" | "failed", "reason"})
 *       gzip-encoded when the client accepts it; an ETag, so a client that sends If-None-Match gets
 *   304 when nothing changed since · 401 no/unknown/revoked token · 404 unknown sweep
 */
import type { Database } from "@scalecast/db";
import { AppError } from "../errors";
import { readSweepDocument } from "../services/sweep/sweep-document";
import { ZId } from "../services/team/team-schemas";
import { requireActor, withErrors } from "./respond";

/** Whether an Accept-Encoding header allows gzip (a `q=0` entry refuses it). */
function acceptsGzip(request: Request): boolean {
  const header = request.headers.get("accept-encoding") ?? "";
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    return (coding === "gzip" || coding === "*") && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });
}

function matchesETag(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (header === null) return false;
  return header.trim() === "*" || header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

export function handleSweepDocumentGet(db: Database, request: Request, sweepId: string): Promise<Response> {
  return withErrors(async () => {
    await requireActor(db, request);
    const id = ZId.safeParse(sweepId);
    if (!id.success) {
      const message = `sweepId: ${id.error.issues[0]!.message}`;
      throw new AppError("BAD_REQUEST", message, [{ path: "sweepId", message }]);
    }
    const document = await readSweepDocument(db, id.data);
    const headers: Record<string, string> = { etag: document.etag, "cache-control": "private, no-cache", vary: "accept-encoding" };
    if (matchesETag(request, document.etag)) return new Response(null, { status: 304, headers });
    headers["content-type"] = "application/json";
    if (!acceptsGzip(request)) return new Response(document.json, { headers });
    return new Response(document.gzip(), { headers: { ...headers, "content-encoding": "gzip" } });
  });
}
