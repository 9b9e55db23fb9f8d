/**
 * `scalecast compare A B [C ...] --model M --at S`: crossover, effective data multiplier and P(A beats B)
 * for the first two files, and the ranking of all of them at scale S.
 */
import {
  crossover,
  effectiveDataMultiplier,
  fittedModel,
  getModel,
  MODEL_NAMES,
  probabilityBetter,
  rankAt,
} from "@scalecast/core";
import type { Command } from "commander";
import { fitFile } from "../fit-file";
import { addBootstrapOptions, addColumnOptions, parseDirection, parseNumber, type CommonOptions } from "../options";
import { formatNumber, formatTable, printJson, printText } from "../output";

interface CompareOptions extends CommonOptions {
  model: string;
  modelB?: string;
  at: number;
}

export function registerCompare(program: Command): void {
  const cmd = program
    .command("compare")
    .description("compare methodologies: crossover, effective data multiplier, P(A beats B), ranking at a scale")
    .argument("<files...>", "two or more CSV/JSONL files, one per methodology (the first is A, the second B)")
    .requiredOption("--model <model>", `model for every file, one of: ${MODEL_NAMES.join(", ")}`)
    .option("--model-b <model>", "a different model for the second and later files")
    .requiredOption("--at <scale>", "scale to compare at (x; compute in FLOPs for joint models)", parseNumber)
    .option("--direction <direction>", "whether lower or higher scores are better", parseDirection, "lower")
    .option("--json", "print one JSON object");
  addColumnOptions(cmd);
  addBootstrapOptions(cmd);
  cmd.action((files: string[], o: CompareOptions) => {
    if (files.length < 2) throw new Error(`compare needs at least two files, got ${files.length}`);
    const fits = files.map((file, i) => {
      const model = i > 0 && o.modelB ? o.modelB : o.model;
      const ff = fitFile(file, model, o);
      return { file, ff, fitted: fittedModel(ff.fit, ff.rows, { draws: ff.boot?.draws ?? [], failedDraws: ff.boot?.failures, direction: o.direction }) };
    });
    const [a, b] = [fits[0]!, fits[1]!];
    const cross = crossover(a.fitted, b.fitted, { level: o.level });
    const multiplier = effectiveDataMultiplier(a.fitted, b.fitted, o.at, { level: o.level });
    const probability = o.bootstrap ? probabilityBetter(a.fitted, b.fitted, o.at) : undefined;
    const ranking = rankAt(fits.map((f) => ({ label: f.file, fitted: f.fitted })), o.at, { level: o.level });
    if (o.json) {
      return printJson({
        a: { file: a.file, model: a.ff.fit.model, params: a.ff.fit.params },
        b: { file: b.file, model: b.ff.fit.model, params: b.ff.fit.params },
        at: o.at,
        crossover: cross,
        effectiveDataMultiplier: multiplier,
        ...(probability === undefined ? {} : { probabilityABeatsB: probability }),
        ranking,
      });
    }
    const scaleName = getModel(o.model).axes === "x" ? "x" : "compute";
    const lines = [
      `A = ${a.file}, B = ${b.file} (${o.direction} is better)`,
      cross.scale === null
        ? "crossover: the curves do not cross"
        : `crossover at ${scaleName} = ${formatNumber(cross.scale)}${cross.interval ? ` [${formatNumber(cross.interval.lower)}, ${formatNumber(cross.interval.upper)}]` : ""}; ${cross.leaderAfter === "a" ? "A" : "B"} leads above it`,
      multiplier.multiplier === null
        ? `at ${scaleName} = ${formatNumber(o.at)} B never reaches A's score ${formatNumber(multiplier.targetValue)}`
        : `at ${scaleName} = ${formatNumber(o.at)} B needs ${formatNumber(multiplier.multiplier)}× the scale to match A${multiplier.interval ? ` [${formatNumber(multiplier.interval.lower)}, ${formatNumber(multiplier.interval.upper)}]` : ""}`,
    ];
    if (probability !== undefined) lines.push(`P(A beats B at ${formatNumber(o.at)}) = ${probability.toFixed(3)}`);
    lines.push(
      "",
      formatTable(
        ["rank", "file", "forecast", "interval", "P(best)"],
        ranking.map((r) => [
          String(r.rank),
          r.label,
          formatNumber(r.value),
          r.interval ? `[${formatNumber(r.interval.lower)}, ${formatNumber(r.interval.upper)}]` : "-",
          r.probabilityBest === undefined ? "-" : r.probabilityBest.toFixed(3),
        ]),
      ),
    );
    printText(lines.join("\n"));
  });
}
