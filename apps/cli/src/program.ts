/**
 * The `scalecast` program: one file per command in ./commands, each exporting a function that adds its
 * command to the program. New commands (import, push, runs, users, worker, ...) register themselves here. A
 * command that needs the database or the API (users create, worker, import) imports @scalecast/api inside its
 * action through loadServerSide (./server-side.ts), never at the top of its file, so that the other commands
 * start fast.
 */
import { Command } from "commander";
import { version } from "../package.json";
import { registerCompare } from "./commands/compare";
import { registerExport } from "./commands/export";
import { registerFit } from "./commands/fit";
import { registerImport } from "./commands/import";
import { registerPlan } from "./commands/plan";
import { registerPredict } from "./commands/predict";
import { registerPush } from "./commands/push";
import { registerRuns } from "./commands/runs";
import { registerUsers } from "./commands/users";
import { registerWorker } from "./commands/worker";
import { EXIT_CODES_HELP } from "./exit-codes";

export function createProgram(): Command {
  const program = new Command("scalecast")
    .description("Fit scaling laws to sweeps, forecast, compare methodologies and plan compute.")
    .version(version)
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", EXIT_CODES_HELP);
  registerFit(program);
  registerPredict(program);
  registerCompare(program);
  registerPlan(program);
  registerImport(program);
  registerPush(program);
  registerRuns(program);
  registerExport(program);
  registerUsers(program);
  registerWorker(program);
  return program;
}
