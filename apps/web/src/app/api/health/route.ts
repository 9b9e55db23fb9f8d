import { checkHealth } from "@scalecast/api";
import { getDatabase } from "~/server/database";

export const dynamic = "force-dynamic";

/** GET /api/health → {"status":"ok","db":"pglite"|"postgres","migrations":"up-to-date"}; 503 when the database fails. */
export async function GET(): Promise<Response> {
  try {
    return Response.json(await checkHealth(await getDatabase()));
  } catch (error) {
    return Response.json({ status: "error", error: (error as Error).message }, { status: 503 });
  }
}
