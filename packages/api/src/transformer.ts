/**
 * The tRPC wire format, shared by the server (trpc.ts) and every client (`@scalecast/api/transformer`):
 * superjson (dates, undefined, NaN survive the wire), plus two things for large cached reads:
 * - values the server marks with `servedOften` (a sweep's runs, a stored fit: the same object answered to
 *   every reader until the data changes) are serialized once and kept as text, so a repeated read costs a
 *   lookup instead of a superjson walk over thousands of numbers;
 * - their JSON is columnar: an array of objects with the same keys (runs, residuals, curve points) is sent
 *   as one array per key, which drops the repeated key names, and a column of finite numbers is sent as the
 *   base64 of its float64 bytes (11 characters a number instead of up to 24, exact). Together about a
 *   third of the bytes of a 1,000-run sweep with its fit.
 * Both are undone by `deserialize`, so callers see the same objects as through `createCaller`.
 * Browser-safe: imports only superjson.
 */
import superjson from "superjson";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const COLUMNS = "\u0000columns";
const FLOATS = "\u0000f64";
const ESCAPED = "\u0000array";
const MARKERS: readonly unknown[] = [COLUMNS, FLOATS, ESCAPED];
/** Shorter arrays of objects are left as they are (keys repeated a few times cost less than a header). */
const MIN_ROWS = 8;

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The keys every row shares, in order, when `rows` is at least MIN_ROWS objects with the same keys; else null. */
function sharedKeys(rows: readonly Json[]): string[] | null {
  if (rows.length < MIN_ROWS) return null;
  const first = rows[0];
  if (!isRecord(first)) return null;
  const keys = Object.keys(first);
  if (keys.length === 0) return null;
  for (const row of rows) {
    if (!isRecord(row)) return null;
    const own = Object.keys(row);
    if (own.length !== keys.length) return null;
    for (let i = 0; i < keys.length; i++) if (own[i] !== keys[i]) return null;
  }
  return keys;
}

function allFinite(values: readonly Json[]): values is number[] {
  return values.length >= MIN_ROWS && values.every((v) => typeof v === "number" && Number.isFinite(v));
}

/** Base64 of the numbers as little-endian float64 (browser-safe: btoa/atob exist in browsers and Node). */
function packFloats(values: readonly number[]): string {
  const bytes = new Uint8Array(new Float64Array(values).buffer);
  if (new Uint8Array(new Float64Array([1]).buffer)[7] !== 0x3f) {
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setFloat64(i * 8, v, true));
  }
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function unpackFloats(text: string): number[] {
  const binary = atob(text);
  if (binary.length % 8 !== 0) throw new Error("columnar value: float column is not a whole number of float64s");
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Array<number>(binary.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

/**
 * Columnar form of a JSON value: every array of ≥ 8 objects with identical keys (same order) becomes
 * `["\u0000columns", keys, column₁, column₂, ...]` (columns encoded the same way, so nested objects such as
 * `scales` turn into columns too), and every array of ≥ 8 finite numbers becomes `["\u0000f64", base64]`.
 * An array that really starts with one of the marker strings is escaped, so decoding is exact for every
 * JSON value. O(size of the value).
 */
export function encodeColumns(value: Json): Json {
  if (Array.isArray(value)) {
    const keys = sharedKeys(value);
    if (keys) {
      const out: Json[] = [COLUMNS, keys];
      for (const key of keys) out.push(encodeColumns(value.map((row) => (row as Record<string, Json>)[key]!)));
      return out;
    }
    if (allFinite(value)) return [FLOATS, packFloats(value)];
    const items = value.map(encodeColumns);
    return MARKERS.includes(value[0]) ? [ESCAPED, ...items] : items;
  }
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeColumns(v)]));
  return value;
}

/** Inverse of `encodeColumns`. Throws on a malformed columns header (not something the server sends). */
export function decodeColumns(value: Json): Json {
  if (Array.isArray(value)) {
    if (value[0] === ESCAPED) return value.slice(1).map(decodeColumns);
    if (value[0] === FLOATS) {
      if (value.length !== 2 || typeof value[1] !== "string") throw new Error("columnar value: malformed float column");
      return unpackFloats(value[1]);
    }
    if (value[0] !== COLUMNS) return value.map(decodeColumns);
    const keys = value[1];
    if (!Array.isArray(keys) || keys.length !== value.length - 2 || !keys.every((k) => typeof k === "string")) {
      throw new Error("columnar value: malformed header");
    }
    const columns = value.slice(2).map((c) => decodeColumns(c));
    const length = Array.isArray(columns[0]) ? columns[0].length : 0;
    if (!columns.every((c) => Array.isArray(c) && c.length === length)) throw new Error("columnar value: columns differ in length");
    const rows: Json[] = new Array<Json>(length);
    for (let i = 0; i < length; i++) rows[i] = Object.fromEntries(keys.map((k, j) => [k, (columns[j] as Json[])[i]!]));
    return rows;
  }
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeColumns(v)]));
  return value;
}

const PACKED = "packed";
const marked = new WeakSet<object>();
const texts = new WeakMap<object, string>();

/**
 * Marks `value` as answered many times unchanged: its wire text is computed on the first serialization and
 * reused. The value is frozen (deeply), since every caller now shares it. Returns `value`.
 */
export function servedOften<T extends object>(value: T): T {
  deepFreeze(value);
  marked.add(value);
  return value;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

function isPacked(value: unknown): value is { [PACKED]: string } {
  return isRecord(value) && typeof value[PACKED] === "string" && !("json" in value);
}

export const transformer = {
  serialize(value: unknown): unknown {
    if (typeof value !== "object" || value === null || !marked.has(value)) return superjson.serialize(value);
    let text = texts.get(value);
    if (text === undefined) {
      const { json, meta } = superjson.serialize(value);
      text = JSON.stringify(meta ? { json: encodeColumns(json as Json), meta } : { json: encodeColumns(json as Json) });
      texts.set(value, text);
    }
    return { [PACKED]: text };
  },
  deserialize(value: unknown): unknown {
    if (!isPacked(value)) return superjson.deserialize(value as Parameters<typeof superjson.deserialize>[0]);
    const { json, meta } = JSON.parse(value[PACKED]) as { json: Json; meta?: Parameters<typeof superjson.deserialize>[0]["meta"] };
    return superjson.deserialize({ json: decodeColumns(json), meta });
  },
};
