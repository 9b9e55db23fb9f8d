import type { Database } from "@scalecast/db";

interface Flights<V> {
  current?: Promise<V>;
  /** True until the event loop moves on from the task that launched `current` (see FreshReads). */
  joinable?: boolean;
  waiting?: { promise: Promise<V>; resolve: (v: V) => void; reject: (e: unknown) => void };
}

/**
 * Shares small, hot database reads (a sweep's header, an API token) between concurrent callers with the
 * same key, without ever answering a caller with a state older than the moment it asked: a caller joins
 * the running read only within the event-loop task that launched it (e.g. the procedures of one batched
 * request); otherwise it waits for the next read, which starts as soon as the running one settles and is
 * shared by everyone who arrived meanwhile. So at most two reads per key are in flight however many
 * callers there are, and each answer is as fresh as a read of its own. Nothing is kept after a read
 * settles; a failed read fails the callers that shared it.
 */
export class FreshReads<V> {
  private readonly byDatabase = new WeakMap<Database, Map<string, Flights<V>>>();

  read(db: Database, key: string, query: () => Promise<V>): Promise<V> {
    let flights = this.byDatabase.get(db);
    if (!flights) {
      flights = new Map();
      this.byDatabase.set(db, flights);
    }
    let state = flights.get(key);
    if (!state) {
      state = {};
      flights.set(key, state);
    }
    if (!state.current) return this.launch(flights, state, key, query);
    if (state.joinable) return state.current;
    if (!state.waiting) {
      let resolve!: (v: V) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<V>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      state.waiting = { promise, resolve, reject };
    }
    return state.waiting.promise;
  }

  private launch(flights: Map<string, Flights<V>>, state: Flights<V>, key: string, query: () => Promise<V>): Promise<V> {
    const running = query();
    state.current = running;
    state.joinable = true;
    setImmediate(() => {
      if (state.current === running) state.joinable = false;
    });
    const settle = () => {
      state.current = undefined;
      const waiting = state.waiting;
      if (waiting) {
        state.waiting = undefined;
        this.launch(flights, state, key, query).then(waiting.resolve, waiting.reject);
      } else {
        flights.delete(key);
      }
    };
    running.then(settle, settle);
    return running;
  }
}
