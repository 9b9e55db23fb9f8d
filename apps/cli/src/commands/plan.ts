/**
 * `scalecast plan --compute C`: compute-optimal N and D (and tokens per parameter) for each budget from a
 * Chinchilla-form law: a published preset, explicit parameters, or a chinchilla fit of the team's own file.
 * Optionally the compute needed for a target loss, and learning rate / batch size from η/B power laws.
 * With --unique-tokens U the plan is made under that data cap instead (plan-data-cap.ts).
 */
import {
  computeForLoss,
  computeOptimal,
  fitModel,
  PUBLISHED_HYPERPARAMETER_LAWS,
  PUBLISHED_LAW_NAMES,
  publishedLaw,
  suggestHyperParameters,
  type ChinchillaLaw,
  type PowerLawParams,
} from "@scalecast/core";
import { InvalidArgumentError, type Command } from "commander";
import { observationsFor } from "../dataset";
import { addColumnOptions, collectNumbers, parseInteger, parseNumber } from "../options";
import { formatNumber, formatTable, printJson, printText } from "../output";
import { readTable } from "../read-table";
import { checkNoCapFlags, runPlanUnderDataCap } from "./plan-data-cap";

interface PlanOptions {
  compute?: number[];
  preset?: string;
  params?: string;
  fit?: string;
  targetLoss?: number;
  lrLaw?: PowerLawParams;
  batchLaw?: PowerLawParams;
  hyperPreset?: string;
  n?: string;
  d?: string;
  u?: string;
  y?: string;
  uniqueTokens?: number;
  extraUniqueTokens?: number;
  bootstrap?: number;
  seed: number;
  level: number;
  json?: boolean;
}

function parseLaw(value: string): PowerLawParams {
  const parts = value.split(",").map((s) => Number(s.trim()));
  if (parts.length !== 2 || parts.some((v) => !Number.isFinite(v))) {
    throw new InvalidArgumentError(`expected "k,a" for the law k·C^a, got "${value}"`);
  }
  return { K: parts[0]!, a: parts[1]! };
}

const LAW_KEYS = ["E", "A", "B", "alpha", "beta"] as const;

function parseParams(json: string): ChinchillaLaw {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`--params must be a JSON object with ${LAW_KEYS.join(", ")}, got ${json}`);
  }
  const obj = (value ?? {}) as Record<string, unknown>;
  const missing = LAW_KEYS.filter((k) => typeof obj[k] !== "number");
  if (missing.length > 0) throw new Error(`--params is missing the numbers ${missing.join(", ")}`);
  return Object.fromEntries(LAW_KEYS.map((k) => [k, obj[k] as number])) as unknown as ChinchillaLaw;
}

function chooseLaw(o: PlanOptions): { source: string; params: ChinchillaLaw } {
  const given = [o.preset, o.params, o.fit].filter((v) => v !== undefined).length;
  if (given > 1) throw new Error("give only one of --preset, --params and --fit");
  if (o.params !== undefined) return { source: "--params", params: parseParams(o.params) };
  if (o.fit !== undefined) {
    const fit = fitModel("chinchilla", observationsFor("chinchilla", readTable(o.fit), o));
    return { source: `chinchilla fit of ${o.fit}`, params: fit.params as unknown as ChinchillaLaw };
  }
  return publishedLaw(o.preset ?? "epoch-2024");
}

export function registerPlan(program: Command): void {
  const cmd = program
    .command("plan")
    .description("compute-optimal N and D for a budget, compute for a target loss, hyper-parameters")
    .option("--compute <flops>", "compute budget in FLOPs, repeatable", collectNumbers)
    .option("--preset <name>", `published law: ${PUBLISHED_LAW_NAMES.join(", ")} (default epoch-2024)`)
    .option("--params <json>", 'explicit law, e.g. {"E":1.69,"A":406.4,"B":410.7,"alpha":0.34,"beta":0.28}')
    .option("--fit <file>", "fit the chinchilla law to this CSV/JSONL file (columns via --n --d --y)")
    .option("--target-loss <loss>", "print the compute (and N, D) needed to reach this loss", parseNumber)
    .option("--lr-law <k,a>", "learning-rate law η = k·C^a", parseLaw)
    .option("--batch-law <k,a>", "batch-size law B = k·C^a (tokens)", parseLaw)
    .option("--hyper-preset <name>", `published η/B laws: ${Object.keys(PUBLISHED_HYPERPARAMETER_LAWS).join(", ")}`)
    .option("--unique-tokens <tokens>", "plan under a cap of this many unique tokens (data-constrained law: --preset muennighoff-2023-c4, the default, or --fit FILE)", parseNumber)
    .option("--extra-unique-tokens <tokens>", "with --unique-tokens: the value of this many more unique tokens (default 1e10)", parseNumber)
    .option("--bootstrap <resamples>", "with --unique-tokens --fit: bootstrap resamples for intervals", parseInteger)
    .option("--seed <seed>", "seed of the bootstrap resampling", parseInteger, 42)
    .option("--level <level>", "central probability of the intervals", parseNumber, 0.95)
    .option("--json", "print one JSON object");
  addColumnOptions(cmd);
  cmd.action((o: PlanOptions) => {
    if (o.uniqueTokens !== undefined) return runPlanUnderDataCap({ ...o, uniqueTokens: o.uniqueTokens });
    checkNoCapFlags(o);
    if (!o.compute && o.targetLoss === undefined) throw new Error("plan needs --compute or --target-loss");
    const law = chooseLaw(o);
    const hyper: Partial<Record<"learningRate" | "batchSize", PowerLawParams>> = {};
    if (o.hyperPreset !== undefined) {
      const preset = (PUBLISHED_HYPERPARAMETER_LAWS as Record<string, { laws: Record<"learningRate" | "batchSize", PowerLawParams> }>)[o.hyperPreset];
      if (!preset) {
        throw new Error(`unknown hyper-parameter preset "${o.hyperPreset}"; valid presets: ${Object.keys(PUBLISHED_HYPERPARAMETER_LAWS).join(", ")}`);
      }
      Object.assign(hyper, preset.laws);
    }
    if (o.lrLaw) hyper.learningRate = o.lrLaw;
    if (o.batchLaw) hyper.batchSize = o.batchLaw;
    const budgets = (o.compute ?? []).map((c): Record<string, number> => ({
      ...computeOptimal(law.params, c),
      ...suggestHyperParameters(hyper as Record<string, PowerLawParams>, c),
    }));
    const target = o.targetLoss === undefined ? undefined : { targetLoss: o.targetLoss, ...computeForLoss(law.params, o.targetLoss) };
    if (o.json) return printJson({ law, budgets, ...(target ? { target } : {}) });
    const p = law.params;
    const lines = [`law: ${law.source}: E ${formatNumber(p.E)}, A ${formatNumber(p.A)}, B ${formatNumber(p.B)}, alpha ${formatNumber(p.alpha)}, beta ${formatNumber(p.beta)}`];
    const hasHyper = hyper.learningRate !== undefined || hyper.batchSize !== undefined;
    const header = ["compute", "N (params)", "D (tokens)", "tokens/param", "loss", ...(hasHyper ? ["learning rate", "batch (tokens)"] : [])];
    const rows = budgets.map((b) => [
      formatNumber(b.compute),
      formatNumber(b.n),
      formatNumber(b.d),
      formatNumber(b.tokensPerParam),
      formatNumber(b.loss),
      ...(hasHyper ? [formatNumber(b.learningRate), formatNumber(b.batchSize)] : []),
    ]);
    if (rows.length > 0) lines.push("", formatTable(header, rows));
    if (target) {
      lines.push("", `to reach loss ${formatNumber(target.targetLoss)}: ${formatNumber(target.compute)} FLOPs with N = ${formatNumber(target.n)}, D = ${formatNumber(target.d)} (${formatNumber(target.tokensPerParam)} tokens/param)`);
    }
    printText(lines.join("\n"));
  });
}
