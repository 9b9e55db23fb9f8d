/**
 * Limits the API enforces that the dashboard also shows, in a module without server imports (exported as
 * `@scalecast/api/limits`, safe in the browser bundle).
 */

/** Most fits one comparison (analysis.compare, a comparison snapshot) ranks and pairs. */
export const MAX_COMPARED_FITS = 24;

/**
 * The largest request body the server reads, for tRPC and the REST API alike (a full batch of 5,000 runs
 * is a few MB; bigger files are imported in batches by the CLI).
 */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
