/**
 * A fit worker: works the "fit" queue with as many jobs at once as the task pool has threads. Each job is
 * runFitJob (fit-state.ts): bad data settles the state as failed and completes the job; any other error
 * fails the attempt, so the queue retries it with backoff, and the last attempt records
 * settleFitFailure (INTERNAL_FIT_FAILURE) before failing for good.
 *
 * One job per key runs at a time, in all processes: a job that finds another of its key running goes back
 * to the queue to start DEFER_SECONDS later (the one running may have read older runs). Two jobs that start
 * together may both defer, never both compute: each checks after it became active.
 */
import type { Database } from "@scalecast/db";
import type { JobWithMetadata } from "pg-boss";
import { runFitJob, settleFitFailure, unsettledFitJobs, type FitJobKey } from "../services/fit/fit-state";
import type { TaskPool } from "../workers/pool";
import { FIT_QUEUE, type FitQueue } from "./fit-queue";

/** How long a job whose key is running elsewhere waits before it is tried again. */
const DEFER_SECONDS = 2;

export interface FitWorker {
  /** Jobs worked at once. */
  readonly concurrency: number;
  /** Stops taking jobs; jobs in hand finish (up to `timeoutMs`) or go back to the queue for a retry. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface FitWorkerOptions {
  db: Database;
  pool: TaskPool;
  queue: FitQueue;
  /** Default: the pool's size (at least 1: an in-process pool still works one job at a time). */
  concurrency?: number;
  log?: (line: string) => void;
}

/**
 * Starts working the queue, after enqueueing the default-law jobs no finished job covers (runs written
 * while no worker ran, e.g. seeded or imported by an older version), and enqueues them again every
 * `reconcileIntervalSeconds` (a write whose job could not be queued, see refitAfter).
 */
export async function startFitWorker({ db, pool, queue, concurrency = Math.max(1, pool.size), log = (line) => console.error(`scalecast: ${line}`) }: FitWorkerOptions): Promise<FitWorker> {
  const reconcile = async () => queue.enqueue(await unsettledFitJobs(db));
  await reconcile();
  const reconciling = setInterval(
    () => void reconcile().catch((error: unknown) => log(`queuing unsettled fits failed (next try in ${queue.options.reconcileIntervalSeconds} s): ${(error as Error).message}`)),
    queue.options.reconcileIntervalSeconds * 1000,
  );
  reconciling.unref();
  const work = async ([job]: JobWithMetadata<FitJobKey>[]) => {
    const key: FitJobKey = { sweepId: job!.data.sweepId, metric: job!.data.metric, model: job!.data.model };
    if (await queue.isRunningElsewhere(key, job!.id)) {
      await queue.defer(key, DEFER_SECONDS);
      return { deferred: true };
    }
    try {
      return await runFitJob(db, pool, key);
    } catch (error) {
      const { retryCount, retryLimit } = job!;
      log(`fit of sweep ${key.sweepId} (${key.metric}${key.model ? `, ${key.model}` : ""}) failed, attempt ${retryCount + 1} of ${retryLimit + 1}: ${(error as Error).stack ?? error}`);
      if (retryCount >= retryLimit) await settleFitFailure(db, key);
      throw error;
    }
  };
  for (let i = 0; i < concurrency; i += 1) {
    const id = await queue.boss.work<FitJobKey>(
      FIT_QUEUE,
      { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: queue.options.pollingIntervalSeconds },
      async (jobs) => {
        try {
          return await work(jobs);
        } finally {
          // pg-boss waits out the rest of the polling interval after every job, found or not; this process's
          // workers look for the next at once instead, so a backlog of short jobs is not paced at one per interval.
          for (const workerId of queue.localWorkerIds) queue.boss.notifyWorker(workerId);
        }
      },
    );
    queue.localWorkerIds.add(id);
  }
  return {
    concurrency,
    stop: (timeoutMs) => {
      clearInterval(reconciling);
      return queue.stop(timeoutMs);
    },
  };
}
