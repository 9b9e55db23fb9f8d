/**
 * A small pool of worker threads that runs the tasks in ./tasks (fits, bootstraps, backtests, model
 * selection, forecasts and comparisons over draws) off the request thread.
 *
 * Workers run the TypeScript source through tsx's loader, in tests and in the Next server alike.
 * When the worker entry cannot be found (see workerEntry) or SCALECAST_FIT_WORKERS=0, the pool runs
 * tasks in-process instead (same code, on the calling thread) and
 * says so in `mode`. Identical tasks in flight are shared (single flight by key).
 *
 * A task that throws core's InputError rejects with TaskError (the core message, a problem with the
 * input); any other failure (a bug) rejects with a plain Error, and a worker that dies rejects its task
 * with a plain Error and is replaced.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { InputError } from "@scalecast/core";
import { runTask, type TaskInput, type TaskName, type TaskOutput } from "./tasks";
import type { TaskReply, TaskRequest } from "./task-worker";

const TASK_ERROR = Symbol.for("scalecast.TaskError");

/**
 * A task's own failure: core rejected the input (its InputError). Recognised by a registered symbol rather
 * than by class identity: the server loads this package twice (the REST API from source, the dashboard's
 * bundled copy) and both use the one pool on globalThis, so the error may come from the other copy's class.
 */
export class TaskError extends Error {
  override readonly name = "TaskError";
  readonly [TASK_ERROR] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [TASK_ERROR]?: unknown })[TASK_ERROR] === true;
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

/**
 * The worker entry's file URL. From source (tests, CLI, benchmarks) it sits next to this module with the
 * modules it imports. A bundler (the Next server) copies the entry file alone, so there the entry is
 * resolved through the package from the server's working directory instead, at run time. null when neither
 * works: the pool then runs tasks in-process.
 */
export function workerEntry(): URL | null {
  const beside = new URL("./task-worker.ts", import.meta.url);
  if (beside.protocol === "file:" && existsSync(join(dirname(fileURLToPath(beside)), "tasks.ts"))) return beside;
  try {
    // Loaded at run time so the bundler does not try to follow the resolution.
    const { createRequire } = process.getBuiltinModule("node:module");
    return pathToFileURL(createRequire(join(process.cwd(), "package.json")).resolve("@scalecast/api/task-worker"));
  } catch {
    return null;
  }
}

export function createTaskPool(options: { size?: number; entry?: URL | null } = {}): TaskPool {
  const size = options.size ?? defaultPoolSize();
  const entry = options.entry === undefined ? workerEntry() : options.entry;
  const inFlight = new Map<string, Promise<unknown>>();
  const share = <T>(key: string | undefined, start: () => Promise<T>): Promise<T> => {
    if (key === undefined) return start();
    const running = inFlight.get(key);
    if (running) return running as Promise<T>;
    const promise = start().finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  };

  if (size === 0 || entry === null) {
    return {
      mode: "in-process",
      size: 0,
      run: (name, input, key) =>
        share(key, async () => {
          try {
            return runTask(name, input);
          } catch (error) {
            throw error instanceof InputError ? new TaskError(error.message) : error;
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
    // An eval'd bootstrap registers tsx's loader in the worker, then imports the TypeScript entry
    // (`execArgv: ["--import", "tsx"]` does not reach worker threads on Node 20).
    const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
    const worker = new Worker(bootstrap, { eval: true });
    const slot: Slot = { worker, busy: null };
    worker.unref();
    worker.on("message", (reply: TaskReply) => {
      const job = slot.busy;
      slot.busy = null;
      worker.unref();
      if (job && job.request.id === reply.id) {
        if (reply.ok) job.resolve(reply.output);
        else job.reject(reply.input ? new TaskError(reply.message) : new Error(`${job.request.name} task failed in a worker: ${reply.message}`));
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

/** The process's pool (shared by every request and every bundle of a server, like the database). */
export function getTaskPool(): TaskPool {
  const holder = globalThis as typeof globalThis & { __scalecastTaskPool?: TaskPool };
  holder.__scalecastTaskPool ??= createTaskPool();
  return holder.__scalecastTaskPool;
}
