/**
 * Coverage of the calibrated prediction intervals on the calibration table (test/calibration-cases.ts):
 * per group, the share of held-out points inside the calibrated interval and inside the bootstrap band
 * alone, the median widths in decades, and the time per case (bootstrap refits + backtest refits).
 */
import { coverageTable, formatCoverageTable, realCases, syntheticCases } from "../test/calibration-cases";

export function benchCalibration(options: { resamples: number; level: number }): void {
  const cases = [...syntheticCases(), ...realCases()];
  const started = performance.now();
  const table = coverageTable(cases, options);
  const ms = performance.now() - started;
  console.log(`\ncalibrated intervals: ${cases.length} cases, ${options.resamples} bootstrap resamples each, level ${options.level}`);
  console.log(formatCoverageTable(table, options.level));
  console.log(`time: ${(ms / 1000).toFixed(1)} s in all, ${(ms / cases.length).toFixed(0)} ms per case`);
}
