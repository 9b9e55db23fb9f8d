/**
 * The `scalecast` program: one file per command in ./commands, each exporting a function that adds its
 * command to the program. New commands (import, push, runs, users, worker, ...) register themselves here.
 */
import { Command } from "commander";
import { registerCompare } from "./commands/compare";
import { registerFit } from "./commands/fit";
import { registerImport } from "./commands/import";
import { registerPlan } from "./commands/plan";
import { registerPredict } from "./commands/predict";
import { registerPush } from "./commands/push";
import { registerRuns } from "./commands/runs";
import { registerUsers } from "./commands/users";
import { registerWorker } from "./commands/worker";

export function createProgram(): Command {
  const program = new Command("scalecast")
    .description("Fit scaling laws to sweeps, forecast, compare methodologies and plan compute.")
    .showHelpAfterError("(run with --help for usage)");
  registerFit(program);
  registerPredict(program);
  registerCompare(program);
  registerPlan(program);
  registerImport(program);
  registerPush(program);
  registerRuns(program);
  registerUsers(program);
  registerWorker(program);
  return program;
}
