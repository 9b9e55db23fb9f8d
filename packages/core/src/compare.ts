/**
 * Comparing fitted methodologies on one scale axis (x, or compute for joint models; see scale-curve.ts):
 * - crossover: the scale where the two curves meet (where the leader changes), with an interval over
 *   paired bootstrap draws;
 * - effective data multiplier: at scale s, how much more scale B needs to reach A's score (s_B / s);
 * - probability that A beats B at a scale, from the bootstrap draws of both (direction-aware);
 * - ranking of several methodologies at a budget.
 * The two fits must share a direction (both lower-is-better or both higher-is-better).
 * Cost: crossover O(grid · draws) curve evaluations with a grid of 20 points per decade.
 */
import { InputError } from "./input-error";
import { drawInterval, type Interval } from "./draw-interval";
import { predictAt } from "./forecast";
import { getModel } from "./models";
import {
  SEARCH_DECADES,
  isBetter,
  rootsOnLogGrid,
  scaleForValue,
  valueAt,
  type FittedModel,
} from "./scale-curve";

export const COMPARE_DEFAULTS = Object.freeze({
  /** Central probability of the bootstrap intervals. */
  level: 0.95,
});

export const COMPARE_ERRORS = {
  direction: () => "cannot compare a lower-is-better metric with a higher-is-better one",
  axes: (a: string, b: string) =>
    `cannot compare ${a} with ${b}: one is a function of x and the other of compute (6·N·D)`,
  noDraws: (which: string) => `probability needs bootstrap draws for ${which}; fit it with bootstrap resamples first`,
  emptyRanking: () => "ranking needs at least one fitted methodology",
  scale: (s: number) => `comparison scale must be a positive number, got ${s}`,
} as const;

function checkPair(a: FittedModel, b: FittedModel): void {
  if (a.direction !== b.direction) throw new InputError("incomparable", COMPARE_ERRORS.direction());
  const axisA = getModel(a.model).axes === "x" ? "x" : "compute";
  const axisB = getModel(b.model).axes === "x" ? "x" : "compute";
  if (axisA !== axisB) throw new InputError("incomparable", COMPARE_ERRORS.axes(a.model, b.model));
}

function checkScale(s: number): void {
  if (!(s > 0) || !Number.isFinite(s)) throw new InputError("not-positive", COMPARE_ERRORS.scale(s));
}

/** Default search window: from 1e-6 of the smaller data's smallest scale to 1e15 times the larger frontier. */
export function searchWindow(a: FittedModel, b: FittedModel): [number, number] {
  return [
    Math.min(a.smallest, b.smallest) * 10 ** -SEARCH_DECADES.below,
    Math.max(a.frontier, b.frontier) * 10 ** SEARCH_DECADES.above,
  ];
}

function crossingsOf(
  a: FittedModel,
  b: FittedModel,
  pa: Record<string, number>,
  pb: Record<string, number>,
  window: [number, number],
): number[] {
  return rootsOnLogGrid((s) => valueAt(a, s, pa) - valueAt(b, s, pb), window[0], window[1]);
}

export interface Crossover {
  /** First scale at or above the smallest observed scale where the curves cross; null when they do not. */
  scale: number | null;
  /** Which of the two is better just above the crossover ("a" or "b"), when there is one. */
  leaderAfter?: "a" | "b";
  /** Percentile interval of the crossover over paired draws that cross. */
  interval?: Interval;
  /** Share of paired draws whose curves cross in the window. */
  crossingShare?: number;
}

/**
 * Crossover of two fitted curves in [from, window end], where `from` defaults to the smaller of the two
 * smallest observed scales (crossings far below the data are meaningless). Draws are paired by index.
 */
export function crossover(
  a: FittedModel,
  b: FittedModel,
  options: { from?: number; to?: number; level?: number } = {},
): Crossover {
  checkPair(a, b);
  const [, end] = searchWindow(a, b);
  const window: [number, number] = [options.from ?? Math.min(a.smallest, b.smallest), options.to ?? end];
  const first = crossingsOf(a, b, a.params, b.params, window)[0] ?? null;
  const out: Crossover = { scale: first };
  if (first !== null) {
    const after = first * 1.01;
    out.leaderAfter = isBetter(a.direction, valueAt(a, after), valueAt(b, after)) ? "a" : "b";
  }
  const pairs = Math.min(a.draws.length, b.draws.length);
  if (pairs > 0) {
    const found: number[] = [];
    for (let i = 0; i < pairs; i++) {
      const s = crossingsOf(a, b, a.draws[i]!, b.draws[i]!, window)[0];
      if (s !== undefined) found.push(s);
    }
    out.crossingShare = found.length / pairs;
    const interval = drawInterval(found, options.level ?? COMPARE_DEFAULTS.level);
    if (interval) out.interval = interval;
  }
  return out;
}

export interface DataMultiplier {
  scale: number;
  /** A's score at `scale`. */
  targetValue: number;
  /** Scale at which B reaches A's score (null when B never does). */
  scaleB: number | null;
  /** scaleB / scale: how many times more scale B needs to match A (below 1: B needs less). */
  multiplier: number | null;
  interval?: Interval;
}

/**
 * Effective data multiplier at scale s: B needs multiplier × s to match A's score at s. With draws (paired by
 * index), an interval over the draws where B reaches A's score.
 */
export function effectiveDataMultiplier(
  a: FittedModel,
  b: FittedModel,
  s: number,
  options: { level?: number } = {},
): DataMultiplier {
  checkPair(a, b);
  checkScale(s);
  const targetValue = valueAt(a, s);
  const scaleB = scaleForValue(b, targetValue);
  const out: DataMultiplier = { scale: s, targetValue, scaleB, multiplier: scaleB === null ? null : scaleB / s };
  const pairs = Math.min(a.draws.length, b.draws.length);
  if (pairs > 0) {
    const ms: number[] = [];
    for (let i = 0; i < pairs; i++) {
      const sb = scaleForValue(b, valueAt(a, s, a.draws[i]!), b.draws[i]!);
      if (sb !== null) ms.push(sb / s);
    }
    const interval = drawInterval(ms, options.level ?? COMPARE_DEFAULTS.level);
    if (interval) out.interval = interval;
  }
  return out;
}

/**
 * P(A beats B at scale s), estimated over every pair (draw of A, draw of B) of the independent bootstraps;
 * ties count one half. Respects the direction. Throws when either side has no draws.
 */
export function probabilityBetter(a: FittedModel, b: FittedModel, s: number): number {
  checkPair(a, b);
  checkScale(s);
  if (a.draws.length === 0) throw new InputError("no-draws", COMPARE_ERRORS.noDraws(`A (${a.model})`));
  if (b.draws.length === 0) throw new InputError("no-draws", COMPARE_ERRORS.noDraws(`B (${b.model})`));
  const va = a.draws.map((p) => valueAt(a, s, p)).filter(Number.isFinite);
  const vb = b.draws.map((p) => valueAt(b, s, p)).filter(Number.isFinite).sort((x, y) => x - y);
  if (va.length === 0 || vb.length === 0) return Number.NaN;
  // For each A value count B values strictly worse and tied, by binary search over sorted B: O((n+m) log m).
  const lowerBound = (v: number) => {
    let lo = 0;
    let hi = vb.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vb[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const upperBound = (v: number) => {
    let lo = 0;
    let hi = vb.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vb[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let wins = 0;
  for (const v of va) {
    const below = lowerBound(v);
    const tied = upperBound(v) - below;
    const worseB = a.direction === "lower" ? vb.length - below - tied : below;
    wins += worseB + tied / 2;
  }
  return wins / (va.length * vb.length);
}

export interface RankedMethodology {
  label: string;
  rank: number;
  value: number;
  /** Flagged `unreliable` when it says nothing (see predictAt). */
  interval?: Interval;
  /** Share of joint draws (paired by index) in which this one is the best; present when all have draws. */
  probabilityBest?: number;
}

/**
 * Ranks methodologies by their predicted score at scale s (best first, direction-aware). When every one
 * has draws, also the probability of being the best, over draws paired by index.
 */
export function rankAt(
  entries: readonly { label: string; fitted: FittedModel }[],
  s: number,
  options: { level?: number } = {},
): RankedMethodology[] {
  if (entries.length === 0) throw new InputError("incomparable", COMPARE_ERRORS.emptyRanking());
  checkScale(s);
  const first = entries[0]!.fitted;
  for (const e of entries) checkPair(first, e.fitted);
  const level = options.level ?? COMPARE_DEFAULTS.level;
  const rows = entries.map((e) => {
    const prediction = predictAt(e.fitted, s, level);
    const row: RankedMethodology = { label: e.label, rank: 0, value: prediction.value };
    if (prediction.interval) row.interval = prediction.interval;
    return row;
  });
  const pairs = Math.min(...entries.map((e) => e.fitted.draws.length));
  if (pairs > 0) {
    const best = new Array<number>(entries.length).fill(0);
    for (let i = 0; i < pairs; i++) {
      let winner = -1;
      let winnerValue = Number.NaN;
      entries.forEach((e, j) => {
        const v = valueAt(e.fitted, s, e.fitted.draws[i]!);
        if (Number.isFinite(v) && (winner < 0 || isBetter(first.direction, v, winnerValue))) {
          winner = j;
          winnerValue = v;
        }
      });
      if (winner >= 0) best[winner]! += 1;
    }
    rows.forEach((r, j) => (r.probabilityBest = best[j]! / pairs));
  }
  const order = rows
    .map((r, j) => ({ r, j }))
    .sort((x, y) => (isBetter(first.direction, x.r.value, y.r.value) ? -1 : isBetter(first.direction, y.r.value, x.r.value) ? 1 : x.j - y.j));
  return order.map(({ r }, i) => ({ ...r, rank: i + 1 }));
}
