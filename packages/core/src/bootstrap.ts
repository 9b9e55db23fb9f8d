/**
 * Seeded non-parametric bootstrap: resample the data with replacement, refit, keep the parameters of every
 * refit. The same data, seed and resample count always give the same draws (the indices come from
 * createRandom(seed), drawn in order), so two runs, or two methodologies bootstrapped with the same seed,
 * are reproducible and comparable.
 *
 * Cost: `resamples` refits plus O(resamples · n) for the indices.
 * Failure modes: throws on invalid options; a refit that returns null or throws counts as a failure (it is
 * not retried), and the first thrown message is kept in `firstFailure`.
 */
import { InputError } from "./input-error";
import { createRandom } from "./random";

export interface BootstrapOptions {
  /** Number of resamples. */
  resamples: number;
  /** Seed of the index generator. */
  seed: number;
  /** Called after every resample with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** Defaults of the bootstrap options, in one place. */
export const BOOTSTRAP_DEFAULTS: Readonly<Omit<BootstrapOptions, "onProgress">> = Object.freeze({
  resamples: 1000,
  seed: 42,
});

export interface BootstrapResult<P extends Record<string, number> = Record<string, number>> {
  /** Parameters of every successful refit, in resample order. */
  draws: P[];
  /** Number of refits that returned null or threw. */
  failures: number;
  /** Message of the first refit that threw, if any. */
  firstFailure?: string;
  resamples: number;
  seed: number;
}

function resolveOptions(options: Partial<BootstrapOptions>): BootstrapOptions {
  const o = { ...BOOTSTRAP_DEFAULTS, ...options };
  if (!Number.isInteger(o.resamples) || o.resamples < 1) {
    throw new Error(`bootstrap needs a positive whole number of resamples, got ${o.resamples}`);
  }
  if (!Number.isInteger(o.seed)) throw new Error(`bootstrap seed must be an integer, got ${o.seed}`);
  return o;
}

/**
 * Index lists of the resamples (each of length n, drawn uniformly with replacement), in the order the
 * bootstrap uses them. Exposed so that callers can reproduce or pair resamples.
 */
export function resampleIndices(n: number, resamples: number, seed: number): Uint32Array[] {
  const rng = createRandom(seed);
  const out: Uint32Array[] = [];
  for (let k = 0; k < resamples; k++) {
    const idx = new Uint32Array(n);
    for (let i = 0; i < n; i++) idx[i] = rng.int(n);
    out.push(idx);
  }
  return out;
}

/** Runs `refit` on `resamples` resamples of `data` and collects the parameters it returns. */
export function bootstrap<T, P extends Record<string, number> = Record<string, number>>(
  data: readonly T[],
  refit: (sample: T[], resample: number) => P | null,
  options: Partial<BootstrapOptions> = {},
): BootstrapResult<P> {
  const o = resolveOptions(options);
  if (data.length === 0) throw new InputError("too-few-points", "bootstrap needs at least one data point, got 0");
  const n = data.length;
  const rng = createRandom(o.seed);
  const draws: P[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const sample = new Array<T>(n);
  for (let k = 0; k < o.resamples; k++) {
    for (let i = 0; i < n; i++) sample[i] = data[rng.int(n)]!;
    let params: P | null = null;
    try {
      params = refit(sample.slice(), k);
    } catch (err) {
      firstFailure ??= err instanceof Error ? err.message : String(err);
    }
    if (params) draws.push(params);
    else failures++;
    o.onProgress?.(k + 1, o.resamples);
  }
  return firstFailure === undefined
    ? { draws, failures, resamples: o.resamples, seed: o.seed }
    : { draws, failures, firstFailure, resamples: o.resamples, seed: o.seed };
}

/**
 * The q-th quantile (0 ≤ q ≤ 1) by linear interpolation between order statistics (numpy's default
 * "linear" method). Throws on an empty list or NaN values.
 */
export function quantile(values: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile needs 0 ≤ q ≤ 1, got ${q}`);
  const sorted = sortedFinite(values, "quantile");
  return quantileSorted(sorted, q);
}

function sortedFinite(values: readonly number[], what: string): Float64Array {
  if (values.length === 0) throw new InputError("too-few-points", `${what} needs at least one value, got none`);
  const sorted = Float64Array.from(values);
  for (let i = 0; i < sorted.length; i++) {
    if (Number.isNaN(sorted[i]!)) throw new InputError("non-finite", `${what} needs numbers: value ${i + 1} is NaN`);
  }
  return sorted.sort();
}

function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const w = pos - lo;
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return w === 0 ? a : a + w * (b - a);
}

/**
 * Central percentile interval holding `level` of the values (e.g. 0.95 → 2.5th and 97.5th percentiles).
 */
export function percentileInterval(values: readonly number[], level: number): [number, number] {
  if (!(level > 0 && level < 1)) throw new InputError("out-of-range", `interval level must be between 0 and 1 (e.g. 0.95), got ${level}`);
  const sorted = sortedFinite(values, "percentile interval");
  const tail = (1 - level) / 2;
  return [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)];
}

export interface ParameterInterval {
  median: number;
  lo: number;
  hi: number;
  /** Sample standard deviation of the draws. */
  se: number;
}

/** Median, percentile interval and standard error of every parameter across the draws. */
export function parameterIntervals<P extends string>(
  draws: readonly Record<P, number>[],
  level: number,
): Record<P, ParameterInterval> {
  const first = draws[0];
  if (!first) throw new InputError("no-draws", "parameter intervals need at least one bootstrap draw, got none");
  const out = {} as Record<P, ParameterInterval>;
  for (const key of Object.keys(first) as P[]) {
    const values = draws.map((d) => d[key]);
    const [lo, hi] = percentileInterval(values, level);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const se = values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
    out[key] = { median: quantile(values, 0.5), lo, hi, se };
  }
  return out;
}

export interface BandPoint<X> {
  at: X;
  median: number;
  lo: number;
  hi: number;
}

/**
 * Prediction band from bootstrap draws: for every scale in `at`, the median and central `level` interval
 * of `predict(draw, scale)` over the draws. Non-finite predictions are dropped; a scale where every
 * prediction is non-finite throws.
 */
export function predictionBand<P, X>(
  draws: readonly P[],
  predict: (params: P, at: X) => number,
  at: readonly X[],
  level: number,
): BandPoint<X>[] {
  if (draws.length === 0) throw new InputError("no-draws", "prediction band needs at least one bootstrap draw, got none");
  return at.map((x, j) => {
    const values: number[] = [];
    for (const d of draws) {
      const v = predict(d, x);
      if (Number.isFinite(v)) values.push(v);
    }
    if (values.length === 0) throw new InputError("non-finite", `prediction band: every draw predicts a non-finite value at scale ${j + 1}`);
    const [lo, hi] = percentileInterval(values, level);
    return { at: x, median: quantile(values, 0.5), lo, hi };
  });
}
