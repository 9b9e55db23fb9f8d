/**
 * Calibration measured, not assumed: on the table of misspecified synthetic sweeps and real published
 * curves (test/calibration-cases.ts), fitted on their smaller scales with the next one or two held out, at
 * least 85 % of the held-out points fall inside the 90 % calibrated interval. Prints the table, with the
 * bootstrap band alone for comparison.
 */
import { describe, expect, it } from "vitest";
import { coverageTable, formatCoverageTable, realCases, syntheticCases } from "../test/calibration-cases";

/** Bootstrap refits per case: enough for a 90 % band's ends, small enough for the test suite (about 10 s). */
const RESAMPLES = 50;
const LEVEL = 0.9;

describe("calibratedForecast coverage on held-out scales", () => {
  const table = coverageTable([...syntheticCases(), ...realCases()], { level: LEVEL, resamples: RESAMPLES });
  console.log(`coverage of held-out points, ${LEVEL * 100} % intervals:\n${formatCoverageTable(table, LEVEL)}`);
  const overall = table.at(-1)!;

  it("covers at least 85 % of the held-out points overall with 90 % intervals", () => {
    expect(overall.group).toBe("overall");
    expect(overall.heldOut).toBeGreaterThanOrEqual(48);
    expect(overall.covered / overall.heldOut).toBeGreaterThanOrEqual(0.85);
  });

  it("covers more than the bootstrap band alone, which misses the misspecification", () => {
    expect(overall.covered).toBeGreaterThan(overall.bootstrapCovered);
    expect(overall.bootstrapCovered / overall.heldOut).toBeLessThan(0.85);
  });

  it("is not absurdly wide: median width under a quarter of a decade in every group", () => {
    for (const row of table) expect(row.medianWidthDecades, row.group).toBeLessThan(0.25);
  });
});
