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
import { signUpHooks } from "./services/access/sign-up-policy";

/** Minimum password length for new accounts (better-auth's own check; the CLI and sign-up use it). */
export const MIN_PASSWORD_LENGTH = 8;

const SECRET_SETTING = "auth.secret";

function buildAuth(db: Database, secret: string, baseURL: string | undefined) {
  return betterAuth({
    database: prismaAdapter(db.prisma, { provider: "postgresql" }),
    secret,
    ...(baseURL ? { baseURL } : {}),
    trustedOrigins: (request) => [sameOrigin(request)],
    basePath: "/api/auth",
    emailAndPassword: { enabled: true, minPasswordLength: MIN_PASSWORD_LENGTH, autoSignIn: true },
    // Who may sign up (services/access/sign-up-policy.ts).
    databaseHooks: signUpHooks(db),
    session: { cookieCache: { enabled: false } },
    telemetry: { enabled: false },
    logger: { level: "error" },
  });
}

/**
 * The origin a request was addressed to. A self-hosted server is reached by many names (localhost, its
 * address, its DNS name, a proxy's name); a browser posting from a page of that same origin is trusted,
 * while a page of another site sends its own Origin and is refused (better-auth's CSRF check).
 */
function sameOrigin(request: Request | undefined): string | undefined {
  const host = request?.headers.get("x-forwarded-host") ?? request?.headers.get("host");
  if (!request || !host) return undefined;
  const protocol = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(/:$/, "");
  return `${protocol}://${host}`;
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
