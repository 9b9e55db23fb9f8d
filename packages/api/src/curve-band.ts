/**
 * The band drawn around a fitted curve, in a module without server imports (exported as
 * `@scalecast/api/curve-band`, so the dashboard's chart keys name the band the API computes).
 */

/** Quantiles of the bootstrap refits' curves at each scale: the band's lower edge, the median, its upper edge. */
export const CURVE_BAND_QUANTILES = [0.05, 0.5, 0.95] as const;

/** The band's level and what it covers: the spread of the bootstrap refits, i.e. parameter uncertainty only. */
export const CURVE_BAND = Object.freeze({ level: Math.round((CURVE_BAND_QUANTILES[2] - CURVE_BAND_QUANTILES[0]) * 100) / 100, method: "parameter-only" as const });
