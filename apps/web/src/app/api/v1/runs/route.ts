import { handleRunsPost } from "@scalecast/api";
import { getDatabase } from "~/server/database";

export const dynamic = "force-dynamic";

/** POST /api/v1/runs: one run or {runs: [...]} from a training script (Authorization: Bearer <API token>). */
export async function POST(request: Request): Promise<Response> {
  return handleRunsPost(await getDatabase(), request);
}
