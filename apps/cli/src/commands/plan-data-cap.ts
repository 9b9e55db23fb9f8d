/**
 * `scalecast plan --compute C --unique-tokens U`: the compute-optimal plan when only U unique tokens exist,
 * from a data-constrained law (Muennighoff et al. 2023): a published preset (default muennighoff-2023-c4)
 * or the law fitted to the team's file (columns n, d, u, y), with bootstrap intervals when --bootstrap is
 * given. Beside it: the plan with unlimited data, the loss gap, what more unique tokens are worth, and the
 * published allocation recipes at the same budget.
 */
import {
  bootstrapModel,
  compareRecipes,
  dataCapPlanIntervals,
  fitModel,
  fittedRangeOf,
  planUnderDataCap,
  publishedDataConstrainedLaw,
  PUBLISHED_DATA_CONSTRAINED_LAW_NAMES,
  PUBLISHED_LAW_NAMES,
  type DataCapPlan,
  type DataConstrainedParams,
  type FittedRange,
} from "@scalecast/core";
import { observationsFor, type ColumnOptions } from "../dataset";
import { formatNumber, formatTable, printJson, printText } from "../output";
import { readTable } from "../read-table";

export interface DataCapOptions extends ColumnOptions {
  compute?: number[];
  uniqueTokens: number;
  extraUniqueTokens?: number;
  preset?: string;
  params?: string;
  fit?: string;
  targetLoss?: number;
  bootstrap?: number;
  seed: number;
  level: number;
  json?: boolean;
}

/** The exact messages of the flags of this mode (each asserted by a test). */
export const PLAN_DATA_CAP_ERRORS = {
  needsDataConstrained: () =>
    `--unique-tokens needs a data-constrained law: --preset ${PUBLISHED_DATA_CONSTRAINED_LAW_NAMES.join(", ")} or --fit FILE with columns n, d, u and y`,
  needsCompute: () => "--unique-tokens needs --compute (the budget to plan)",
  targetLoss: () => "--target-loss does not apply with --unique-tokens",
  bootstrapNeedsFit: () => "--bootstrap needs --fit FILE (a preset has no bootstrap draws)",
  capFlagsNeedCap: () => "--extra-unique-tokens and --bootstrap apply only with --unique-tokens",
} as const;

interface CapLaw {
  source: string;
  params: DataConstrainedParams;
  fittedRange: FittedRange;
  draws: DataConstrainedParams[];
}

function capLaw(o: DataCapOptions): CapLaw {
  if (o.params !== undefined || (o.preset !== undefined && (PUBLISHED_LAW_NAMES as string[]).includes(o.preset))) {
    throw new Error(PLAN_DATA_CAP_ERRORS.needsDataConstrained());
  }
  if (o.fit === undefined) {
    if (o.bootstrap !== undefined) throw new Error(PLAN_DATA_CAP_ERRORS.bootstrapNeedsFit());
    const preset = publishedDataConstrainedLaw(o.preset ?? "muennighoff-2023-c4");
    return { source: preset.source, params: preset.params, fittedRange: preset.fittedRange, draws: [] };
  }
  const rows = observationsFor("data-constrained", readTable(o.fit), o);
  const points = rows.map((r) => ({ n: r.n!, d: r.d!, ...(r.u === undefined ? {} : { u: r.u }) }));
  const source = `data-constrained fit of ${o.fit}`;
  if (o.bootstrap === undefined) {
    return { source, params: fitModel("data-constrained", rows).params as unknown as DataConstrainedParams, fittedRange: fittedRangeOf(points), draws: [] };
  }
  const boot = bootstrapModel("data-constrained", rows, { resamples: o.bootstrap, seed: o.seed, level: o.level });
  return {
    source,
    params: boot.fit.params as unknown as DataConstrainedParams,
    fittedRange: fittedRangeOf(points),
    draws: boot.draws as unknown as DataConstrainedParams[],
  };
}

/** Rejects the cap-only flags when --unique-tokens is absent. */
export function checkNoCapFlags(o: { extraUniqueTokens?: number; bootstrap?: number }): void {
  if (o.extraUniqueTokens !== undefined || o.bootstrap !== undefined) throw new Error(PLAN_DATA_CAP_ERRORS.capFlagsNeedCap());
}

function planLines(plan: DataCapPlan): string[] {
  const row = (label: string, a: { n: number; d: number; epochs: number; tokensPerParam: number; loss: number }) =>
    [label, formatNumber(a.n), formatNumber(a.d), formatNumber(a.epochs), formatNumber(a.tokensPerParam), formatNumber(a.loss)];
  const extra = plan.extraData;
  return [
    `budget ${formatNumber(plan.compute)} FLOPs, ${formatNumber(plan.uniqueTokens)} unique tokens (${plan.capBinding ? "the cap binds" : "the cap does not bind"})`,
    formatTable(["", "N (params)", "D (tokens)", "epochs", "tokens/param", "loss"], [row("with the cap", plan.capped), row("unlimited data", plan.unlimited)]),
    `loss gap against unlimited data: ${formatNumber(plan.lossGap)}`,
    `${formatNumber(extra.uniqueTokens)} more unique tokens: loss ${formatNumber(extra.loss)} (${formatNumber(extra.lossImprovement)} better), ` +
      (extra.equivalentCompute === null ? "more than any compute buys with the current data" : `worth ${formatNumber(extra.equivalentCompute)} FLOPs at this budget`),
    `at the margin one unique token is worth ${formatNumber(plan.marginal.flopsPerUniqueToken)} FLOPs`,
    ...plan.warnings.map((w) => `warning: ${w}`),
  ];
}

export function runPlanUnderDataCap(o: DataCapOptions): void {
  if (!o.compute) throw new Error(PLAN_DATA_CAP_ERRORS.needsCompute());
  if (o.targetLoss !== undefined) throw new Error(PLAN_DATA_CAP_ERRORS.targetLoss());
  const law = capLaw(o);
  const budgets = o.compute.map((compute) => {
    const input = { compute, uniqueTokens: o.uniqueTokens, ...(o.extraUniqueTokens === undefined ? {} : { extraUniqueTokens: o.extraUniqueTokens }) };
    const plan = planUnderDataCap(law.params, { ...input, fittedRange: law.fittedRange });
    const intervals = law.draws.length > 0 ? dataCapPlanIntervals(law.draws, input, o.level) : undefined;
    return { ...plan, ...(intervals ? { intervals, level: o.level } : {}), recipes: compareRecipes(compute) };
  });
  if (o.json) return printJson({ law: { source: law.source, params: law.params, fittedRange: law.fittedRange }, budgets });
  const p = law.params;
  const lines = [
    `law: ${law.source}: E ${formatNumber(p.E)}, A ${formatNumber(p.A)}, B ${formatNumber(p.B)}, alpha ${formatNumber(p.alpha)}, beta ${formatNumber(p.beta)}, R_D* ${formatNumber(p.RDstar)}, R_N* ${formatNumber(p.RNstar)}`,
  ];
  for (const b of budgets) {
    lines.push("", ...planLines(b));
    const i = b.intervals;
    if (i) {
      const show = (name: string, v?: { lower: number; upper: number }) => `${name} [${formatNumber(v?.lower)}, ${formatNumber(v?.upper)}]`;
      lines.push(`${o.level * 100}% intervals over ${law.draws.length} bootstrap draws: ${[show("N", i.n), show("epochs", i.epochs), show("loss", i.loss), show("loss gap", i.lossGap), show("extra tokens worth (FLOPs)", i.equivalentCompute)].join(", ")}`);
    }
    lines.push("recipes at this budget:", formatTable(["recipe", "model scale", "measure", "tokens", "FLOPs/token"], b.recipes.map((r) => [r.recipe, formatNumber(r.model), r.scale, formatNumber(r.tokens), formatNumber(r.flopsPerToken)])));
  }
  printText(lines.join("\n"));
}
