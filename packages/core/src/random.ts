/**
 * Seeded pseudo-random numbers. `core` never calls Math.random: every draw comes from a generator
 * built from an explicit seed, so fits, bootstraps and synthetic data are reproducible.
 */
export interface Random {
  /** Uniform on [0, 1). */
  next(): number;
  /** Uniform integer on [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller, one value per call). */
  normal(): number;
}

/** mulberry32: 32-bit state, period 2^32, fast and good enough for resampling and noise. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}
