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

/**
 * Why PostgreSQL cannot store `text` (in a text column or inside jsonb), or null when it can: a NUL
 * character, or a lone UTF-16 surrogate (JSON and JavaScript strings allow both; the database refuses them).
 */
export function unstorableText(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character";
  if (LONE_SURROGATE.test(text)) return "contains an unpaired surrogate (invalid Unicode)";
  return null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE = new RegExp(`\\u0000|${LONE_SURROGATE.source}`, "g");

/** `text` with its unstorable characters written as escapes ("a\\u0000b"), to name a bad key in a message. */
function visible(text: string): string {
  return text.replace(UNSTORABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Every string and object key in `value` that the database cannot store (see unstorableText), each named
 * by its path like a zod issue ("runs.3.runKey", row 4 inside a batch; a bad key is named by itself).
 * The one text check of every entry point (tRPC input, REST bodies and queries, imported files): it sees
 * record keys (metric and axis names), which a zod key refinement only reports as "Invalid key in record".
 * O(size of value).
 */
export function findUnstorableText(value: unknown, path: (string | number)[] = []): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const visit = (node: unknown, at: (string | number)[]) => {
    if (typeof node === "string") {
      const problem = unstorableText(node);
      if (problem) issues.push(issueFromZod({ code: "custom", path: at, message: problem, input: node }));
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...at, i]));
    } else if (typeof node === "object" && node !== null) {
      for (const [key, item] of Object.entries(node)) {
        const problem = unstorableText(key);
        if (problem) issues.push(issueFromZod({ code: "custom", path: [...at, visible(key)], message: `the name ${problem}`, input: key }));
        visit(item, [...at, visible(key)]);
      }
    }
  };
  visit(value, path);
  return issues;
}

/** The message for rejected input: rows of a batch are counted ("2 bad rows, nothing was written: …"). */
export function describeBadInput(issues: FieldIssue[]): string {
  const rows = new Set(issues.filter((i) => i.row !== undefined).map((i) => i.row)).size;
  const prefix = rows > 0 ? `${rows} bad row${rows === 1 ? "" : "s"}, nothing was written: ` : "";
  return prefix + describeIssues(issues);
}
