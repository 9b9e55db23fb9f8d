import { api, getDatabase } from "~/server/api";

export const dynamic = "force-dynamic";

/** better-auth's endpoints (sign-up, sign-in, sign-out, session) under /api/auth/*, with Secure cookies over https only. */
const handler = async (request: Request): Promise<Response> => (await api.getAuth(await getDatabase(), api.requestTransport(request))).handler(request);

export { handler as GET, handler as POST };
