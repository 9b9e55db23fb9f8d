/**
 * A problem that stops the database from opening (bad URL, unreachable server, locked or unusable
 * data folder, failed migration). Its message is one line meant for the person starting the app.
 */
export class DatabaseStartError extends Error {
  override readonly name = "DatabaseStartError";
}

/**
 * Whether a Prisma error is a unique-constraint violation. The pg adapter reports it as P2002; the
 * PGlite adapter passes Postgres' SQLSTATE 23505 through as the error's cause. Callers use this one test.
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.code === "P2002" || e?.cause?.code === "23505";
}
