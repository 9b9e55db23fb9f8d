import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root";

export { appRouter, type AppRouter } from "./root";
export { createCallerFactory, createContext, type Context } from "./trpc";
export { AppError, type AppErrorCode } from "./errors";
export { openAppDatabase } from "./services/system/open-app-database";
export { checkHealth } from "./services/system/check-health";
export { DatabaseStartError, type Database } from "@scalecast/db";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
