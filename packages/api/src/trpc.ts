/**
 * tRPC setup, in three parts:
 * 1. the context every procedure receives: the process's services (database, fit worker pool, and the fit
 *    queue writes enqueue into) and who is calling (`actor`: a signed-in user with their memberships, a
 *    team's API token, or null),
 * 2. initTRPC with the shared transformer (superjson: dates survive the wire) and an error formatter that names the bad field,
 * 3. the procedure builders routers use, and the access checks services and routers call.
 */
import { initTRPC } from "@trpc/server";
import { ZodError } from "zod";
import { AppError, toTRPCError, toUnexpectedError } from "./errors";
import { queueRefit } from "./jobs/fit-queue";
import type { Actor, SignedInActor } from "./services/access/actor";
import { SIGN_IN_MESSAGE } from "./services/access/assert-access";
import { assertSameOriginWrite, type WriteRequest } from "./services/access/assert-same-origin-write";
import { resolveActor } from "./services/access/resolve-actor";
import type { AppServices } from "./services/system/app-services";
import { transformer } from "./transformer";
import { describeBadInput, findUnstorableText, issuesFromZod } from "./validation";

// 1. Context
export interface Context extends AppServices {
  actor: Actor;
}

/**
 * The context of one request: resolves an `Authorization: Bearer` API token (401 when unknown or
 * revoked) or a better-auth session cookie from the headers (of `req`, else `headers`). Without
 * headers the caller is anonymous. An HTTP request (`req`) written by session cookie must come from this
 * server's pages (assertSameOriginWrite: 415/403 otherwise).
 */
export async function createContext({ db, pool, fitJobs, headers, req }: AppServices & { headers?: Headers; req?: WriteRequest }): Promise<Context> {
  try {
    const from = req?.headers ?? headers;
    const actor = from ? await resolveActor(db, from) : null;
    if (req && actor?.kind === "user") assertSameOriginWrite(req);
    return { db, pool, fitJobs, actor };
  } catch (error) {
    throw error instanceof AppError ? toTRPCError(error) : toUnexpectedError(error, "resolving the caller");
  }
}

// 2. Initialisation (the wire format: superjson, cached reads sent as columnar text; see transformer.ts)
const t = initTRPC.context<Context>().create({
  transformer,
  errorFormatter: ({ shape, error }) => {
    const issues = error.cause instanceof ZodError ? issuesFromZod(error.cause) : error.cause instanceof AppError ? error.cause.issues : [];
    return {
      ...shape,
      // Zod's own message is a JSON dump; say which field (and which row of a batch) is wrong instead.
      message: error.cause instanceof ZodError && error.code === "BAD_REQUEST" ? describeBadInput(issues) : shape.message,
      data: { ...shape.data, fieldErrors: issues.length > 0 ? issues : null },
    };
  },
});

// 3. Procedures
const mapAppErrors = t.middleware(async ({ next, path, type }) => {
  const result = await next();
  if (result.ok) return result;
  const { cause, code } = result.error;
  if (cause instanceof AppError) throw toTRPCError(cause);
  // Not the caller's doing: a generic message (the database is down, or a bug); the details go to the log.
  if (code === "INTERNAL_SERVER_ERROR") throw toUnexpectedError(cause ?? result.error, `${type} ${path}`);
  // Bad input: the same readable message in-process (createCaller) as over HTTP.
  if (code === "BAD_REQUEST" && cause instanceof ZodError) {
    const issues = issuesFromZod(cause);
    throw toTRPCError(new AppError("BAD_REQUEST", describeBadInput(issues), issues));
  }
  return result;
});

/** Text the database cannot store (NUL, lone surrogates), anywhere in the input: 400 naming the field. */
const rejectUnstorableText = t.middleware(async ({ getRawInput, next }) => {
  const issues = findUnstorableText(await getRawInput());
  if (issues.length > 0) throw new AppError("BAD_REQUEST", describeBadInput(issues), issues);
  return next();
});

const requireActor = t.middleware(({ ctx, next }) => {
  if (!ctx.actor) throw new AppError("UNAUTHORIZED", SIGN_IN_MESSAGE);
  return next({ ctx: { ...ctx, actor: ctx.actor satisfies SignedInActor } });
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(mapAppErrors).use(rejectUnstorableText);
/** Any caller: a signed-in user or an API token (401 "sign in to use Scalecast" otherwise). */
export const protectedProcedure = publicProcedure.use(requireActor);

/**
 * A write that changes a sweep's runs or how they are fitted (its input names the sweep by `sweepId`): once
 * it succeeded, the sweep's default-law fit is queued (queueRefit); the answer does not wait for the fit.
 */
export const sweepWriteProcedure = protectedProcedure.use(async ({ ctx, next, getRawInput }) => {
  const result = await next();
  if (result.ok) await queueRefit(ctx.fitJobs, ((await getRawInput()) as { sweepId: string }).sweepId);
  return result;
});

export { assertCanWrite, assertOwner } from "./services/access/assert-access";
