/**
 * Sets (or, for null, removes) query parameters of the current page in place, so a view's choices make a
 * shareable link. Uses history.replaceState, which Next's router follows (useSearchParams sees the change)
 * without a server round trip, so a slider may write on every step of a drag.
 */
export function replaceSearchParams(updates: Record<string, string | null>): void {
  const url = new URL(window.location.href);
  for (const [name, value] of Object.entries(updates)) {
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash}`);
}
