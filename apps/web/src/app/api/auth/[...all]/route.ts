import { getAuth, requestTransport } from "@scalecast/api";
import { getDatabase } from "~/server/database";

export const dynamic = "force-dynamic";

/** better-auth's endpoints (sign-up, sign-in, sign-out, session) under /api/auth/*, with Secure cookies over https only. */
const handler = async (request: Request): Promise<Response> => (await getAuth(await getDatabase(), requestTransport(request))).handler(request);

export { handler as GET, handler as POST };
