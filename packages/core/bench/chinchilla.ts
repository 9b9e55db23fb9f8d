/**
 * Chinchilla speed benchmark on Epoch AI's 240 points: our fitChinchilla against scipy L-BFGS-B from
 * Epoch's 4,500-start grid (bench/chinchilla_scipy.py, run with python3), and the time of 1,000 bootstrap
 * refits. scipy is a cross-check for this benchmark only, never a runtime dependency.
 *
 * Timings: "cold" is the first fit in this process (includes JIT warm-up), "warm" the median of later
 * fits; the speed-up is computed against both. scipy's time is measured inside Python around the 4,500
 * minimisations only (imports and data loading excluded), which favours scipy.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { anchorsPresent } from "../test/anchors";
import { epochChinchillaPoints } from "../test/epoch-data";
import { bootstrapChinchilla, chinchillaObjective, fitChinchilla, type ChinchillaParams } from "../src/index";
import type { JointPoint } from "../src/types";

interface ScipyResult {
  seconds: number;
  starts: number;
  successes: number;
  objective: number;
  params: ChinchillaParams;
}

const here = dirname(fileURLToPath(import.meta.url));

function runScipy(points: readonly JointPoint[]): ScipyResult | string {
  const input = JSON.stringify({ n: points.map((p) => p.n), d: points.map((p) => p.d), y: points.map((p) => p.y) });
  const out = spawnSync("python3", [join(here, "chinchilla_scipy.py")], { input, encoding: "utf8", maxBuffer: 1 << 20 });
  if (out.error) return `could not run python3: ${out.error.message}`;
  if (out.status !== 0) return `python3 exited with ${out.status}: ${out.stderr.trim().split("\n").at(-1) ?? ""}`;
  return JSON.parse(out.stdout) as ScipyResult;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmtParams = (p: ChinchillaParams) =>
  `E ${p.E.toFixed(5)}  A ${p.A.toFixed(1)}  B ${p.B.toFixed(1)}  α ${p.alpha.toFixed(5)}  β ${p.beta.toFixed(5)}`;

export function benchChinchilla(options: { scipy: boolean; resamples: number; warmRuns: number }): void {
  if (!anchorsPresent) {
    console.log("chinchilla benchmark skipped: the published anchors are not present");
    return;
  }
  const points = epochChinchillaPoints();
  console.log(`Chinchilla fit, Epoch AI data (${points.length} points)`);

  let t = performance.now();
  const cold = fitChinchilla(points);
  const coldMs = performance.now() - t;
  const warm: number[] = [];
  for (let k = 0; k < options.warmRuns; k++) {
    t = performance.now();
    fitChinchilla(points);
    warm.push(performance.now() - t);
  }
  const warmMs = median(warm);
  console.log(`  ours : objective ${cold.objective.toExponential(8)}  ${fmtParams(cold.params)}`);
  console.log(`         time cold ${coldMs.toFixed(1)} ms, warm median of ${options.warmRuns} ${warmMs.toFixed(2)} ms  (${cold.message})`);

  if (options.scipy) {
    const ref = runScipy(points);
    if (typeof ref === "string") {
      console.log(`  scipy: reference unavailable (${ref})`);
    } else {
      const refObjective = chinchillaObjective(points, ref.params);
      console.log(`  scipy: objective ${ref.objective.toExponential(8)}  ${fmtParams(ref.params)}`);
      console.log(`         ${ref.successes}/${ref.starts} starts succeeded, time ${(ref.seconds * 1000).toFixed(0)} ms`);
      console.log(`         (our objective function at scipy's parameters: ${refObjective.toExponential(8)})`);
      console.log(
        `  speed-up: ${(ref.seconds * 1000 / warmMs).toFixed(0)}× warm, ${(ref.seconds * 1000 / coldMs).toFixed(0)}× cold; ` +
          `objective ours − scipy = ${(cold.objective - ref.objective).toExponential(2)} (${cold.objective <= ref.objective * (1 + 1e-9) ? "no worse" : "WORSE"})`,
      );
    }
  } else {
    console.log("  scipy: skipped (--no-scipy)");
  }

  t = performance.now();
  const boot = bootstrapChinchilla(points, { resamples: options.resamples, seed: 42, full: cold });
  const bootMs = performance.now() - t;
  console.log(
    `  bootstrap: ${options.resamples} refits (warm-started from the full fit) in ${(bootMs / 1000).toFixed(2)} s, ` +
      `${(bootMs / options.resamples).toFixed(2)} ms each, ${boot.failures} failures`,
  );
}
