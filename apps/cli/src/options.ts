/** Option helpers shared by the commands: column flags, bootstrap flags and number parsing. */
import { InvalidArgumentError, type Command } from "commander";
import type { ColumnOptions } from "./dataset";

export function parseNumber(value: string): number {
  const v = Number(value);
  if (value.trim() === "" || !Number.isFinite(v)) throw new InvalidArgumentError(`expected a finite number, got "${value}"`);
  return v;
}

export function parseInteger(value: string): number {
  const v = parseNumber(value);
  if (!Number.isInteger(v)) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return v;
}

/** Repeatable number option: --at 1e20 --at 1e21. */
export function collectNumbers(value: string, previous: number[] | undefined): number[] {
  return [...(previous ?? []), parseNumber(value)];
}

export function parseDirection(value: string): "lower" | "higher" {
  if (value !== "lower" && value !== "higher") {
    throw new InvalidArgumentError(`expected "lower" or "higher", got "${value}"`);
  }
  return value;
}

/** --breaks: the broken power law's number of breaks. */
export function parseBreaks(value: string): 1 | 2 {
  if (value !== "1" && value !== "2") throw new InvalidArgumentError(`expected 1 or 2 breaks, got "${value}"`);
  return value === "1" ? 1 : 2;
}

/** --x --n --d --c --u --m --y: which column holds each axis. */
export function addColumnOptions(cmd: Command): Command {
  return cmd
    .option("--x <column>", "column of the scale x (single-axis models; N or D for isoflop)", undefined)
    .option("--n <column>", "column of the parameter count N (joint models)")
    .option("--d <column>", "column of the training tokens D (joint models)")
    .option("--c <column>", "column of the compute budget C (isoflop)")
    .option("--u <column>", "column of the unique tokens U (data-constrained)")
    .option("--m <column>", "column of the FLOPs per token M (isoflop in M: budget C = M·D with --d, instead of --c)")
    .option("--y <column>", "column of the score (loss, accuracy, ...)");
}

/** --bootstrap K --seed S --level L; a command that always bootstraps names its default number of resamples. */
export function addBootstrapOptions(cmd: Command, defaults: { level: number; resamples?: number } = { level: 0.95 }): Command {
  return cmd
    .option("--bootstrap <resamples>", `bootstrap resamples for intervals${defaults.resamples === undefined ? "" : ` (default ${defaults.resamples})`}`, parseInteger)
    .option("--seed <seed>", "seed of the bootstrap resampling", parseInteger, 42)
    .option("--level <level>", "central probability of the intervals", parseNumber, defaults.level);
}

/** What addColumnOptions and addBootstrapOptions (and --direction, --json) give a command. */
export interface CommonOptions extends ColumnOptions {
  bootstrap?: number;
  seed: number;
  level: number;
  direction: "lower" | "higher";
  /** Breaks of the broken power law (bnsl), when given. */
  breaks?: 1 | 2;
  json?: boolean;
}
