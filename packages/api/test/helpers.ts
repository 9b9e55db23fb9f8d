import type { Database } from "@scalecast/db";
import { appRouter, createCallerFactory, getAuth, type Actor, type Context } from "../src";
import { generateApiTokenSecret, hashApiToken } from "../src/services/access/api-token-secret";

const createCaller = createCallerFactory(appRouter);

/** A caller acting as `actor` (null: anonymous) on `db`. */
export function callerFor(db: Database, actor: Actor) {
  const ctx: Context = { db, actor };
  return createCaller(ctx);
}

let counter = 0;
/** A unique suffix for names within one test database. */
export function unique(label: string): string {
  counter += 1;
  return `${label}-${process.pid}-${counter}`;
}

/** Signs a new user up through better-auth and returns the user and the session cookie header. */
export async function signUp(db: Database, email: string, password = "correct horse battery", name = "Test User") {
  const auth = await getAuth(db);
  const response = await auth.api.signUpEmail({ body: { email, password, name }, asResponse: true });
  if (!response.ok) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.getSetCookie?.() ?? [response.headers.get("set-cookie") ?? ""])
    .map((c) => c.split(";")[0])
    .join("; ");
  const { user } = (await response.json()) as { user: { id: string; email: string; name: string } };
  return { user, cookie };
}

/** A team with `owner` (and optional members) and everything needed to build actors for it. */
export async function createTeamFixture(db: Database, label = "team") {
  const slug = unique(label).toLowerCase();
  const team = await db.prisma.team.create({ data: { slug, name: `Team ${slug}` } });
  return team;
}

export function userActor(user: { id: string; email: string; name: string }, memberships: { teamId: string; role: "owner" | "member" }[]): Actor {
  return { kind: "user", user, memberships };
}

/** Writes an API token for `teamId` directly (the token service is tested on its own) and returns its secret. */
export async function insertToken(db: Database, teamId: string, options: { revoked?: boolean } = {}) {
  const secret = generateApiTokenSecret();
  const token = await db.prisma.apiToken.create({
    data: {
      name: "test",
      prefix: secret.slice(0, 11),
      tokenHash: hashApiToken(secret),
      teamId,
      revokedAt: options.revoked ? new Date() : null,
    },
  });
  return { secret, token };
}
