import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { TaskPool } from "../../workers/pool";
import { VersionedCache } from "../cache/versioned-cache";
import { getLatestFit } from "../fit/get-latest-fit";
import { getSweep } from "./get-sweep";
import { readSweepHeader } from "./read-sweep-header";

/**
 * A sweep as one JSON document (its fields, methodology, team, runs oldest first, and the latest fit of
 * its default model and metric, as sweep.get and fit.latest return them; when the runs cannot be fitted,
 * `fit` is null and `fitError` says why), encoded once per data version:
 * the bytes, their gzip form and an ETag. Serving a repeated read is a lookup, not a serialization.
 */
export interface SweepDocument {
  etag: string;
  json: Uint8Array<ArrayBuffer>;
  /** Computed on the first request that accepts gzip. */
  gzip(): Uint8Array<ArrayBuffer>;
}

const documents = new VersionedCache<SweepDocument>(64);

function encodeDocument(value: unknown): SweepDocument {
  const json = new TextEncoder().encode(JSON.stringify(value));
  let gzip: Uint8Array<ArrayBuffer> | undefined;
  return {
    etag: `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"`,
    json,
    gzip: () => (gzip ??= new Uint8Array(gzipSync(json, { level: 6 }))),
  };
}

/** The latest fit, or null and the reason when the runs cannot be fitted (too few, no metric, ...). */
async function latestFitOrReason(db: Database, pool: TaskPool, sweepId: string) {
  try {
    return { fit: await getLatestFit(db, pool, { sweepId }), fitError: null };
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_REQUEST") return { fit: null, fitError: error.message };
    throw error;
  }
}

/**
 * The document of a sweep (see SweepDocument). Per request one small query reads the sweep's version
 * counters (readSweepHeader); the document is rebuilt only when its header, runs or stored fits changed.
 * Throws NOT_FOUND for an unknown sweep.
 */
export async function readSweepDocument(db: Database, pool: TaskPool, sweepId: string): Promise<SweepDocument> {
  const header = await readSweepHeader(db, sweepId);
  if (!header) throw new AppError("NOT_FOUND", `sweep ${sweepId} does not exist`);
  return documents.get(db, header.sweep.id, `${header.pageToken}\u0000${header.fitsToken}`, async () => {
    const [page, fit] = await Promise.all([getSweep(db, { sweepId }), latestFitOrReason(db, pool, sweepId)]);
    return encodeDocument({ ...page, ...fit });
  });
}
