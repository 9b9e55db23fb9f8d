import { handleSweepGet } from "@scalecast/api";
import { getDatabase } from "~/server/database";

export const dynamic = "force-dynamic";

/** GET /api/v1/sweeps?sweepId=… (or methodology=…&sweep=…): the sweep's axes and metric, for clients. */
export async function GET(request: Request): Promise<Response> {
  return handleSweepGet(await getDatabase(), request);
}
