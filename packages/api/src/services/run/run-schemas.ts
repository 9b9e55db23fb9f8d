import { z } from "zod";

/** Most runs one call (tRPC, REST or one import request) may carry. */
export const MAX_RUNS_PER_BATCH = 5_000;

/** One training result as a script sends it. */
export const ZRunInput = z.strictObject({
  runKey: z
    .string("runKey must be a string")
    .trim()
    .min(1, "runKey must not be empty")
    .max(200, "runKey must be at most 200 characters"),
  scales: z.record(
    z.string().min(1, "axis names must not be empty"),
    z.number("scale values must be numbers").positive("scale values must be positive (they are read on a log axis)"),
    "scales must be an object of axis → number, e.g. {\"N\": 1.2e8}",
  ),
  metrics: z.record(
    z.string().min(1, "metric names must not be empty"),
    z.number("metric values must be finite numbers"),
    "metrics must be an object of metric → number, e.g. {\"loss\": 2.91}",
  ),
  seed: z
    .number("seed must be an integer")
    .int("seed must be an integer")
    .min(-2_147_483_648, "seed must fit in 32 bits")
    .max(2_147_483_647, "seed must fit in 32 bits")
    .nullish(),
});
export type TRunInput = z.infer<typeof ZRunInput>;

export const ZRunBatch = z
  .array(ZRunInput, "runs must be an array of runs")
  .min(1, "runs must hold at least one run")
  .max(MAX_RUNS_PER_BATCH, `runs may hold at most ${MAX_RUNS_PER_BATCH} runs per call; split the batch`);

/** What every ingest (tRPC, REST, import) answers: nothing is written twice, duplicates are named. */
export const ZIngestResult = z.object({
  sweepId: z.string(),
  inserted: z.number().int(),
  duplicates: z.number().int(),
  insertedRunKeys: z.array(z.string()),
  duplicateRunKeys: z.array(z.string()),
});
export type TIngestResult = z.infer<typeof ZIngestResult>;
