/**
 * A problem with the data a caller gave (too few points, a value a log axis cannot take, a law that cannot
 * be fitted to these points, fits that cannot be compared): the caller's to fix, and reported as such.
 * Any other Error thrown by core (a bad option, a broken invariant) is a bug in the calling code.
 */
export class InputError extends Error {
  override readonly name = "InputError";
}
