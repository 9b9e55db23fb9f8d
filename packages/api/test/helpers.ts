import { afterAll, beforeAll } from "vitest";
import type { Database } from "@scalecast/db";
import type { TestDatabaseTarget } from "@scalecast/db/testing";
import { appRouter, createCallerFactory, getAuth, type Actor, type Context } from "../src";
import { generateApiTokenSecret, hashApiToken } from "../src/services/access/api-token-secret";
import { asOperator } from "../src/services/access/sign-up-policy";
import { runFitJob, unsettledFitJobs, type FitJobKey } from "../src/services/fit/fit-state";
import { createTaskPool, type TaskPool } from "../src/workers/pool";

const createCaller = createCallerFactory(appRouter);

/** A caller acting as `actor` (null: anonymous) on `db`. */
export function callerFor(db: Database, actor: Actor) {
  const ctx: Context = { db, actor };
  return createCaller(ctx);
}

/**
 * Opens the target's database before the suite's tests, then hands it to `opened` (to keep it and build
 * fixtures), and closes it after them.
 */
export function openForSuite(target: TestDatabaseTarget, opened: (db: Database) => unknown): void {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await target.open();
    await opened(db);
  });
  afterAll(async () => {
    await db?.close();
  });
}

let counter = 0;
/** A unique suffix for names within one test database. */
export function unique(label: string): string {
  counter += 1;
  return `${label}-${process.pid}-${counter}`;
}

/**
 * Signs a new user up through better-auth and returns the user and the session cookie header. Fixtures are
 * made as the server's operator (like `scalecast users create`), so the sign-up policy does not apply.
 */
export async function signUp(db: Database, email: string, password = "correct horse battery", name = "Test User") {
  const auth = await getAuth(db);
  const response = await asOperator(() => auth.api.signUpEmail({ body: { email, password, name }, asResponse: true }));
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

/** A caller for a new user (named `label`) who is a member of `teamId`. */
export async function memberCaller(db: Database, teamId: string, label = "member") {
  const user = { id: unique(label), email: `${unique(label)}@example.com`, name: label };
  await db.prisma.user.create({ data: user });
  return callerFor(db, userActor(user, [{ teamId, role: "member" }]));
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

/**
 * The same database, except that while `hold()` is in effect every raw query's answer (the query itself has
 * run) is kept back until `release()`: a way to have a read in flight while something else changes the data.
 */
export function heldDatabase(db: Database) {
  let release = () => {};
  let gate = Promise.resolve();
  const held: Database = {
    ...db,
    sql: {
      ...db.sql,
      query: async (sql, params) => {
        const rows = await db.sql.query(sql, params);
        await gate;
        return rows as never;
      },
    },
  };
  return {
    db: held,
    hold: () => {
      gate = new Promise<void>((resolve) => (release = resolve));
    },
    release: () => {
      release();
      gate = Promise.resolve();
    },
  };
}

const jobPool = createTaskPool({ size: 0 });

/**
 * Stands for "the fit worker caught up": runs every default-law fit job that no finished job covers
 * (unsettledFitJobs) through the job body, in process. Reads only read, so a test that writes runs and then
 * reads a fit runs this in between. `sweepId` limits it to one sweep's job. Returns the keys it ran.
 */
export async function runPendingFitJobs(db: Database, options: { sweepId?: string; pool?: TaskPool } = {}): Promise<FitJobKey[]> {
  const keys = (await unsettledFitJobs(db)).filter((key) => options.sweepId === undefined || key.sweepId === options.sweepId);
  for (const key of keys) await runFitJob(db, options.pool ?? jobPool, key);
  return keys;
}
