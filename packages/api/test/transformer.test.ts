import fc from "fast-check";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { decodeColumns, encodeColumns, servedOften, transformer } from "../src/transformer";

type Json = Parameters<typeof encodeColumns>[0];

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ runKey: `r${i}`, scales: { D: 10 ** i }, seed: i % 2 ? null : i }));

describe("wire format", () => {
  it("encodeColumns(value) sends ≥ 8 objects with the same keys as columns, nested objects too, numbers as float64 base64", () => {
    const floats = Buffer.from(new Float64Array([1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7]).buffer).toString("base64");
    expect(encodeColumns(rows(8))).toEqual([
      "\u0000columns",
      ["runKey", "scales", "seed"],
      ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7"],
      ["\u0000columns", ["D"], ["\u0000f64", floats]],
      [0, null, 2, null, 4, null, 6, null],
    ]);
    expect(encodeColumns([1, 2, 3, 4, 5, 6, 7, 8.5])).toEqual(["\u0000f64", Buffer.from(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8.5]).buffer).toString("base64")]);
    expect(encodeColumns([1, 2, 3, 4, 5, 6, 7, "8"])).toEqual([1, 2, 3, 4, 5, 6, 7, "8"]);
    expect(encodeColumns(rows(7))).toEqual(rows(7)); // too few rows: as is
    const mixed = [...rows(8), { runKey: "x" }];
    expect(encodeColumns(mixed)).toEqual(mixed); // keys differ: as is
  });

  it("decodeColumns(encodeColumns(v)) is v for every JSON value, including arrays that start with a marker", () => {
    const marker = fc.constantFrom("\u0000columns", "\u0000array", "\u0000f64");
    const value = fc.oneof(
      fc.jsonValue(),
      fc.array(fc.record({ a: fc.jsonValue(), b: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string()) }), { minLength: 0, maxLength: 20 }),
      fc.tuple(marker, fc.jsonValue(), fc.jsonValue()),
      fc.array(fc.tuple(marker, fc.array(fc.string())), { minLength: 8, maxLength: 10 }),
      fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 0, maxLength: 40 }),
    );
    fc.assert(
      fc.property(value, (v) => {
        const json = JSON.parse(JSON.stringify(v)) as Json;
        const wire = JSON.parse(JSON.stringify(encodeColumns(json))) as Json;
        expect(decodeColumns(wire)).toEqual(json);
      }),
      { numRuns: 300 },
    );
  });

  it("decodeColumns rejects a columns header whose keys and columns do not match", () => {
    expect(() => decodeColumns(["\u0000columns", ["a", "b"], [1, 2]])).toThrow("columnar value: malformed header");
    expect(() => decodeColumns(["\u0000columns", ["a", "b"], [1, 2], [1]])).toThrow("columnar value: columns differ in length");
    expect(() => decodeColumns(["\u0000f64", 12])).toThrow("columnar value: malformed float column");
    expect(() => decodeColumns(["\u0000f64", "AAAA"])).toThrow("columnar value: float column is not a whole number of float64s");
  });

  it("transformer round-trips a servedOften value like superjson (dates, undefined, NaN), computing its text once", () => {
    const value = servedOften({
      createdAt: new Date("2026-11-24T01:02:03.456Z"),
      missing: undefined,
      notANumber: Number.NaN,
      runs: rows(20).map((r, i) => ({ ...r, at: new Date(Date.UTC(2026, 0, 1 + i)) })),
    });
    const wire = transformer.serialize(value);
    expect(Object.keys(wire as object)).toEqual(["packed"]);
    expect(transformer.serialize(value)).toEqual(wire);
    const back = transformer.deserialize(JSON.parse(JSON.stringify(wire)));
    expect(back).toEqual(superjson.deserialize(superjson.serialize(value)));
    expect((back as typeof value).runs[3]!.at).toEqual(new Date(Date.UTC(2026, 0, 4)));
    expect(Object.isFrozen(value.runs[0]!.scales)).toBe(true);
  });

  it("transformer leaves other values in superjson's format, so inputs and errors are unchanged", () => {
    const input = { sweepId: "s1", at: new Date(0) };
    expect(transformer.serialize(input)).toEqual(superjson.serialize(input));
    expect(transformer.deserialize(superjson.serialize(input))).toEqual(input);
  });
});
