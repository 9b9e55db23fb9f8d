/**
 * Benchmarks of @scalecast/core: `npm run bench -w @scalecast/core` (tsx bench/run.ts).
 * Flags: --no-scipy (skip the Python reference), --resamples=N (bootstrap refits, default 1000),
 * --warm-runs=N (timed fits after the first, default 20), --calibration-resamples=N (bootstrap refits per case
 * of the calibration coverage table, default 200).
 */
import { benchCalibration } from "./calibration";
import { benchChinchilla } from "./chinchilla";
import { benchDataCap } from "./data-cap";
import { positiveIntegerFlag as flag } from "./flags";

const args = process.argv.slice(2);

benchChinchilla({
  scipy: !args.includes("--no-scipy"),
  resamples: flag("resamples", 1000),
  warmRuns: flag("warm-runs", 20),
});

benchCalibration({ resamples: flag("calibration-resamples", 200), level: 0.9 });

benchDataCap();
