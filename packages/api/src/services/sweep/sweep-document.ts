import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import { VersionedCache } from "../cache/versioned-cache";
import { getLatestFit } from "../fit/get-latest-fit";
import { getSweep } from "./get-sweep";
import { readSweepHeader } from "./read-sweep-header";

/**
 * A sweep as one JSON document (its fields, methodology, team, runs oldest first, and the latest fit of
 * its default model and metric with its `fitStatus`, as sweep.get and fit.latest return them: `fit` is null
 * while no job has fitted the sweep, and `fitStatus.reason` says why a fit failed), encoded once per version:
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

/**
 * The document of a sweep (see SweepDocument). Per request one small query reads the sweep's version
 * counters (readSweepHeader); the document is rebuilt only when its header, runs or default fit's state changed.
 * Throws NOT_FOUND for an unknown sweep.
 */
export async function readSweepDocument(db: Database, sweepId: string): Promise<SweepDocument> {
  const header = await readSweepHeader(db, sweepId);
  if (!header) throw new AppError("NOT_FOUND", `sweep ${sweepId} does not exist`);
  return documents.get(db, header.sweep.id, `${header.pageToken}\u0000${header.fitsToken}`, async () => {
    const [page, latest] = await Promise.all([getSweep(db, { sweepId }), getLatestFit(db, { sweepId })]);
    return encodeDocument({ ...page, ...latest });
  });
}
