/**
 * Start-up benchmark of the `scalecast` CLI: `npm run bench -w @scalecast/cli` (tsx bench/run.ts). Printed, not
 * asserted. Every figure is the wall time of a whole process (spawn to exit), the median of --runs=N runs
 * (default 10) after one untimed warm-up run:
 * - `scalecast --help` and `scalecast fit` on Epoch AI's Chinchilla data (240 points, Epoch's preprocessing,
 *   written to a temporary CSV as columns n, d, y), as shipped (bin/scalecast.mjs running the bundle) and from
 *   the sources through tsx (how the bin ran before the bundle), beside an empty `node -e ""`;
 * - the scipy reference, bench/chinchilla_fit_scipy.py on the same CSV (--scipy-runs=N, default 1: each run
 *   takes minutes), and the speed-up of `scalecast fit` over it. --no-scipy skips it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { anchorsPresent } from "../../../packages/core/test/anchors";
import { epochChinchillaPoints } from "../../../packages/core/test/epoch-data";
import { positiveIntegerFlag as flag } from "../../../packages/core/bench/flags";

const cliDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const runs = flag("runs", 10);
const scipyRuns = flag("scipy-runs", 1);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
  stdout: string;
}

/** Wall times of `command args` as whole processes: one untimed warm-up run, then `times` timed ones. */
function time(command: string, commandArgs: string[], times: number, warmUp = true): Timing {
  const once = () => {
    const started = performance.now();
    const r = spawnSync(command, commandArgs, { cwd: cliDir, encoding: "utf8", maxBuffer: 1 << 24 });
    const ms = performance.now() - started;
    if (r.status !== 0) throw new Error(`${command} ${commandArgs.join(" ")} exited with ${r.status}: ${r.stderr || r.error?.message}`);
    return { ms, stdout: r.stdout };
  };
  if (warmUp) once();
  const results = Array.from({ length: times }, once);
  const ms = results.map((r) => r.ms);
  return { medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), stdout: results[0]!.stdout };
}

const describe = (t: Timing) => `${t.medianMs.toFixed(0).padStart(6)} ms (${t.minMs.toFixed(0)}–${t.maxMs.toFixed(0)})`;

const bundled = (cliArgs: string[]) => time(process.execPath, [join(cliDir, "bin/scalecast.mjs"), ...cliArgs], runs);
const fromSources = (cliArgs: string[]) => time(process.execPath, ["--import", "tsx/esm", join(cliDir, "src/main.ts"), ...cliArgs], runs);

if (!anchorsPresent) {
  console.log("CLI benchmark skipped: the published anchors are not present");
} else {
  const points = epochChinchillaPoints();
  const csv = join(mkdtempSync(join(tmpdir(), "scalecast-cli-bench-")), "epoch-chinchilla.csv");
  writeFileSync(csv, `n,d,y\n${points.map((p) => `${p.n},${p.d},${p.y}`).join("\n")}\n`);
  const fitArgs = ["fit", csv, "--model", "chinchilla", "--json"];

  console.log(`scalecast start-up: whole process, median of ${runs} runs (min–max)`);
  console.log(`  node -e ""                          ${describe(time(process.execPath, ["-e", ""], runs))}`);
  console.log(`  --help   bundle                     ${describe(bundled(["--help"]))}`);
  console.log(`           sources through tsx        ${describe(fromSources(["--help"]))}`);
  const fit = bundled(fitArgs);
  console.log(`  fit      bundle                     ${describe(fit)}   (Epoch AI's Chinchilla data, ${points.length} points)`);
  console.log(`           sources through tsx        ${describe(fromSources(fitArgs))}`);
  const ours = JSON.parse(fit.stdout) as { objective: number; params: Record<string, number> };

  if (args.includes("--no-scipy")) {
    console.log("scipy: skipped (--no-scipy)");
  } else {
    const scipy = time("python3", [join(cliDir, "bench/chinchilla_fit_scipy.py"), csv], scipyRuns, false);
    const reference = JSON.parse(scipy.stdout) as { objective: number; seconds: number; starts: number; successes: number };
    console.log(`scipy reference (bench/chinchilla_fit_scipy.py, ${reference.successes}/${reference.starts} starts succeeded), whole process, median of ${scipyRuns}:`);
    console.log(`                                      ${describe(scipy)}   (of which the minimisations ${(reference.seconds * 1000).toFixed(0)} ms)`);
    console.log(`  objective: scalecast ${ours.objective.toExponential(8)}, scipy ${reference.objective.toExponential(8)}`);
    console.log(`  speed-up of scalecast fit (bundle) over scipy, whole processes: ${(scipy.medianMs / fit.medianMs).toFixed(0)}×`);
  }
}
