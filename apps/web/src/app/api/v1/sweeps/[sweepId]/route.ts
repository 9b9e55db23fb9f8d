import { handleSweepDocumentGet } from "@scalecast/api";
import { getDatabase } from "~/server/database";

export const dynamic = "force-dynamic";

/** GET /api/v1/sweeps/{sweepId}: the sweep, its runs and latest fit as one JSON document (ETag; gzip by Next's own compression). */
export async function GET(request: Request, { params }: { params: Promise<{ sweepId: string }> }): Promise<Response> {
  return handleSweepDocumentGet(await getDatabase(), request, (await params).sweepId, { gzip: false });
}
