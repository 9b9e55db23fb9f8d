export { openDatabase, type Database } from "./client";
export { DEFAULT_DATA_DIR, describeDatabase, resolveDatabaseConfig, type DatabaseConfig } from "./config";
export { DatabaseStartError, isUniqueViolation } from "./errors";
export { migrate, migrationState, type Migration, type MigrationState } from "./migrate";
export type { SqlQueries, SqlSession } from "./sql";
export { Prisma, PrismaClient } from "./generated/prisma/client";
export type * from "./generated/prisma/models";
export { Direction, Outcome, Role } from "./generated/prisma/enums";
