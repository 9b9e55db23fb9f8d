/** Shared shapes of the fitting library. Every model file imports its data and result types from here. */

/** One observation on a single scale axis (x = data size, params or FLOPs; y = score). */
export interface Point {
  x: number;
  y: number;
  /** Optional non-negative weight (weighted least squares); 1 when absent. */
  weight?: number;
}

/** One observation of a two-axis sweep: N parameters, D training tokens, y the score (usually loss). */
export interface JointPoint {
  n: number;
  d: number;
  y: number;
  /** Unique tokens U (data-constrained law); D when absent (no repetition). */
  u?: number;
}

/** Whether a smaller or a larger score is better (loss vs accuracy). */
export type Direction = "lower" | "higher";

export const MODEL_NAMES = [
  "log-linear",
  "power-law",
  "saturating-power-law",
  "chinchilla",
  "kaplan",
  "bnsl",
  "data-constrained",
  "isoflop",
] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** Goodness of fit, measured in log space (log y vs log ŷ) so that decades weigh the same. */
export interface GoodnessOfFit {
  /** Root mean squared error of ln y − ln ŷ. */
  rmseLog: number;
  /** 1 − SS_res/SS_tot in ln y. */
  r2Log: number;
}

/**
 * The result every fit returns. A fit that did not converge still returns its best point with
 * `converged: false` and a `message` saying why; it never returns NaN silently.
 */
export interface FitResult<P extends string = string> {
  model: ModelName;
  params: Record<P, number>;
  /** The model's own objective at `params` (for chinchilla: the summed Huber of the LSE residuals). */
  objective: number;
  /** Number of observations used. */
  n: number;
  converged: boolean;
  iterations: number;
  message: string;
  gof: GoodnessOfFit;
}

/**
 * One run of an IsoFLOP sweep (Chinchilla Approach 2): c the compute budget (FLOPs), x the swept scale at
 * that budget (N parameters or D tokens), y the score (loss).
 */
export interface IsoFlopPoint {
  c: number;
  x: number;
  y: number;
}
