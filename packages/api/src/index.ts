import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root";

export { appRouter, type AppRouter } from "./root";
export {
  assertCanWrite,
  assertOwner,
  createCallerFactory,
  createContext,
  protectedProcedure,
  publicProcedure,
  type Context,
} from "./trpc";
export type { Actor, SignedInActor } from "./services/access/actor";
export { getAuth, requestTransport, type Auth, type Transport } from "./auth";
export { createUser, type TCreateUserInput } from "./services/access/create-user";
export { AppError, DATABASE_UNAVAILABLE, type AppErrorCode, type FieldIssue } from "./errors";
export { limitRequestBody } from "./body-limit";
export { ZRunInput, ZIngestResult, MAX_RUNS_PER_BATCH, type TRunInput, type TIngestResult } from "./services/run/run-schemas";
export { checkRuns } from "./services/run/ingest-runs";
export { IMPORT_FORMATS, parseRunFile, type TImportFormat, type ParsedFile } from "./services/import/parse-run-file";
export { openAppDatabase } from "./services/system/open-app-database";
export { getAppDatabase, getAppFitQueue } from "./services/system/app-database";
export { openFitQueue, type FitJobs, type FitQueue } from "./jobs/fit-queue";
export { checkHealth } from "./services/system/check-health";
export { DatabaseStartError, type Database } from "@scalecast/db";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { getTaskPool } from "./workers/pool";
