/** Reading a REST request's input: one 400 shape for every problem, each naming its field. */
import { z } from "zod";
import { AppError, type FieldIssue } from "../errors";
import { describeBadInput, findUnstorableText, issuesFromZod } from "../validation";

/** The 400 every endpoint gives for bad input: "<field>: <reason>; …" with each issue listed. */
export function rejectInput(issues: FieldIssue[]): never {
  throw new AppError("BAD_REQUEST", describeBadInput(issues), issues);
}

/**
 * `value` checked by `schema` (text the database cannot store included), or the 400 naming each wrong field.
 * An object schema also names fields it does not have, so a misspelt option is not silently ignored.
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const unknown = unknownFields(schema, value);
  if (unknown.length > 0) rejectInput(unknown);
  const parsed = schema.safeParse(value);
  if (!parsed.success) rejectInput(issuesFromZod(parsed.error));
  const badText = findUnstorableText(value);
  if (badText.length > 0) rejectInput(badText);
  return parsed.data;
}

function unknownFields(schema: z.ZodType, value: unknown): FieldIssue[] {
  if (!(schema instanceof z.ZodObject) || typeof value !== "object" || value === null) return [];
  const known = Object.keys(schema.shape);
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => ({ path: key, message: `${key}: unknown field; expected ${known.map((k) => `"${k}"`).join(", ")}` }));
}

/** The JSON object body of a request (an empty body is {}); `example` shows the shape in the 400. */
export async function readObject(request: Request, example?: string): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "the request body is not valid JSON");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new AppError("BAD_REQUEST", `the request body must be a JSON object${example ? `, e.g. ${example}` : ""}`);
  return body as Record<string, unknown>;
}
