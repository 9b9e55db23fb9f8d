/**
 * Model selection: which law to trust for extrapolation.
 *
 * 1. Held-out extrapolation error first: each candidate is fitted on the smaller scales and scored on the
 *    largest ones (the largest 20% of distinct scales by default, at least one), by the root mean square of
 *    ln(ŷ/y), or of ŷ − y when some score is not positive. A prediction that is not positive or not finite
 *    scores Infinity.
 * 2. AIC, then BIC, of the fit on all rows break ties: candidates whose held-out errors differ by at most
 *    `tieTolerance` are ordered by AIC = n·ln(RSS/n) + 2k, then BIC = n·ln(RSS/n) + k·ln n, with RSS in the
 *    same space as the held-out error.
 * Candidates that cannot be backtested (too few rows below the held-out scales) follow, ordered by AIC;
 * candidates that cannot be fitted at all come last with their error message.
 * Every fitted candidate carries the reasons its fit on all rows is degenerate (degenerate-fit.ts); the rank
 * ignores them, `chooseModel` skips such candidates and says why.
 * Cost: two fits per candidate.
 */
import { degenerateFitReasons } from "./degenerate-fit";
import { InputError } from "./input-error";
import { FORECAST_DEFAULTS, splitByScale } from "./forecast";
import { fitModel, getModel, MODELS, type FitModelOptions, type Observation } from "./models";
import type { Direction, FitResult, ModelName } from "./types";
import { MODEL_NAMES } from "./types";

/** Defaults of every option, in one place. */
export const MODEL_SELECTION_DEFAULTS = Object.freeze({
  holdoutFraction: FORECAST_DEFAULTS.holdoutFraction,
  /** Held-out errors closer than this (in ln units, ≈ 0.1%) count as a tie, broken by AIC then BIC. */
  tieTolerance: 1e-3,
});

export interface ModelSelectionOptions {
  /** Models to try; default: every score model whose axes every row provides. */
  candidates?: readonly string[];
  holdoutFraction?: number;
  tieTolerance?: number;
  /** Per-model fit options. */
  fitOptions?: Partial<Record<ModelName, FitModelOptions>>;
  /** Whether a higher score is better (passed to the fitters that care: the saturating law). */
  direction?: Direction;
  /** What the metric can take (e.g. [0, 1] for an accuracy), for the degenerate-fit check. */
  bounds?: { lower?: number; upper?: number };
}

export interface ModelScore {
  rank: number;
  model: ModelName;
  /** Held-out extrapolation error (see file comment); undefined when the model could not be backtested. */
  heldOutError?: number;
  /** "log" when errors are in ln units, "linear" when some score is not positive. */
  errorSpace: "log" | "linear";
  aic?: number;
  bic?: number;
  /** Number of parameters k. */
  k: number;
  n: number;
  fit?: FitResult;
  /** Why the model could not be fitted or backtested. */
  error?: string;
  /** Why the fit on all rows is degenerate (degenerate-fit.ts); empty when it is not or there is no fit. */
  degenerate: string[];
}

/** The law to use by default: rank 1 unless its fit is degenerate, and the better-ranked laws passed over. */
export interface ModelChoice {
  model: ModelName;
  rank: number;
  /** Better-ranked laws that were skipped, each with why. */
  skipped: { model: ModelName; rank: number; reason: string }[];
  /** Set when every fitted law is degenerate: the choice is rank 1's fitted law, flagged with these reasons. */
  degenerate?: string[];
}

export const MODEL_SELECTION_ERRORS = {
  noCandidates: () =>
    "no model fits these rows: give x for single-axis models, or n and d for joint models (chinchilla, kaplan)",
  notScoreModel: (model: string) => `${model} predicts a compute-optimal scale, not a score: it cannot be selected`,
  nothingFitted: (errors: readonly string[]) => `no candidate law could be fitted: ${errors.join("; ")}`,
} as const;

/** Score models whose axes every row provides. */
export function candidateModels(rows: readonly Observation[]): ModelName[] {
  const has = (field: "x" | "n" | "d" | "u") => rows.length > 0 && rows.every((r) => r[field] !== undefined);
  return MODEL_NAMES.filter((name) => {
    const spec = MODELS[name];
    if (spec.predicts !== "y") return false;
    if (spec.axes === "x") return has("x");
    if (name === "data-constrained") return has("n") && has("d") && has("u");
    return has("n") && has("d");
  });
}

function residualError(space: "log" | "linear", y: number, yhat: number): number {
  if (!Number.isFinite(yhat)) return Number.POSITIVE_INFINITY;
  if (space === "linear") return yhat - y;
  return yhat > 0 ? Math.log(yhat / y) : Number.POSITIVE_INFINITY;
}

function rss(space: "log" | "linear", rows: readonly Observation[], predict: (r: Observation) => number): number {
  let sum = 0;
  for (const r of rows) {
    const e = residualError(space, r.y, predict(r));
    sum += e * e;
  }
  return sum;
}

/** Ranks the candidates (see the file comment for the rule). Throws when there is no candidate. */
export function selectModel(rows: readonly Observation[], options: ModelSelectionOptions = {}): ModelScore[] {
  const names = (options.candidates ?? candidateModels(rows)).map((n) => getModel(n).name);
  if (names.length === 0) throw new Error(MODEL_SELECTION_ERRORS.noCandidates());
  const holdoutFraction = options.holdoutFraction ?? MODEL_SELECTION_DEFAULTS.holdoutFraction;
  const tie = options.tieTolerance ?? MODEL_SELECTION_DEFAULTS.tieTolerance;
  const space: "log" | "linear" = rows.every((r) => r.y > 0) ? "log" : "linear";

  const scores = names.map((name): ModelScore => {
    const spec = getModel(name);
    if (spec.predicts !== "y") throw new Error(MODEL_SELECTION_ERRORS.notScoreModel(name));
    const direction = options.direction ?? "lower";
    const fitOptions: FitModelOptions = { direction, ...options.fitOptions?.[name] };
    const score: ModelScore = { rank: 0, model: name, errorSpace: space, k: spec.params.length, n: rows.length, degenerate: [] };
    let full: FitResult;
    try {
      full = fitModel(name, rows, fitOptions);
    } catch (e) {
      score.error = (e as Error).message;
      return score;
    }
    score.fit = full;
    score.degenerate = degenerateFitReasons({ fit: full, rows, direction, ...(options.bounds ? { bounds: options.bounds } : {}) });
    score.k = Object.keys(full.params).length;
    const n = rows.length;
    const mse = Math.max(rss(space, rows, (r) => spec.predict(full.params, r, direction)) / n, Number.MIN_VALUE);
    score.aic = n * Math.log(mse) + 2 * score.k;
    score.bic = n * Math.log(mse) + score.k * Math.log(n);
    try {
      const { train, test } = splitByScale(name, rows, holdoutFraction);
      const partial = fitModel(name, train, fitOptions);
      score.heldOutError = Math.sqrt(rss(space, test, (r) => spec.predict(partial.params, r, direction)) / test.length);
    } catch (e) {
      score.error = `cannot backtest: ${(e as Error).message}`;
    }
    return score;
  });

  const byInformation = (a: ModelScore, b: ModelScore) =>
    (a.aic ?? Infinity) - (b.aic ?? Infinity) || (a.bic ?? Infinity) - (b.bic ?? Infinity);
  const backtested = scores
    .filter((s) => s.heldOutError !== undefined)
    .sort((a, b) => a.heldOutError! - b.heldOutError! || byInformation(a, b));
  // Group near-equal held-out errors and order each group by AIC, then BIC.
  const ordered: ModelScore[] = [];
  let i = 0;
  while (i < backtested.length) {
    const head = backtested[i]!.heldOutError!;
    let j = i;
    while (j < backtested.length && (backtested[j]!.heldOutError! - head <= tie || backtested[j]!.heldOutError === head)) j++;
    ordered.push(...backtested.slice(i, j).sort(byInformation));
    i = j;
  }
  ordered.push(...scores.filter((s) => s.heldOutError === undefined && s.fit).sort(byInformation));
  ordered.push(...scores.filter((s) => !s.fit));
  return ordered.map((s, r) => ({ ...s, rank: r + 1 }));
}

/**
 * The law to use by default from a ranking (selectModel's order): the best-ranked fitted law whose fit is not
 * degenerate; when every fitted law is degenerate, the best-ranked fitted one with its reasons. Throws
 * MODEL_SELECTION_ERRORS.nothingFitted when no candidate could be fitted. Cost: O(candidates).
 */
export function chooseModel(ranking: readonly ModelScore[]): ModelChoice {
  const skipped: ModelChoice["skipped"] = [];
  for (const s of ranking) {
    if (!s.fit) {
      skipped.push({ model: s.model, rank: s.rank, reason: s.error ?? "it could not be fitted" });
      continue;
    }
    if (s.degenerate.length === 0) return { model: s.model, rank: s.rank, skipped };
    skipped.push({ model: s.model, rank: s.rank, reason: `its fit is degenerate: ${s.degenerate.join("; ")}` });
  }
  const first = ranking.find((s) => s.fit);
  if (!first) throw new InputError("no-fit", MODEL_SELECTION_ERRORS.nothingFitted(ranking.map((s) => `${s.model}: ${s.error}`)));
  return { model: first.model, rank: first.rank, skipped: skipped.filter((s) => s.rank < first.rank), degenerate: first.degenerate };
}

/** One line saying which law a choice uses and why (for the CLI and the Sweep view). */
export function describeChoice(choice: ModelChoice): string {
  if (choice.degenerate) return `every law's fit is degenerate; using rank ${choice.rank} ${choice.model} with low confidence: ${choice.degenerate.join("; ")}`;
  if (choice.skipped.length === 0) return `using rank 1: ${choice.model}`;
  const why = choice.skipped.map((s) => `rank ${s.rank} ${s.model} was skipped: ${s.reason}`).join("; ");
  return `using rank ${choice.rank} ${choice.model}: ${why}`;
}
