import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { PrismaConfig } from "prisma";

/**
 * Prisma CLI configuration. The JS engine and a driver adapter keep `prisma generate` and
 * `prisma migrate dev` offline (no native engine download). The CLI works on an in-memory PGlite
 * database; the application applies prisma/migrations itself (packages/db/src/migrate.ts).
 */
export default {
  schema: "prisma/schema.prisma",
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => new PrismaPGlite(new PGlite()),
} as PrismaConfig;
