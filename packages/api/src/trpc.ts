/**
 * tRPC setup, in three parts:
 * 1. the context every procedure receives (the database; later the signed-in user or API token),
 * 2. initTRPC with superjson (dates survive the wire) and an error formatter that names the bad field,
 * 3. the procedure builders routers use.
 */
import { initTRPC } from "@trpc/server";
import type { Database } from "@scalecast/db";
import superjson from "superjson";
import { ZodError } from "zod";
import { AppError, toTRPCError } from "./errors";

// 1. Context
export interface Context {
  db: Database;
}

export function createContext(db: Database): Context {
  return { db };
}

// 2. Initialisation
const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter: ({ shape, error }) => ({
    ...shape,
    data: {
      ...shape.data,
      fieldErrors: error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path.join("."), message: i.message })) : null,
    },
  }),
});

// 3. Procedures
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) throw toTRPCError(result.error.cause);
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapAppErrors);
