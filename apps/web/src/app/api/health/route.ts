import { api, getDatabase } from "~/server/api";

export const dynamic = "force-dynamic";

/**
 * GET /api/health → {"status":"ok","db":"pglite"|"postgres","migrations":"up-to-date"}; 503
 * {"status":"error","error":"database unavailable"} when the database fails. Anyone may ask, so the
 * driver's message (it names the database host) goes to the server log only.
 */
export async function GET(): Promise<Response> {
  try {
    return Response.json(await api.checkHealth(await getDatabase()));
  } catch (error) {
    console.error("scalecast: health check failed:", error);
    return Response.json({ status: "error", error: api.DATABASE_UNAVAILABLE }, { status: 503 });
  }
}
