/**
 * Sign-in: one better-auth instance per open database (email + password, sessions in the database
 * through better-auth's Prisma adapter). No password hashing or session crypto of our own.
 *
 * The signing secret comes from BETTER_AUTH_SECRET when set; otherwise one is generated on the first
 * start and kept in the database (Setting "auth.secret"), so every replica of the stateless web tier
 * and every restart accept the same session cookies.
 */
import { randomBytes } from "node:crypto";
import type { Database } from "@scalecast/db";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";

/** Minimum password length for new accounts (better-auth's own check; the CLI and sign-up use it). */
export const MIN_PASSWORD_LENGTH = 8;

const SECRET_SETTING = "auth.secret";

function buildAuth(db: Database, secret: string, baseURL: string | undefined) {
  return betterAuth({
    database: prismaAdapter(db.prisma, { provider: "postgresql" }),
    secret,
    // Without a configured URL the origin of each request is used (same-origin check on sign-in).
    ...(baseURL ? { baseURL } : {}),
    basePath: "/api/auth",
    emailAndPassword: { enabled: true, minPasswordLength: MIN_PASSWORD_LENGTH, autoSignIn: true },
    session: { cookieCache: { enabled: false } },
    telemetry: { enabled: false },
    logger: { level: "error" },
  });
}

export type Auth = ReturnType<typeof buildAuth>;

const instances = new WeakMap<Database, Promise<Auth>>();

/**
 * The better-auth instance for `db` (created once per database and reused).
 * `env` supplies BETTER_AUTH_SECRET and BETTER_AUTH_URL (both optional).
 */
export function getAuth(db: Database, env: Record<string, string | undefined> = process.env): Promise<Auth> {
  let auth = instances.get(db);
  if (!auth) {
    auth = (async () => buildAuth(db, env.BETTER_AUTH_SECRET || (await storedSecret(db)), env.BETTER_AUTH_URL || undefined))();
    auth.catch(() => instances.delete(db));
    instances.set(db, auth);
  }
  return auth;
}

/** The database's sign-in secret, created on first use; concurrent first starts agree on one. */
async function storedSecret(db: Database): Promise<string> {
  const existing = await db.prisma.setting.findUnique({ where: { key: SECRET_SETTING } });
  if (existing) return existing.value;
  await db.prisma.setting.createMany({
    data: [{ key: SECRET_SETTING, value: randomBytes(32).toString("base64url") }],
    skipDuplicates: true,
  });
  const created = await db.prisma.setting.findUniqueOrThrow({ where: { key: SECRET_SETTING } });
  return created.value;
}
