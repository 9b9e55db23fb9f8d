/**
 * The keys of an options object whose value is not `undefined`. Every `resolve…Options` spreads its result
 * over its documented defaults, so that `{ maxIterations: undefined }` (an unset flag passed through by a
 * caller) keeps the default instead of erasing it. Shallow; O(keys).
 */
export function definedOnly<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
