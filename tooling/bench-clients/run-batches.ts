/** One synthetic run as a training script posts it. */
export interface BenchRun {
  runKey: string;
  scales: { N: number; D: number };
  metrics: { loss: number; accuracy: number };
  seed: number;
}

/**
 * `total` synthetic runs on an N×D grid with a Chinchilla-shaped loss, keys `${prefix}-0…`, in batches of
 * `batch`: the ingest benchmarks' payload.
 */
export function runBatches(prefix: string, total: number, batch: number): BenchRun[][] {
  return Array.from({ length: Math.ceil(total / batch) }, (_, b) =>
    Array.from({ length: Math.min(batch, total - b * batch) }, (_, i) => {
      const k = b * batch + i;
      const n = 1e7 * (1 + (k % 1000));
      const d = 2e8 * (1 + Math.floor(k / 1000));
      return { runKey: `${prefix}-${k}`, scales: { N: n, D: d }, metrics: { loss: 1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28, accuracy: 0.5 }, seed: k % 3 };
    }),
  );
}
