import { afterAll, beforeAll } from "vitest";
import type { Database } from "@scalecast/db";
import type { TestDatabaseTarget } from "@scalecast/db/testing";
import { appRouter, createCallerFactory, getAuth, type Actor, type Context } from "../src";
import { openFitQueue, type FitJobs, type FitQueue } from "../src/jobs/fit-queue";
import { generateApiTokenSecret, hashApiToken } from "../src/services/access/api-token-secret";
import { asOperator } from "../src/services/access/sign-up-policy";
import type { AppServices } from "../src/services/system/app-services";
import { runFitJob, unsettledFitJobs, type FitJobKey } from "../src/services/fit/fit-state";
import { createTaskPool, type TaskPool } from "../src/workers/pool";

const createCaller = createCallerFactory(appRouter);

const fitQueues = new WeakMap<Database, Promise<FitQueue>>();

/**
 * Writers' fit queue on `db`, started on first use without maintenance (no background work: nothing to
 * stop). Jobs stay queued until a test starts a worker on the database.
 */
export function fitJobsFor(db: Database): FitJobs {
  const queue = () => {
    let opened = fitQueues.get(db);
    if (!opened) fitQueues.set(db, (opened = openFitQueue(db, { maintain: false })));
    return opened;
  };
  return {
    enqueue: async (keys) => (await queue()).enqueue(keys),
    refitSweeps: async (sweepIds) => (await queue()).refitSweeps(sweepIds),
  };
}

/** The test file's fit worker pool (a server process has one; see getAppServices). */
export const testPool = createTaskPool();

/** What a server process gives every request, on `db`: the test file's pool and the database's fit queue. */
export function testServices(db: Database, pool: TaskPool = testPool): AppServices {
  return { db, pool, fitJobs: fitJobsFor(db) };
}

/** A caller acting as `actor` (null: anonymous) on `db`, running its tasks in `pool`. */
export function callerFor(db: Database, actor: Actor, pool: TaskPool = testPool) {
  const ctx: Context = { ...testServices(db, pool), actor };
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
export async function memberCaller(db: Database, teamId: string, label = "member", pool: TaskPool = testPool) {
  const user = { id: unique(label), email: `${unique(label)}@example.com`, name: label };
  await db.prisma.user.create({ data: user });
  return callerFor(db, userActor(user, [{ teamId, role: "member" }]), pool);
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

/**
 * A pool whose tasks receive no input: how a bug in the code that builds a task's input shows up inside the
 * task (a TypeError in a worker thread, not core's InputError).
 */
export function poolWithBrokenInput(pool: TaskPool): TaskPool {
  return { mode: pool.mode, size: pool.size, run: (name, _input, key) => pool.run(name, null as never, key), close: () => pool.close() };
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
