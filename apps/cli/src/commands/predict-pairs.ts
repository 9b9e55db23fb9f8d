/**
 * `scalecast predict … --at-n N --at-d D [--at-u U]` (repeatable, paired in order): a joint law (chinchilla,
 * kaplan, data-constrained) at planned runs (N, D[, U]), each with the bootstrap's interval, which covers
 * parameter uncertainty only. The pairs are checked before fitting, so a mistyped flag fails fast.
 */
import { getModel, InputError, PREDICT_JOINT_ERRORS, predictJointAt, type FittedModel, type JointPrediction, type JointScale } from "@scalecast/core";
import type { Command } from "commander";
import { collectNumbers } from "../options";
import { formatNumber, formatTable } from "../output";

export interface PairOptions {
  atN?: number[];
  atD?: number[];
  atU?: number[];
}

/** The exact messages of the pair flags (each asserted by a test); N, D and U values are checked by core. */
export const PREDICT_PAIR_ERRORS = {
  counts: (n: number, d: number) => `--at-n and --at-d pair up in order: got ${n} --at-n and ${d} --at-d`,
  uniqueCount: (u: number, pairs: number) => `--at-u gives U for every (N, D) pair: got ${u} --at-u for ${pairs} pairs`,
  badPair: (index: number, pair: JointScale, problem: string) =>
    `pair ${index} (--at-n ${pair.n} --at-d ${pair.d}${pair.u === undefined ? "" : ` --at-u ${pair.u}`}): ${problem}`,
} as const;

export function addPairOptions(cmd: Command): Command {
  return cmd
    .option("--at-n <params>", "joint laws: parameters N of a planned run, paired in order with --at-d; repeatable", collectNumbers)
    .option("--at-d <tokens>", "joint laws: training tokens D of a planned run; repeatable", collectNumbers)
    .option("--at-u <tokens>", "data-constrained: unique tokens U of each planned run (default: the data's largest U, at most D); repeatable", collectNumbers);
}

/** The planned runs of the flags, or undefined without --at-n/--at-d; throws a flag's exact message. */
export function pairsOf(o: PairOptions, model: string): JointScale[] | undefined {
  const ns = o.atN ?? [];
  const ds = o.atD ?? [];
  if (ns.length === 0 && ds.length === 0 && !o.atU) return undefined;
  if (getModel(model).axes !== "n+d") throw new Error(PREDICT_JOINT_ERRORS.notJoint(model));
  if (ns.length !== ds.length) throw new Error(PREDICT_PAIR_ERRORS.counts(ns.length, ds.length));
  if (o.atU && o.atU.length !== ns.length) throw new Error(PREDICT_PAIR_ERRORS.uniqueCount(o.atU.length, ns.length));
  return ns.map((n, i) => (o.atU ? { n, d: ds[i]!, u: o.atU[i]! } : { n, d: ds[i]! }));
}

/** Each pair through core's predictJointAt; a bad value is reported with its pair (1-based) and flags. */
export function predictPairs(f: FittedModel, pairs: readonly JointScale[], level: number): JointPrediction[] {
  return pairs.map((p, i) => {
    try {
      return predictJointAt(f, p, level);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      throw new Error(PREDICT_PAIR_ERRORS.badPair(i + 1, p, e.message));
    }
  });
}

/** The predictions as a table, with what the interval covers and why one is not reliable. */
export function pairLines(predictions: readonly JointPrediction[], level: number): string[] {
  const withU = predictions.some((p) => p.u !== undefined);
  const header = ["N", "D", ...(withU ? ["U"] : []), "predicted", `${level * 100}% interval`];
  const rows = predictions.map((p) => [
    formatNumber(p.n),
    formatNumber(p.d),
    ...(withU ? [formatNumber(p.u)] : []),
    formatNumber(p.value),
    !p.interval ? "- (no --bootstrap)" : p.interval.unreliable ? "not reliable" : `[${formatNumber(p.interval.lower)}, ${formatNumber(p.interval.upper)}]`,
  ]);
  const unreliable = predictions.find((p) => p.interval?.unreliable)?.interval?.unreliable;
  return [
    "at planned runs (N, D):",
    formatTable(header, rows),
    `interval: ${predictions[0]?.uncertainty ?? ""}`,
    ...(unreliable ? [`interval not reliable: ${unreliable}`] : []),
  ];
}
