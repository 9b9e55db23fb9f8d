/**
 * `scalecast push --sweep ID --run-key K --scale N=1e8 --metric loss=3.1`: send one run to a server (the sweep
 * by id, or by name with --methodology).
 */
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { parseInteger } from "../options";
import { printJson, printText } from "../output";
import { addServerOptions, addSweepOptions, connect, sweepReference, type ServerOptions, type SweepOptions } from "../server";

function collectPair(value: string, previous: Record<string, number> | undefined): Record<string, number> {
  const match = /^([^=]+)=(.+)$/.exec(value);
  const number = match ? Number(match[2]) : Number.NaN;
  if (!match || match[2]!.trim() === "" || !Number.isFinite(number)) throw new InvalidArgumentError(`expected NAME=NUMBER (e.g. N=1.2e8), got "${value}"`);
  return { ...(previous ?? {}), [match[1]!.trim()]: number };
}

interface PushOptions extends ServerOptions, SweepOptions {
  runKey: string;
  scale: Record<string, number>;
  metric: Record<string, number>;
  seed?: number;
  json?: boolean;
}

export function registerPush(program: Command): void {
  const cmd = program
    .command("push")
    .description("send one run to a sweep on a Scalecast server (sending the same run key again changes nothing)")
    .requiredOption("--run-key <key>", "the run's key, unique in the sweep")
    .requiredOption("--scale <axis=value>", "a scale value, e.g. --scale N=1.2e8 (repeat for each axis)", collectPair)
    .requiredOption("--metric <name=value>", "a metric, e.g. --metric loss=2.91 (repeatable)", collectPair)
    .option("--seed <n>", "the run's seed", parseInteger)
    .option("--json", "print the server's answer as JSON");
  addSweepOptions(cmd);
  addServerOptions(cmd);
  cmd.action(async (o: PushOptions) => {
    const sweep = sweepReference(o);
    const server = connect(o);
    const run = { runKey: o.runKey, scales: o.scale, metrics: o.metric, ...(o.seed === undefined ? {} : { seed: o.seed }) };
    const result = await server.request<{ inserted: number; duplicates: number }>("POST", "/api/v1/runs", { ...sweep, ...run });
    if (o.json) return printJson(result);
    printText(result.inserted === 1 ? `run ${o.runKey} recorded` : `run ${o.runKey} was already recorded (duplicate, nothing changed)`);
  });
}
