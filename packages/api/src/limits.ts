/**
 * Limits the API enforces that the dashboard also shows, in a module without server imports (exported as
 * `@scalecast/api/limits`, safe in the browser bundle).
 */

/** Most fits one comparison (analysis.compare, a comparison snapshot) ranks and pairs. */
export const MAX_COMPARED_FITS = 24;
