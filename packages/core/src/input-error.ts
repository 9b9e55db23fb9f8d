/**
 * The kinds of bad data core rejects, so callers can tell them apart without reading messages:
 * - too-few-points: fewer rows (or values, or compute budgets) than the computation needs, or none with weight;
 * - too-few-distinct: not enough distinct values on an axis to fit a slope (e.g. every run at one scale);
 * - missing-value: a row lacks a field the law reads;
 * - non-finite: NaN or ±Infinity where a number is needed;
 * - not-positive: zero or a negative number on a log axis, as a scale, or as a parameter that must be > 0;
 * - out-of-range: a level, fraction or value outside its allowed range (a y above the metric's ceiling);
 * - no-inverse: the law cannot be solved for the asked value (zero slope, a target beyond the asymptote);
 * - no-fit: no starting point gives the optimiser a finite objective, or no candidate law could be fitted;
 * - no-draws: the computation needs bootstrap draws and there are none;
 * - incomparable: the fits cannot be compared (different directions or axes, none given);
 * - unknown-name: no law or published preset has that name;
 * - unsupported: the law does not answer this question (a joint prediction of a law of one scale).
 */
export type InputErrorCode =
  | "too-few-points"
  | "too-few-distinct"
  | "missing-value"
  | "non-finite"
  | "not-positive"
  | "out-of-range"
  | "no-inverse"
  | "no-fit"
  | "no-draws"
  | "incomparable"
  | "unknown-name"
  | "unsupported";

/**
 * A problem with the data a caller gave (too few points, a value a log axis cannot take, a law that cannot
 * be fitted to these points, fits that cannot be compared): the caller's to fix, and reported as such
 * (the API answers 400 with the message). Any other Error thrown by core (a bad option, a broken
 * invariant) is a bug in the calling code.
 */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    /** Which kind of bad data. */
    readonly code: InputErrorCode,
    message: string,
  ) {
    super(message);
  }
}
