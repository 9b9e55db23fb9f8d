/**
 * Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008), without yellow (unreadable on white).
 * A methodology's colour comes from its position in the list of every methodology ordered by id, so it is
 * the same in every view; beyond seven methodologies colours repeat with a dash pattern to tell them apart.
 */
export const OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"] as const;
export const DASHES = ["", "6 3", "2 3", "8 3 2 3"] as const;

export interface SeriesStyle {
  color: string;
  dash: string;
}

export function styleForIndex(index: number): SeriesStyle {
  const i = Math.max(0, index);
  return { color: OKABE_ITO[i % OKABE_ITO.length]!, dash: DASHES[Math.floor(i / OKABE_ITO.length) % DASHES.length]! };
}

/** Stable styles for methodology ids: sorted ids, colour by position. */
export function methodologyStyles(ids: readonly string[]): Map<string, SeriesStyle> {
  const sorted = [...new Set(ids)].sort();
  return new Map(sorted.map((id, i) => [id, styleForIndex(i)]));
}
