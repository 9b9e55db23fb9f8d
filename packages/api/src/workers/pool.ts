/**
 * A small pool of worker threads that runs the tasks in ./tasks (fits, bootstraps, backtests, model
 * selection, forecasts and comparisons over draws) off the request thread.
 *
 * Compiled (the server), workers run the package's compiled task-worker; from source (tests, tsx
 * scripts), they run the TypeScript source through tsx's loader. With SCALECAST_FIT_WORKERS=0 the pool
 * runs tasks in-process instead (same code, on the calling thread) and says so in `mode`. Identical tasks
 * in flight are shared (single flight by key).
 *
 * A task that throws core's InputError rejects with TaskError (the core message and kind, a problem with
 * the input); any other failure (a bug) rejects with a plain Error, and a worker that dies rejects its task
 * with a plain Error and is replaced.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { InputError, type InputErrorCode } from "@scalecast/core";
import { runTask, type TaskInput, type TaskName, type TaskOutput } from "./tasks";
import type { TaskReply, TaskRequest } from "./task-worker";

/** A task's own failure: core rejected the input (its InputError, whose kind `code` keeps). */
export class TaskError extends Error {
  override readonly name = "TaskError";
  constructor(
    readonly code: InputErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface TaskPool {
  readonly mode: "workers" | "in-process";
  readonly size: number;
  run<N extends TaskName>(name: N, input: TaskInput<N>, key?: string): Promise<TaskOutput<N>>;
  close(): Promise<void>;
}

interface Pending {
  request: TaskRequest;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

/** Default number of workers: SCALECAST_FIT_WORKERS, else one less than the cores (at least 1, at most 4). */
export function defaultPoolSize(env: Record<string, string | undefined> = process.env): number {
  const configured = env.SCALECAST_FIT_WORKERS;
  if (configured !== undefined && /^\d+$/.test(configured)) return Number(configured);
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** Whether this module runs from its TypeScript source (tests, tsx scripts) rather than compiled. */
const FROM_SOURCE = import.meta.url.endsWith(".ts");

/**
 * A worker thread running the task-worker entry: from source, the TypeScript beside this module through
 * tsx's loader, resolving workspace packages from their source too (the "source" export condition);
 * compiled, the package's compiled entry, plain JavaScript.
 */
function startWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(new URL(import.meta.resolve("@scalecast/api/task-worker")));
  // An eval'd bootstrap registers tsx's loader in the worker, then imports the TypeScript entry
  // (`execArgv: ["--import", "tsx"]` does not reach worker threads on Node 20).
  const entry = new URL("./task-worker.ts", import.meta.url);
  const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, execArgv: [...process.execArgv, "--conditions=source"] });
}

export function createTaskPool(options: { size?: number } = {}): TaskPool {
  const size = options.size ?? defaultPoolSize();
  const inFlight = new Map<string, Promise<unknown>>();
  const share = <T>(key: string | undefined, start: () => Promise<T>): Promise<T> => {
    if (key === undefined) return start();
    const running = inFlight.get(key);
    if (running) return running as Promise<T>;
    const promise = start().finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  };

  if (size === 0) {
    return {
      mode: "in-process",
      size: 0,
      run: (name, input, key) =>
        share(key, async () => {
          try {
            return runTask(name, input);
          } catch (error) {
            throw error instanceof InputError ? new TaskError(error.code, error.message) : error;
          }
        }),
      close: async () => undefined,
    };
  }

  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const worker = startWorker();
    const slot: Slot = { worker, busy: null };
    worker.unref();
    worker.on("message", (reply: TaskReply) => {
      const job = slot.busy;
      slot.busy = null;
      worker.unref();
      if (job && job.request.id === reply.id) {
        if (reply.ok) job.resolve(reply.output);
        else job.reject(reply.code ? new TaskError(reply.code, reply.message) : new Error(`${job.request.name} task failed in a worker: ${reply.message}`));
      }
      dispatch();
    });
    const fail = (error: Error) => {
      const job = slot.busy;
      slot.busy = null;
      slots.splice(slots.indexOf(slot), 1);
      job?.reject(new Error(`fit worker failed: ${error.message}`));
      dispatch();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (slots.includes(slot)) fail(new Error(`exited with code ${code}`));
    });
    slots.push(slot);
    return slot;
  };

  const dispatch = () => {
    while (queue.length > 0 && !closed) {
      let slot = slots.find((s) => s.busy === null);
      if (!slot && slots.length < size) slot = spawn();
      if (!slot) return;
      const job = queue.shift()!;
      slot.busy = job;
      slot.worker.ref();
      slot.worker.postMessage(job.request);
    }
  };

  return {
    mode: "workers",
    size,
    run: (name, input, key) =>
      share(
        key,
        () =>
          new Promise((resolve, reject) => {
            if (closed) return reject(new Error("the fit worker pool is closed"));
            queue.push({ request: { id: nextId++, name, input }, resolve: resolve as (v: unknown) => void, reject });
            dispatch();
          }),
      ),
    close: async () => {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error("the fit worker pool is closed"));
      const all = slots.splice(0);
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
