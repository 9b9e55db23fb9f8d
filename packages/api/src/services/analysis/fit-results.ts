import type { Database } from "@scalecast/db";
import { VersionedCache } from "../cache/versioned-cache";

/** Stored fits never change (new runs make a new fit), so a result derived from them needs no version. */
const FITS_NEVER_CHANGE = "stored fits are immutable";

/**
 * Results computed from stored fits alone (forecasts, comparisons, recommendations), kept per database in a
 * small LRU keyed by the fits' ids and every other input of the computation (scales, level, labels): a
 * reopened page, a shared link or another reader costs the fits' read, not the curve evaluations again.
 */
export class FitResults<V> {
  private readonly cache: VersionedCache<V>;

  constructor(capacity: number) {
    this.cache = new VersionedCache<V>(capacity);
  }

  get(db: Database, fitIds: readonly string[], inputs: unknown, compute: () => Promise<V>): Promise<V> {
    return this.cache.get(db, JSON.stringify([fitIds, inputs]), FITS_NEVER_CHANGE, compute);
  }
}
