/**
 * `scalecast runs exclude|include|delete --sweep ID --run-key K`: change one run of a sweep on a server
 * (the team's API token). Excluded runs stay in the sweep and out of its fits; the sweep's trail records
 * who did what, when and why.
 */
import type { Command } from "commander";
import { printJson, printText } from "../output";
import { addServerOptions, addSweepOptions, connect, findSweep, type Server, type ServerOptions, type SweepOptions } from "../server";

interface RunOptions extends ServerOptions, SweepOptions {
  runKey: string;
  reason?: string;
  json?: boolean;
}

/** The REST path of one run, /api/v1/sweeps/{sweepId}/runs/{runKey} (a sweep named by name is looked up first). */
async function runPath(server: Server, o: RunOptions): Promise<string> {
  const sweepId = o.methodology === undefined ? o.sweep : (await findSweep(server, o)).id;
  return `/api/v1/sweeps/${encodeURIComponent(sweepId)}/runs/${encodeURIComponent(o.runKey)}`;
}

/** What the server answers: the trail entry. */
interface RunEvent {
  runKey: string;
  action: string;
  reason: string;
  actor: string;
}

/** `runs <name>` with the options every run command takes. */
function runCommand(runs: Command, name: string, description: string): Command {
  const cmd = runs
    .command(name)
    .description(description)
    .requiredOption("--run-key <key>", "the run's key in the sweep")
    .option("--json", "print the server's answer (the trail entry) as JSON");
  return addServerOptions(addSweepOptions(cmd));
}

export function registerRuns(program: Command): void {
  const runs = program.command("runs").description("exclude a sweep's runs from fits, include them again, or delete them");
  runCommand(runs, "exclude", "exclude a run from the sweep's fits (it stays listed, drawn hollow)")
    .requiredOption("--reason <text>", "why, for the sweep's trail")
    .action(async (o: RunOptions) => {
      const server = connect(o);
      const event = await server.request<RunEvent>("POST", `${await runPath(server, o)}/exclude`, { reason: o.reason });
      if (o.json) return printJson(event);
      printText(`run ${event.runKey} excluded from fits: ${event.reason}`);
    });
  runCommand(runs, "include", "include an excluded run in the sweep's fits again").action(async (o: RunOptions) => {
    const server = connect(o);
    const event = await server.request<RunEvent>("POST", `${await runPath(server, o)}/include`);
    if (o.json) return printJson(event);
    printText(`run ${event.runKey} included in fits again`);
  });
  runCommand(runs, "delete", "delete a run (the sweep's trail keeps its values and who deleted it)")
    .option("--reason <text>", "why, for the sweep's trail")
    .action(async (o: RunOptions) => {
      const query = o.reason === undefined ? "" : `?reason=${encodeURIComponent(o.reason)}`;
      const server = connect(o);
      const event = await server.request<RunEvent>("DELETE", `${await runPath(server, o)}${query}`);
      if (o.json) return printJson(event);
      printText(`run ${event.runKey} deleted`);
    });
}
