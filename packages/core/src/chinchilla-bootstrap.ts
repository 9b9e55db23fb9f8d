/**
 * Bootstrap of the Chinchilla fit: one full fit (grid + polish), then `resamples` refits of resampled
 * points, each warm-started from the full-data optimum (as Epoch AI start their bootstrap refits from one
 * fixed point), so a refit is a single L-BFGS polish.
 *
 * Cost: one full fit + resamples × one polish (≈ 1–3 ms each for 240 points).
 * Failure modes: throws what fitChinchilla throws for the full data; a resample that cannot be fitted
 * (e.g. it drew a single distinct N) or whose polish does not converge counts as a failure.
 */
import { bootstrap, type BootstrapOptions, type BootstrapResult } from "./bootstrap";
import { fitChinchilla, type ChinchillaOptions, type ChinchillaParams, type ChinchillaParam } from "./chinchilla";
import type { FitResult, JointPoint } from "./types";

export interface ChinchillaBootstrap extends BootstrapResult<ChinchillaParams> {
  /** The full-data fit the refits start from. */
  fit: FitResult<ChinchillaParam>;
}

export function bootstrapChinchilla(
  points: readonly JointPoint[],
  options: Partial<BootstrapOptions> & { fit?: Partial<ChinchillaOptions>; full?: FitResult<ChinchillaParam> } = {},
): ChinchillaBootstrap {
  const { fit: fitOptions = {}, full, ...bootOptions } = options;
  const fit = full ?? fitChinchilla(points, fitOptions);
  const start = fit.params;
  const result = bootstrap<JointPoint, ChinchillaParams>(
    points,
    (sample) => {
      const r = fitChinchilla(sample, { ...fitOptions, start });
      return r.converged ? r.params : null;
    },
    bootOptions,
  );
  return { ...result, fit };
}
