/**
 * Sign-in: better-auth (email + password, sessions in the database through better-auth's Prisma
 * adapter). No password hashing or session crypto of our own.
 *
 * Each open database has two instances that differ only in their cookies: requests over https get
 * `__Secure-` cookies marked Secure, requests over plain http (a teammate opening
 * `http://10.0.0.5:3000`) get plain ones, which a browser keeps there while it drops Secure ones.
 * better-auth fixes a cookie's name and Secure flag per instance, hence two instances sharing one
 * database, secret and rate-limit table.
 *
 * The signing secret comes from BETTER_AUTH_SECRET when set; otherwise one is generated on the first
 * start and kept in the database (Setting "auth.secret"), so every replica of the stateless web tier
 * and every restart accept the same session cookies.
 */
import { randomBytes } from "node:crypto";
import type { Database } from "@scalecast/db";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { parseCookies, SECURE_COOKIE_PREFIX } from "better-auth/cookies";
import { signUpHooks } from "./services/access/sign-up-policy";

/** Minimum password length for new accounts (better-auth's own check; the CLI and sign-up use it). */
export const MIN_PASSWORD_LENGTH = 8;

const SECRET_SETTING = "auth.secret";

/** How the server received a request: over TLS (directly or through a trusted proxy) or plain http. */
export type Transport = "https" | "http";

interface AuthSettings {
  secret: string;
  baseURL: string | undefined;
  /** Sign-in attempts limited per client address (3 per 10 s on sign-in and sign-up, better-auth's rules). */
  rateLimit: boolean;
}

function buildAuth(db: Database, settings: AuthSettings, transport: Transport) {
  const { secret, baseURL } = settings;
  return betterAuth({
    database: prismaAdapter(db.prisma, { provider: "postgresql" }),
    secret,
    ...(baseURL ? { baseURL } : {}),
    trustedOrigins: (request) => sameOrigins(request),
    basePath: "/api/auth",
    emailAndPassword: { enabled: true, minPasswordLength: MIN_PASSWORD_LENGTH, autoSignIn: true },
    // Who may sign up (services/access/sign-up-policy.ts).
    databaseHooks: signUpHooks(db),
    session: { cookieCache: { enabled: false } },
    telemetry: { enabled: false },
    logger: { level: "error" },
    advanced: {
      useSecureCookies: transport === "https",
      // better-auth skips its origin check when TEST is set (as test runners do): keep it on everywhere.
      disableOriginCheck: false,
      // The app's HTTP server replaces X-Forwarded-For with the one client address it resolved
      // (socket address, or what a trusted proxy forwarded): see http/forwarded-headers.ts.
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
    },
    // In the database, so every replica counts the same attempts.
    rateLimit: { enabled: settings.rateLimit, storage: "database" },
  });
}

/**
 * The origins a request was addressed to: its host over http and https. A self-hosted server is reached by
 * many names (localhost, its address, its DNS name, a proxy's name); a browser posting from a page of that
 * same host is trusted, while a page of another site sends its own Origin and is refused (better-auth's
 * CSRF check). Both schemes count: behind a TLS proxy not listed in SCALECAST_TRUSTED_PROXIES the browser
 * says https while this server sees http, and either way the page is this server's own (the same rule as
 * writes by session cookie, assertSameOriginWrite, which compares hosts).
 */
function sameOrigins(request: Request | undefined): string[] {
  const host = request?.headers.get("x-forwarded-host") ?? request?.headers.get("host");
  return host ? [`http://${host}`, `https://${host}`] : [];
}

export type Auth = ReturnType<typeof buildAuth>;

const instances = new WeakMap<Database, Promise<Record<Transport, Auth>>>();

/**
 * The better-auth instance for `db` and requests over `transport` (both created once per database and
 * reused). `env` supplies BETTER_AUTH_SECRET and BETTER_AUTH_URL (both optional); rate limiting is on
 * when NODE_ENV is production (`npm start`), off in development and unit tests, which sign in more
 * often than 3 times in 10 s.
 */
export async function getAuth(db: Database, transport: Transport = "http", env: Record<string, string | undefined> = process.env): Promise<Auth> {
  let pair = instances.get(db);
  if (!pair) {
    pair = (async () => {
      const settings: AuthSettings = {
        secret: env.BETTER_AUTH_SECRET || (await storedSecret(db)),
        baseURL: env.BETTER_AUTH_URL || undefined,
        rateLimit: env.NODE_ENV === "production",
      };
      return { https: buildAuth(db, settings, "https"), http: buildAuth(db, settings, "http") };
    })();
    pair.catch(() => instances.delete(db));
    instances.set(db, pair);
  }
  return (await pair)[transport];
}

/**
 * How a request reached the server. The app's HTTP server sets X-Forwarded-Proto on every request it
 * passes on (from the socket, or from a trusted proxy); without it the request URL's scheme counts.
 */
export function requestTransport(request: Request): Transport {
  const forwarded = request.headers.get("x-forwarded-proto");
  return (forwarded ?? new URL(request.url).protocol.replace(/:$/, "")) === "https" ? "https" : "http";
}

/** The instance whose session cookie a request carries: a `__Secure-` one was set over https. */
export function cookieTransport(headers: Headers): Transport {
  const cookies = parseCookies(headers.get("cookie") ?? "");
  return [...cookies.keys()].some((name) => name.startsWith(SECURE_COOKIE_PREFIX)) ? "https" : "http";
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
