/**
 * The demo organisation: sweeps generated from published scaling laws (facts from the papers) with
 * seeded multiplicative noise. Everything here is labelled synthetic wherever it is shown.
 */
import {
  createRandom,
  HOFFMANN_2022,
  KAPLAN_2020,
  predictChinchilla,
  predictKaplan,
  predictLogLinear,
  predictPowerLaw,
  predictSaturatingPowerLaw,
  type Random,
} from "@scalecast/core";

export interface DemoRun {
  runKey: string;
  scales: Record<string, number>;
  metrics: Record<string, number>;
  seed: number;
}

export interface DemoSweep {
  team: { slug: string; name: string };
  methodology: { name: string; description: string };
  sweep: {
    name: string;
    axes: string[];
    metric: string;
    direction: "lower" | "higher";
    targetScale: number | null;
  };
  runs: DemoRun[];
}

/** The seed of the noise: the demo data is the same on every machine. */
export const DEMO_SEED = 20_240_404;
/** Relative noise of a demo run's score (1 %: the spread of repeated seeds in small LM runs). */
const NOISE = 0.01;

const TEAMS = {
  pretraining: { slug: "pretraining", name: "Pretraining" },
  data: { slug: "data", name: "Data" },
  posttraining: { slug: "post-training", name: "Post-training" },
} as const;

function logSpace(from: number, to: number, count: number): number[] {
  const step = (Math.log10(to) - Math.log10(from)) / (count - 1);
  return Array.from({ length: count }, (_, i) => 10 ** (Math.log10(from) + i * step));
}

function noisy(random: Random, value: number): number {
  return value * Math.exp(NOISE * random.normal());
}

/** IsoFLOP grid: for each budget C, model sizes around the optimum, D = C / (6N). */
function isoflopGrid(budgets: number[], sizesPerBudget: number): { n: number; d: number }[] {
  return budgets.flatMap((c) => {
    const nCentre = Math.sqrt(c / 6 / 20);
    return logSpace(nCentre / 6, nCentre * 6, sizesPerBudget).map((n) => ({ n, d: c / (6 * n) }));
  });
}

function jointRuns(prefix: string, random: Random, predict: (n: number, d: number) => number): DemoRun[] {
  return isoflopGrid([6e18, 2e19, 6e19, 2e20, 6e20, 2e21], 7).map(({ n, d }, i) => ({
    runKey: `${prefix}-${i + 1}`,
    scales: { N: Math.round(n), D: Math.round(d), C: 6 * n * d },
    metrics: { loss: noisy(random, predict(n, d)) },
    seed: i,
  }));
}

function curveRuns(prefix: string, random: Random, xs: number[], metric: string, predict: (x: number) => number): DemoRun[] {
  return xs.map((x, i) => ({
    runKey: `${prefix}-${i + 1}`,
    scales: { D: Math.round(x) },
    metrics: { [metric]: noisy(random, predict(x)) },
    seed: i,
  }));
}

/** The six demo sweeps, deterministic for DEMO_SEED. */
export function demoSweeps(seed: number = DEMO_SEED): DemoSweep[] {
  const random = createRandom(seed);
  const dataSizes = logSpace(1e7, 3e9, 8);
  return [
    {
      team: TEAMS.pretraining,
      methodology: {
        name: "Dense transformer",
        description: "Synthetic: Hoffmann et al. 2022 law (E 1.69, A 406.4, B 410.7, α 0.34, β 0.28) with 1 % noise.",
      },
      sweep: { name: "IsoFLOP grid", axes: ["N", "D"], metric: "loss", direction: "lower", targetScale: 1e22 },
      runs: jointRuns("dense", random, (n, d) => predictChinchilla(HOFFMANN_2022, { n, d })),
    },
    {
      team: TEAMS.pretraining,
      methodology: {
        name: "Kaplan-style LM",
        description: "Synthetic: Kaplan et al. 2020 joint law (α_N 0.076, α_D 0.103, N_c 6.4e13, D_c 1.8e13) with 1 % noise.",
      },
      sweep: { name: "N × D grid", axes: ["N", "D"], metric: "loss", direction: "lower", targetScale: 1e22 },
      runs: jointRuns("kaplan", random, (n, d) => predictKaplan(KAPLAN_2020, { n, d })),
    },
    {
      team: TEAMS.data,
      methodology: { name: "Web crawl v2", description: "Synthetic: saturating accuracy 0.86 − 3.0·D^−0.12 with 1 % noise." },
      sweep: { name: "Data size sweep", axes: ["D"], metric: "accuracy", direction: "higher", targetScale: 1e10 },
      runs: curveRuns("webcrawl", random, dataSizes, "accuracy", (x) =>
        predictSaturatingPowerLaw({ E: 0.86, A: 3.0, alpha: 0.12 }, x, "higher"),
      ),
    },
    {
      team: TEAMS.data,
      methodology: {
        name: "Synthetic math data",
        description: "Synthetic: log-linear accuracy −0.65 + 0.14·log10 D with 1 % noise; overtakes Web crawl v2 near 1e9 tokens.",
      },
      sweep: { name: "Data size sweep", axes: ["D"], metric: "accuracy", direction: "higher", targetScale: 1e10 },
      runs: curveRuns("synthmath", random, dataSizes, "accuracy", (x) => predictLogLinear({ a: -0.65, b: 0.14 }, x)),
    },
    {
      team: TEAMS.posttraining,
      methodology: {
        name: "Instruction mix A",
        description: "Synthetic: accuracy already near its plateau, 0.71 − 0.9·D^−0.55, with 1 % noise.",
      },
      sweep: { name: "Examples sweep", axes: ["D"], metric: "accuracy", direction: "higher", targetScale: 1e7 },
      runs: curveRuns("mixa", random, logSpace(1e3, 1e6, 7), "accuracy", (x) =>
        predictSaturatingPowerLaw({ E: 0.71, A: 0.9, alpha: 0.55 }, x, "higher"),
      ),
    },
    {
      team: TEAMS.posttraining,
      methodology: {
        name: "RL with verifier",
        description: "Synthetic: error rate 2.0·D^−0.16 (a pure power law) with 1 % noise.",
      },
      sweep: { name: "Samples sweep", axes: ["D"], metric: "error", direction: "lower", targetScale: 1e8 },
      runs: curveRuns("rlv", random, logSpace(1e4, 3e6, 7), "error", (x) => predictPowerLaw({ K: 2.0, a: -0.16 }, x)),
    },
  ];
}
