/**
 * The "fit" job queue: pg-boss on the app's own database (PGlite or a PostgreSQL server alike), its tables
 * created by our migrations (prisma/migrations/*_fit_queue), so starting it is two cheap queries.
 *
 * Writers enqueue through FitJobs (the tRPC context's `fitJobs`, the REST handler's argument); workers
 * (fit-worker.ts) work the same queue. A job is keyed by its FitJobKey: the queue's "short" policy keeps at
 * most one queued job per key, so a burst of writes to one sweep queues one job while another may run (a
 * worker defers a job whose key is already running: one computation per key at a time). A job is retried
 * with exponential backoff and expires (then is retried) after `expireInSeconds`, e.g. when its worker was
 * killed.
 */
import { DatabaseStartError, type Database } from "@scalecast/db";
import PgBoss from "pg-boss";
import type { FitJobKey } from "../services/fit/fit-state";

export const FIT_QUEUE = "fit";

/** How fit jobs are retried and when a job whose worker went silent is given up and retried. */
export interface FitJobOptions {
  /** Retries after the first attempt (then settleFitFailure). */
  retryLimit: number;
  /** The first retry's delay; each next one doubles it (with jitter). */
  retryDelaySeconds: number;
  /** An active job older than this is failed (and retried) by the queue's maintenance. */
  expireInSeconds: number;
  /** How often an idle worker looks for jobs (a job enqueued in the same process wakes it at once). */
  pollingIntervalSeconds: number;
  /** How often the queue's maintenance (expiry, archiving) runs; one process does it per interval. */
  maintenanceIntervalSeconds: number;
  /** How often a worker queues the sweeps no finished job covers (writes whose job could not be queued). */
  reconcileIntervalSeconds: number;
}

export const DEFAULT_FIT_JOB_OPTIONS: FitJobOptions = {
  retryLimit: 3,
  retryDelaySeconds: 5,
  expireInSeconds: 600,
  // pg-boss 10 has no cross-process wake-up: a worker of another process sees a job within one interval.
  pollingIntervalSeconds: 0.5,
  maintenanceIntervalSeconds: 30,
  reconcileIntervalSeconds: 60,
};

/**
 * The options set by the environment: SCALECAST_FIT_JOB_TIMEOUT (seconds a job may run before it is
 * retried elsewhere; set where jobs are enqueued, i.e. on web replicas). Throws DatabaseStartError (a
 * start-up problem, one line) on a value that is not a whole number of seconds (at least 1).
 */
export function fitJobOptionsFromEnv(env: Record<string, string | undefined>): Partial<FitJobOptions> {
  const timeout = env.SCALECAST_FIT_JOB_TIMEOUT;
  if (timeout === undefined) return {};
  if (!/^[1-9]\d*$/.test(timeout)) throw new DatabaseStartError(`SCALECAST_FIT_JOB_TIMEOUT must be a whole number of seconds (at least 1), got "${timeout}"`);
  return { expireInSeconds: Number(timeout) };
}

/** What writers need: a write enqueues the fits it made stale; the response does not wait for them. */
export interface FitJobs {
  /** Queues a job per key (a key already queued is not queued twice); resolves once they are stored. */
  enqueue(keys: readonly FitJobKey[]): Promise<void>;
  /** Queues the default-law fit of each sweep (by its metric); unknown ids are skipped. */
  refitSweeps(sweepIds: readonly string[]): Promise<void>;
}

export interface FitQueue extends FitJobs {
  readonly boss: PgBoss;
  readonly options: FitJobOptions;
  /** Workers of this process to wake when a job is enqueued here (fit-worker.ts registers them). */
  readonly localWorkerIds: Set<string>;
  /** Queues `key` to start in `seconds` (unless a job of it is already queued). */
  defer(key: FitJobKey, seconds: number): Promise<void>;
  /** Whether a job of `key` other than `jobId` is running (in any process). */
  isRunningElsewhere(key: FitJobKey, jobId: string): Promise<boolean>;
  /** Stops the queue: workers finish their jobs (up to `timeoutMs`), then release the rest for a retry. */
  stop(timeoutMs?: number): Promise<void>;
}

/** A job's singleton key: the FitJobKey as JSON (fitStateKey's NUL separator cannot be stored in text). */
export function fitJobSingletonKey(key: FitJobKey): string {
  return JSON.stringify([key.sweepId, key.metric, key.model]);
}

/**
 * pg-boss's database adapter over the database's raw SQL session (the pg pool or PGlite): parametrised
 * statements as queries, and scripts (pg-boss's own BEGIN ... COMMIT blocks) with the rows of every statement.
 */
function bossDatabase(db: Database) {
  return {
    executeSql: async (text: string, values?: unknown[]) => ({
      rows: values && values.length > 0 ? await db.sql.query(text, values) : await db.sql.script(text),
    }),
  };
}

/**
 * Starts the queue on `db` (its tables must exist: run migrations first). `maintain: false` skips the
 * periodic maintenance (a process that only enqueues, like a test's; workers' processes maintain).
 */
export async function openFitQueue(
  db: Database,
  options: Partial<FitJobOptions> & { maintain?: boolean; log?: (line: string) => void } = {},
): Promise<FitQueue> {
  const { maintain = true, log = (line: string) => console.error(`scalecast: ${line}`), ...overrides } = options;
  const jobOptions = { ...DEFAULT_FIT_JOB_OPTIONS, ...overrides };
  const boss = new PgBoss({
    db: bossDatabase(db),
    migrate: false,
    schedule: false,
    supervise: maintain,
    maintenanceIntervalSeconds: jobOptions.maintenanceIntervalSeconds,
  });
  boss.on("error", (error: Error) => log(`job queue: ${error.message}`));
  await boss.start();
  const localWorkerIds = new Set<string>();

  const send = (key: FitJobKey, startAfter?: number) =>
    boss.send(FIT_QUEUE, { ...key }, {
      singletonKey: fitJobSingletonKey(key),
      retryLimit: jobOptions.retryLimit,
      retryDelay: jobOptions.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: jobOptions.expireInSeconds,
      ...(startAfter === undefined ? {} : { startAfter }),
    });
  const enqueue = async (keys: readonly FitJobKey[]) => {
    for (const key of keys) await send(key);
    for (const id of localWorkerIds) boss.notifyWorker(id);
  };

  return {
    boss,
    options: jobOptions,
    localWorkerIds,
    enqueue,
    refitSweeps: async (sweepIds) => {
      if (sweepIds.length === 0) return;
      const sweeps = await db.prisma.sweep.findMany({ where: { id: { in: [...new Set(sweepIds)] } }, select: { id: true, metric: true } });
      await enqueue(sweeps.map((sweep) => ({ sweepId: sweep.id, metric: sweep.metric, model: "" })));
    },
    defer: async (key, seconds) => void (await send(key, seconds)),
    // pg-boss has no lookup by singleton key: its job table (created by our migration) is read directly.
    isRunningElsewhere: async (key, jobId) =>
      (
        await db.sql.query(`SELECT 1 FROM pgboss.job WHERE name = $1 AND singleton_key = $2 AND state = 'active' AND id <> $3::uuid LIMIT 1`, [
          FIT_QUEUE,
          fitJobSingletonKey(key),
          jobId,
        ])
      ).length > 0,
    stop: (timeoutMs = 30_000) => boss.stop({ graceful: true, timeout: timeoutMs, close: false }),
  };
}

/**
 * Queues the default-law fit of the sweep a write changed (queued, not computed). The write has committed
 * by then, so a queue that cannot take the job (the database went away in between) does not turn it into
 * an error the client would retry: the failure is logged, and the workers' periodic look for unsettled
 * sweeps (fit-worker.ts) queues the job instead.
 */
export async function queueRefit(fitJobs: FitJobs, sweepId: string): Promise<void> {
  try {
    await fitJobs.refitSweeps([sweepId]);
  } catch (error) {
    console.error(`scalecast: queuing the refit of sweep ${sweepId} failed; a fit worker's periodic check will queue it:`, error);
  }
}

/** `result`, once queueRefit queued the refit of `sweepId`. */
export async function refitAfter<T>(fitJobs: FitJobs, sweepId: string, result: T): Promise<T> {
  await queueRefit(fitJobs, sweepId);
  return result;
}
