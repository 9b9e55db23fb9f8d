/**
 * Talking to a Scalecast server from the command line: where it is (--url, SCALECAST_URL, else
 * http://localhost:3000), the API token (--token, SCALECAST_TOKEN), and JSON requests that are retried
 * when the server or its database is briefly away (run keys make every retry safe).
 */
import type { Command } from "commander";
import { badData, CliError, EXIT_CODES } from "./exit-codes";

export interface ServerOptions {
  url?: string;
  token?: string;
}

export function addServerOptions(cmd: Command): Command {
  return cmd
    .option("--url <url>", "the Scalecast server (default: SCALECAST_URL, else http://localhost:3000)")
    .option("--token <token>", "an API token of the sweep's team (default: SCALECAST_TOKEN)");
}

export interface Server {
  url: string;
  request<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T>;
}

/** Attempts per request when the server cannot be reached or answers 5xx. */
export const RETRIES = 5;

export function connect(o: ServerOptions, env: NodeJS.ProcessEnv = process.env, retryDelayMs = 500): Server {
  const url = (o.url ?? env.SCALECAST_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  const token = o.token ?? env.SCALECAST_TOKEN;
  if (!token) throw new CliError(EXIT_CODES.auth, "no API token: pass --token or set SCALECAST_TOKEN (a team owner creates one on the team page)");
  return {
    url,
    async request<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
      let lastProblem = "";
      for (let attempt = 1; attempt <= RETRIES; attempt++) {
        let response: Response;
        try {
          response = await fetch(`${url}${path}`, {
            method,
            headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
        } catch (error) {
          lastProblem = `cannot reach ${url}: ${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}`;
          await new Promise((r) => setTimeout(r, retryDelayMs * 2 ** (attempt - 1)));
          continue;
        }
        const text = await response.text();
        let json: { error?: { message?: string } } & Record<string, unknown>;
        try {
          json = JSON.parse(text) as typeof json;
        } catch {
          throw new CliError(EXIT_CODES.server, `${url}${path} answered ${response.status} with something that is not JSON; is --url a Scalecast server?`);
        }
        if (response.ok) return json as T;
        const message = json.error?.message ?? `HTTP ${response.status}`;
        if (response.status < 500) throw refusal(response.status, message);
        lastProblem = `${message} (HTTP ${response.status})`;
        await new Promise((r) => setTimeout(r, retryDelayMs * 2 ** (attempt - 1)));
      }
      throw new CliError(EXIT_CODES.server, `${lastProblem}; gave up after ${RETRIES} attempts (running the command again is safe: runs already sent are duplicates)`);
    },
  };
}

/** Which sweep a command works on: its id, or its name with its methodology (and team), as the REST API takes them. */
export interface SweepOptions {
  sweep: string;
  methodology?: string;
  team?: string;
}

export function addSweepOptions(cmd: Command): Command {
  return cmd
    .requiredOption("--sweep <id or name>", "the sweep: its id (shown on its page), or its name with --methodology")
    .option("--methodology <name>", "the sweep's methodology: --sweep is then the sweep's name")
    .option("--team <slug>", "the methodology's team (default: the API token's team)");
}

/** The sweep's fields in the REST API's terms: {sweepId} or {methodology, sweep, team?}. */
export function sweepReference(o: SweepOptions): Record<string, string> {
  if (o.methodology === undefined) {
    if (o.team !== undefined) throw new Error("--team names the team of --methodology; give the sweep's --methodology too, or its id alone");
    return { sweepId: o.sweep };
  }
  return { methodology: o.methodology, sweep: o.sweep, ...(o.team === undefined ? {} : { team: o.team }) };
}

/** GET /api/v1/sweeps by id or by name. */
export function findSweep(server: Server, o: SweepOptions): Promise<SweepInfo> {
  return server.request<SweepInfo>("GET", `/api/v1/sweeps?${new URLSearchParams(sweepReference(o))}`);
}

/** A 4xx answer as the error of its kind: credentials (401, 403), a missing sweep or run (404), else the data. */
function refusal(status: number, message: string): Error {
  if (status === 401 || status === 403) return new CliError(EXIT_CODES.auth, message);
  if (status === 404) return new CliError(EXIT_CODES.usage, message);
  return badData(message);
}

/** GET /api/v1/sweeps: what the sweep expects of each run. */
export interface SweepInfo {
  id: string;
  name: string;
  axes: string[];
  metric: string;
  direction: "lower" | "higher";
  metricBounded: boolean | null;
  team: string;
}
