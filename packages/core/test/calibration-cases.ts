/**
 * The calibration table: sweeps fitted on their smaller scales, with the next one or two scales held out.
 * Synthetic groups are generated from one law and fitted with another (the law is always slightly wrong),
 * with seeded multiplicative noise of 0.5–3 %; real groups are 1-D curves cut from the published anchors.
 * `coverageTable` computes, per group, the share of held-out points inside the calibrated interval and
 * inside the bootstrap band alone, and the median width of each in decades. Shared by calibration.test.ts
 * and the core bench.
 */
import { calibratedForecast, createRandom, predictBnsl, predictChinchilla, quantile, type Direction, type Observation } from "../src";
import { anchorsPresent, readAnchorCsv } from "./anchors";

export interface CalibrationCase {
  group: string;
  name: string;
  model: string;
  direction?: Direction;
  train: Observation[];
  heldOut: Observation[];
}

const NOISE_LEVELS = [0.005, 0.01, 0.02, 0.03] as const;
const SEEDS = [1, 2] as const;
/** Held-out scales after the fitted ones. */
const HELD_OUT = 2;

const logSpaced = (from: number, to: number, count: number) =>
  Array.from({ length: count }, (_, i) => from * (to / from) ** (i / (count - 1)));

/** Splits a 1-D curve sorted by x: the last `HELD_OUT` distinct x held out. */
function split(rows: Observation[]): { train: Observation[]; heldOut: Observation[] } {
  const xs = [...new Set(rows.map((r) => r.x!))].sort((a, b) => a - b);
  const cut = xs[xs.length - HELD_OUT - 1]!;
  return { train: rows.filter((r) => r.x! <= cut), heldOut: rows.filter((r) => r.x! > cut) };
}

function noisy(truth: (x: number) => number, xs: number[], noise: number, seed: number): Observation[] {
  const rng = createRandom(seed);
  return xs.map((x) => ({ x, y: truth(x) * (1 + noise * rng.normal()) }));
}

function synthetic(group: string, model: string, truth: (x: number) => number, xs: number[], direction?: Direction): CalibrationCase[] {
  return NOISE_LEVELS.flatMap((noise) =>
    SEEDS.map((seed) => ({
      group,
      name: `${noise * 100} % noise, seed ${seed}`,
      model,
      ...(direction ? { direction } : {}),
      ...split(noisy(truth, xs, noise, seed * 1000 + Math.round(noise * 1000))),
    })),
  );
}

/** Misspecified synthetic sweeps. */
export function syntheticCases(): CalibrationCase[] {
  const bnsl = { a: 1.5, b: 20, c0: 0.15, c1: 0.25, d1: 3e7, f1: 0.5 };
  const chinchilla = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
  const ladder = logSpaced(1e7, 1e10, 10);
  return [
    ...synthetic("BNSL data, saturating law", "saturating-power-law", (x) => predictBnsl(bnsl, x), logSpaced(1e6, 1e9, 10)),
    // Chinchilla surface at D = 20·N, fitted by a power law in compute C = 6·N·D (misses the floor E).
    ...synthetic(
      "Chinchilla surface, power law in C",
      "power-law",
      (c) => {
        const n = Math.sqrt(c / 120);
        return predictChinchilla(chinchilla, { n, d: 20 * n });
      },
      ladder.map((n) => 6 * n * 20 * n),
    ),
    // Accuracy approaching its ceiling, fitted by an unbounded power law.
    ...synthetic("accuracy near ceiling, power law", "power-law", (x) => 0.92 - 2.5 * x ** -0.2, logSpaced(1e6, 1e9, 10), "higher"),
  ];
}

const num = (v: string | undefined) => Number(v);

/** Best (lowest) y per x, as a curve sorted by x. */
function lowerEnvelope(points: { x: number; y: number }[]): Observation[] {
  const best = new Map<number, number>();
  for (const p of points) best.set(p.x, Math.min(best.get(p.x) ?? Number.POSITIVE_INFINITY, p.y));
  return [...best].sort((a, b) => a[0] - b[0]).map(([x, y]) => ({ x, y }));
}

function curveCases(group: string, curves: Map<string, Observation[]>, minScales: number): CalibrationCase[] {
  return [...curves]
    .map(([name, rows]) => ({ name, rows: lowerEnvelope(rows.filter((r) => r.x! > 0 && r.y > 0).map((r) => ({ x: r.x!, y: r.y }))) }))
    .filter((c) => c.rows.length >= minScales)
    .map((c) => ({ group, name: c.name, model: "saturating-power-law", ...split(c.rows) }));
}

function groupBy<T>(items: T[], key: (t: T) => string, row: (t: T) => Observation): Map<string, Observation[]> {
  const out = new Map<string, Observation[]>();
  for (const t of items) out.set(key(t), [...(out.get(key(t)) ?? []), row(t)]);
  return out;
}

/** Minimum distinct scales of a real curve: 5 to fit on (3 parameters plus backtests) and 2 held out. */
const MIN_REAL_SCALES = 7;

/** 1-D curves from the published anchors (best loss per scale when a scale has several runs). */
export function realCases(): CalibrationCase[] {
  if (!anchorsPresent) return [];
  const openLm = readAnchorCsv("misfitting_open_lm_last_ckpt.csv");
  const datablations = readAnchorCsv("datablations_c4_runs.csv");
  const porian = readAnchorCsv("porian2024_optimal_pairs.csv");
  const epoch = readAnchorCsv("epoch_chinchilla_svg_extracted.csv").map((r) => ({ c: num(r["Training FLOP"]), y: num(r.loss) }));
  const epochKept = epoch.filter((r) => r.y < [...epoch].sort((a, b) => a.y - b.y)[epoch.length - 5]!.y);
  // Loss-optimal frontier: the best loss in each quarter-decade bin of compute, at the bin's centre.
  const epochFrontier = groupBy(
    epochKept,
    () => "loss-optimal vs compute",
    (r) => ({ x: 10 ** ((Math.floor(Math.log10(r.c) * 4) + 0.5) / 4), y: r.y }),
  );
  return [
    ...curveCases("open_lm loss vs N at fixed tokens", groupBy(openLm, (r) => `D = ${r.train_tokens}`, (r) => ({ x: num(r.N), y: num(r.loss) })), MIN_REAL_SCALES),
    ...curveCases("open_lm loss vs tokens at fixed N", groupBy(openLm, (r) => `N = ${r.N}`, (r) => ({ x: num(r.train_tokens), y: num(r.loss) })), MIN_REAL_SCALES),
    ...curveCases(
      "datablations loss vs N at fixed D, U",
      groupBy(datablations, (r) => `D = ${r.tokens_D}, U = ${r.unique_tokens_U}`, (r) => ({ x: num(r.params_N), y: num(r.val_loss) })),
      MIN_REAL_SCALES,
    ),
    ...curveCases("Porian loss-optimal vs compute", groupBy(porian, (r) => r.config!, (r) => ({ x: num(r.flops), y: num(r.loss_star) })), MIN_REAL_SCALES),
    ...curveCases("Epoch Chinchilla loss-optimal vs compute", epochFrontier, MIN_REAL_SCALES),
  ];
}

export interface CoverageRow {
  group: string;
  cases: number;
  heldOut: number;
  /** Held-out points inside the calibrated interval. */
  covered: number;
  /** Held-out points inside the bootstrap band alone. */
  bootstrapCovered: number;
  /** Cases that fell back to parameter uncertainty only. */
  parameterOnly: number;
  /** Median width of the calibrated interval and of the bootstrap band, in decades (log10 upper/lower). */
  medianWidthDecades: number;
  medianBootstrapWidthDecades: number;
}

/** Runs every case at `level` and tallies coverage per group and overall (last row, group "overall"). */
export function coverageTable(cases: CalibrationCase[], options: { level: number; resamples: number }): CoverageRow[] {
  const tallies = new Map<string, { cases: number; heldOut: number; covered: number; bootstrapCovered: number; parameterOnly: number; widths: number[]; bootWidths: number[] }>();
  const tally = (group: string) => {
    const t = tallies.get(group) ?? { cases: 0, heldOut: 0, covered: 0, bootstrapCovered: 0, parameterOnly: 0, widths: [], bootWidths: [] };
    tallies.set(group, t);
    return t;
  };
  for (const c of cases) {
    const scales = c.heldOut.map((r) => r.x!);
    const fc = calibratedForecast(c.model, c.train, scales, { level: options.level, resamples: options.resamples, ...(c.direction ? { direction: c.direction } : {}) });
    for (const t of [tally(c.group), tally("overall")]) {
      t.cases++;
      if (fc.method === "parameter-only") t.parameterOnly++;
      c.heldOut.forEach((r, i) => {
        const p = fc.predictions[i]!;
        t.heldOut++;
        if (r.y >= p.lower && r.y <= p.upper) t.covered++;
        if (p.bootstrap && r.y >= p.bootstrap.lower && r.y <= p.bootstrap.upper) t.bootstrapCovered++;
        t.widths.push(Math.log10(p.upper / p.lower));
        t.bootWidths.push(p.bootstrap ? Math.log10(p.bootstrap.upper / p.bootstrap.lower) : 0);
      });
    }
  }
  const order = [...tallies.keys()].filter((g) => g !== "overall").concat("overall");
  return order.map((group) => {
    const t = tallies.get(group)!;
    return {
      group,
      cases: t.cases,
      heldOut: t.heldOut,
      covered: t.covered,
      bootstrapCovered: t.bootstrapCovered,
      parameterOnly: t.parameterOnly,
      medianWidthDecades: quantile(t.widths, 0.5),
      medianBootstrapWidthDecades: quantile(t.bootWidths, 0.5),
    };
  });
}

/** The table as aligned text. */
export function formatCoverageTable(rows: CoverageRow[], level: number): string {
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(0)} % (${a}/${b})`;
  const header = ["group", "cases", "held out", `calibrated ${level * 100} %`, "bootstrap only", "median width (decades) cal / boot", "parameter-only cases"];
  const body = rows.map((r) => [
    r.group,
    String(r.cases),
    String(r.heldOut),
    pct(r.covered, r.heldOut),
    pct(r.bootstrapCovered, r.heldOut),
    `${r.medianWidthDecades.toFixed(3)} / ${r.medianBootstrapWidthDecades.toFixed(3)}`,
    String(r.parameterOnly),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return [header, ...body].map((cells) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ")).join("\n");
}
