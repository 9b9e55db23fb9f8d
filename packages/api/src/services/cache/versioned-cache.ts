import type { Database } from "@scalecast/db";

interface Entry<V> {
  token: string;
  value: Promise<V>;
}

/**
 * A per-database, in-process LRU cache of values derived from the database, each stored with the version
 * token it was computed for (e.g. a sweep's runsVersion, kept by triggers on Run). A reader first reads the
 * current token from the database, then asks for `key` at that token: a hit needs no further reads, a miss
 * (new token, or not cached) loads once while concurrent readers of the same token share the load. Since the
 * token comes from the database on every read, replicas with their own caches stay correct: none serves a
 * value older than the token it just read. A failed load is not kept. O(1) per lookup; at most `capacity`
 * entries per database.
 */
export class VersionedCache<V> {
  private readonly byDatabase = new WeakMap<Database, Map<string, Entry<V>>>();

  constructor(private readonly capacity: number) {}

  get(db: Database, key: string, token: string, load: () => Promise<V>): Promise<V> {
    let entries = this.byDatabase.get(db);
    if (!entries) {
      entries = new Map();
      this.byDatabase.set(db, entries);
    }
    const hit = entries.get(key);
    if (hit && hit.token === token) {
      entries.delete(key);
      entries.set(key, hit);
      return hit.value;
    }
    const entry: Entry<V> = { token, value: load() };
    entries.delete(key);
    entries.set(key, entry);
    const own = entries;
    entry.value.catch(() => {
      if (own.get(key) === entry) own.delete(key);
    });
    while (entries.size > this.capacity) entries.delete(entries.keys().next().value!);
    return entry.value;
  }
}
