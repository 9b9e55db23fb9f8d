/**
 * Readable validation messages shared by tRPC and the REST endpoints: every zod issue becomes
 * "<field>: <reason>", and issues inside a batch of runs say their row ("row 5: scales.N: ...").
 */
import type { ZodError, core } from "zod";
import type { FieldIssue } from "./errors";

/** How many problems a message lists before "and N more". */
export const MAX_LISTED_ISSUES = 5;

/** Input arrays whose items are rows: an issue under `runs.4` is reported as row 5. */
const ROW_ARRAYS = new Set(["runs"]);

export function issueFromZod(issue: core.$ZodIssue, prefix: (string | number)[] = []): FieldIssue {
  const path = [...prefix, ...issue.path].map((p) => (typeof p === "symbol" ? String(p) : p));
  let row: number | undefined;
  let rest = path;
  const first = path[0];
  const second = path[1];
  if (typeof first === "string" && ROW_ARRAYS.has(first) && typeof second === "number") {
    row = second + 1;
    rest = path.slice(2);
  }
  const field = rest.join(".");
  let message = issue.message;
  // Unknown keys are reported on the object; name them.
  if (issue.code === "unrecognized_keys") message = `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  return { path: path.join("."), row, message: field ? `${field}: ${message}` : message };
}

export function issuesFromZod(error: ZodError, prefix: (string | number)[] = []): FieldIssue[] {
  return error.issues.map((issue) => issueFromZod(issue, prefix));
}

/** One line for a list of issues: "row 3: scales.N: ...; row 7: ... (and 4 more)". */
export function describeIssues(issues: FieldIssue[]): string {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((i) => (i.row === undefined ? i.message : `row ${i.row}: ${i.message}`));
  const more = issues.length > MAX_LISTED_ISSUES ? ` (and ${issues.length - MAX_LISTED_ISSUES} more)` : "";
  return listed.join("; ") + more;
}

/** The message for rejected input: rows of a batch are counted ("2 bad rows, nothing was written: …"). */
export function describeBadInput(issues: FieldIssue[]): string {
  const rows = new Set(issues.filter((i) => i.row !== undefined).map((i) => i.row)).size;
  const prefix = rows > 0 ? `${rows} bad row${rows === 1 ? "" : "s"}, nothing was written: ` : "";
  return prefix + describeIssues(issues);
}
