/**
 * One-dimensional minimisation on a bounded interval, deterministic and with a fixed cost.
 * - goldenSectionMinimum: golden-section search; assumes f is unimodal on [lo, hi]. O(iterations).
 * - minimizeOnGrid: a scan of evenly spaced points, then golden-section inside the two cells around the best
 *   one, so a function with several dips gets its lowest one (to the grid's resolution). O(gridPoints +
 *   iterations). `atEdge` says the best grid point was an end of the interval (the minimum may lie outside).
 */
const GOLDEN = (Math.sqrt(5) - 1) / 2;

export interface MinimizeScalarOptions {
  /** Evenly spaced points scanned by minimizeOnGrid (at least 3). */
  gridPoints: number;
  /** Golden-section steps. */
  iterations: number;
}

/** Defaults of every option, in one place: 100 golden-section steps shrink a bracket by 0.618^100 ≈ 1e-21. */
export const MINIMIZE_SCALAR_DEFAULTS: Readonly<MinimizeScalarOptions> = Object.freeze({ gridPoints: 200, iterations: 100 });

export function goldenSectionMinimum(f: (x: number) => number, lo: number, hi: number, iterations: number = MINIMIZE_SCALAR_DEFAULTS.iterations): number {
  let a = lo;
  let b = hi;
  let m1 = b - GOLDEN * (b - a);
  let m2 = a + GOLDEN * (b - a);
  let f1 = f(m1);
  let f2 = f(m2);
  // Each step keeps one interior point and evaluates f once.
  for (let i = 0; i < iterations; i++) {
    if (f1 < f2) {
      b = m2;
      m2 = m1;
      f2 = f1;
      m1 = b - GOLDEN * (b - a);
      f1 = f(m1);
    } else {
      a = m1;
      m1 = m2;
      f1 = f2;
      m2 = a + GOLDEN * (b - a);
      f2 = f(m2);
    }
  }
  return (a + b) / 2;
}

export function minimizeOnGrid(
  f: (x: number) => number,
  lo: number,
  hi: number,
  options: Partial<MinimizeScalarOptions> = {},
): { x: number; value: number; atEdge: boolean } {
  const { gridPoints, iterations } = { ...MINIMIZE_SCALAR_DEFAULTS, ...options };
  if (!(hi > lo) || !Number.isInteger(gridPoints) || gridPoints < 3) {
    throw new Error(`minimizeOnGrid needs lo < hi and at least 3 grid points, got [${lo}, ${hi}] and ${gridPoints}`);
  }
  const step = (hi - lo) / (gridPoints - 1);
  let best = 0;
  let bestValue = Number.POSITIVE_INFINITY;
  for (let i = 0; i < gridPoints; i++) {
    const v = f(lo + i * step);
    if (v < bestValue) {
      bestValue = v;
      best = i;
    }
  }
  const x = goldenSectionMinimum(f, lo + Math.max(best - 1, 0) * step, lo + Math.min(best + 1, gridPoints - 1) * step, iterations);
  const value = f(x);
  const atEdge = best === 0 || best === gridPoints - 1;
  return value <= bestValue ? { x, value, atEdge } : { x: lo + best * step, value: bestValue, atEdge };
}
