/**
 * Bad input, property-based: thousands of malformed payloads to POST /api/v1/runs and to the mutating
 * procedures. Never a 500, never a partial write (row counts before = after), and every error names its
 * field (and its row, inside a batch).
 */
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";
import { testDatabaseTargets } from "@scalecast/db/testing";
import type { Database } from "@scalecast/db";
import { isWellFormedRun, ZRunInput } from "../src/services/run/run-schemas";
import { openForSuite } from "./helpers";
import { handle, trpcMutation } from "./http";
import { buildWorld, type World } from "./world";

type Json = unknown;
interface Mutation {
  /** The field the error must name. */
  field: string;
  /** Copies row 1's run key: only a mistake on a later row, and only reported while row 1 is itself valid. */
  duplicate?: boolean;
  apply(run: Record<string, any>, batch: Record<string, any>[]): Json;
}

const set = (path: "scales.N" | "metrics.loss" | "runKey" | "seed", value: Json): Mutation => ({
  field: path,
  apply: (run) => {
    const [head, tail] = path.split(".") as [string, string | undefined];
    if (tail) run[head] = { ...run[head], [tail]: value };
    else run[head] = value;
    return run;
  },
});

const MUTATIONS: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(-1, 0, -1e-300, "1e8", null, true, {}, [], "").map((v) => set("scales.N", v)),
  fc.constantFrom("x", null, [], {}, true, "").map((v) => set("metrics.loss", v)),
  fc.constantFrom("", "   ", 5, null, [], "k".repeat(201), "a\u0000b", "lone \ud800", "\udc00").map((v) => set("runKey", v)),
  fc.constantFrom("m\u0000", "m\udbff").map<Mutation>((name) => ({ field: "metrics", apply: (run) => ({ ...run, metrics: { ...run.metrics, [name]: 1 } }) })),
  fc.constantFrom("N\u0000", "\ud800N").map<Mutation>((name) => ({ field: "scales", apply: (run) => ({ ...run, scales: { ...run.scales, [name]: 1 } }) })),
  fc.constantFrom(1.5, "3", 2 ** 40, -(2 ** 40), true).map((v) => set("seed", v)),
  fc.constant<Mutation>({ field: "scales.D", apply: (run) => ({ ...run, scales: { N: run.scales.N } }) }),
  fc.constant<Mutation>({ field: "scales.X", apply: (run) => ({ ...run, scales: { ...run.scales, X: 1 } }) }),
  fc.constant<Mutation>({ field: "metrics.loss", apply: (run) => ({ ...run, metrics: { other: 1 } }) }),
  fc.constant<Mutation>({ field: "scales", apply: (run) => ({ ...run, scales: 7 }) }),
  fc.constant<Mutation>({ field: "metrics", apply: (run) => ({ runKey: run.runKey, scales: run.scales }) }),
  fc.constantFrom<Json>(5, null, true, [], "t".repeat(2001), "a\u0000b").map<Mutation>((value) => ({ field: "tags.t", apply: (run) => ({ ...run, tags: { t: value } }) })),
  fc.constantFrom<Json>("x", 3, [], Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`t${i}`, "v"]))).map<Mutation>((tags) => ({ field: "tags", apply: (run) => ({ ...run, tags }) })),
  fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !["runKey", "scales", "metrics", "seed", "tags", "__proto__"].includes(k)).map<Mutation>((key) => ({
    field: `"${key}"`,
    apply: (run) => ({ ...run, [key]: 1 }),
  })),
  fc.constant<Mutation>({ field: "runKey", duplicate: true, apply: (run, batch) => ({ ...run, runKey: batch[0]!.runKey }) }),
  fc.constantFrom<Json>(42, "run", null, [], true).map<Mutation>((value) => ({ field: "", apply: () => value })),
);

const goodRun = fc.record(
  {
    runKey: fc.string({ minLength: 1, maxLength: 30 }).map((s) => `k-${s.trim() || "x"}`),
    scales: fc.record({ N: fc.double({ min: 1, max: 1e12, noNaN: true }), D: fc.double({ min: 1, max: 1e13, noNaN: true }) }),
    metrics: fc.record({ loss: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
    tags: fc.dictionary(fc.constantFrom("git_sha", "host", "lr"), fc.string({ maxLength: 12 }).map((s) => `v${s.replace(/[\ud800-\udfff\u0000]/g, "")}`)),
  },
  { requiredKeys: ["runKey", "scales", "metrics"] },
);

/** A batch of 1–6 distinct good runs with 1–2 rows broken. */
const badBatch = fc
  .uniqueArray(goodRun, { minLength: 1, maxLength: 6, selector: (r) => r.runKey })
  .chain((runs) =>
    fc.tuple(
      fc.constant(runs),
      fc.uniqueArray(fc.tuple(fc.nat({ max: runs.length - 1 }), MUTATIONS), { minLength: 1, maxLength: 2, selector: ([i]) => i }),
    ),
  )
  .map(([runs, mutations]) => {
    const batch: Json[] = runs.map((r) => structuredClone(r));
    const expected: { row: number; field: string }[] = [];
    const firstRowBroken = mutations.some(([i, m]) => i === 0 && !m.duplicate);
    for (const [i, mutation] of mutations) {
      if (mutation.duplicate && (i === 0 || firstRowBroken)) continue;
      batch[i] = mutation.apply(structuredClone(runs[i]!) as Record<string, any>, runs as Record<string, any>[]);
      expected.push({ row: i + 1, field: mutation.field });
    }
    return { batch, expected };
  })
  .filter(({ expected }) => expected.length > 0);

describe("isWellFormedRun (the fast path of ingest)", () => {
  it("accepts only what ZRunInput accepts unchanged", () => {
    const candidate = fc.oneof(
      goodRun,
      goodRun.chain((run) => MUTATIONS.map((m) => m.apply(structuredClone(run), [run]))),
      fc.anything(),
    );
    fc.assert(
      fc.property(candidate, (value) => {
        if (!isWellFormedRun(value)) return;
        const parsed = ZRunInput.safeParse(value);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(value);
      }),
      { numRuns: 3_000 },
    );
  });
});

describe.each(testDatabaseTargets(inject("postgresUrl")))("bad input on $kind", (target) => {
  let db: Database;
  let w: World;
  openForSuite(target, async (opened) => {
    db = opened;
    w = await buildWorld(db);
  });

  const counts = async () => {
    const [row] = await db.sql.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM "Run")::text AS runs, (SELECT count(*) FROM "Team")::text AS teams,
              (SELECT count(*) FROM "Membership")::text AS memberships, (SELECT count(*) FROM "ApiToken" WHERE "revokedAt" IS NULL)::text AS tokens,
              (SELECT count(*) FROM "Methodology")::text AS methodologies, (SELECT count(*) FROM "Sweep")::text AS sweeps`,
    );
    return row;
  };

  const post = async (body: Json) => {
    const response = await handle(
      db,
      new Request("http://scalecast.test/api/v1/runs", {
        method: "POST",
        headers: { authorization: `Bearer ${w.tokenA.secret}`, "content-type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
    return { status: response.status, body: (await response.json()) as { error?: { message: string; issues: { row?: number; path: string; message: string }[] } } };
  };

  it("POST /api/v1/runs rejects every batch with a broken row, naming row and field, writing nothing", async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(badBatch, async ({ batch, expected }) => {
        const { status, body } = await post({ sweepId: w.sweep.id, runs: batch });
        expect(status).toBe(400);
        const issues = body.error!.issues;
        for (const { row, field } of expected) {
          const named = issues.some((i) => i.row === row && (field === "" || i.path.includes(field) || i.message.includes(field)));
          expect(named, `row ${row} ${field} in ${body.error!.message}`).toBe(true);
        }
        expect(body.error!.message).toMatch(/^\d+ bad rows?, nothing was written: row \d+: /);
      }),
      { numRuns: 1_500 },
    );
    expect(await counts()).toEqual(before);
  });

  it("POST /api/v1/runs answers arbitrary JSON with a 4xx and a message, never a 500 or a write", async () => {
    const before = await counts();
    const body = fc.oneof(
      fc.jsonValue(),
      fc.string(),
      fc.dictionary(fc.constantFrom("sweepId", "methodology", "sweep", "team", "runs", "runKey", "scales", "metrics", "seed"), fc.jsonValue()),
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const { status, body: answer } = await post(typeof value === "string" ? value : value);
        expect([400, 404]).toContain(status);
        expect(answer.error?.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1_000 },
    );
    expect(await counts()).toEqual(before);
  });

  it("the mutating procedures answer malformed input with 400 naming the field, never a 500 or a write", async () => {
    const before = await counts();
    const procedures = [
      ["team.create", ["slug", "name"]],
      ["member.add", ["teamId", "email", "role"]],
      ["member.remove", ["teamId", "userId"]],
      ["token.create", ["teamId", "name"]],
      ["token.revoke", ["tokenId"]],
      ["methodology.create", ["teamId", "name", "description"]],
      ["sweep.create", ["methodologyId", "name", "axes", "metric", "direction", "pinnedModel", "targetScale"]],
      ["run.ingest", ["sweepId", "runs"]],
      ["run.import", ["sweepId", "format", "content", "mapping"]],
    ] as const;
    const junk = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.constant(""), fc.constant("x".repeat(3000)), fc.constantFrom("nul\u0000", "\ud800lone", "csv\n\udc00"), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
    const input = fc.constantFrom(...procedures).chain(([name, fields]) =>
      fc.tuple(fc.constant(name), fc.constant(fields), fc.subarray([...fields], { minLength: 1 }), fc.array(junk, { minLength: fields.length, maxLength: fields.length })),
    );
    await fc.assert(
      fc.asyncProperty(input, async ([name, fields, broken, values]) => {
        const valid: Record<string, Json> = {
          slug: "ok-slug", name: "ok", teamId: w.teamA.id, email: "x@example.com", role: "member", userId: w.memberA.user.id, tokenId: w.tokenA.token.id,
          description: "", methodologyId: w.methodology.id, axes: ["D"], metric: "loss", direction: "lower", pinnedModel: "power-law", targetScale: 1e9,
          sweepId: w.sweep.id, runs: [{ runKey: "never", scales: { N: 1, D: 1 }, metrics: { loss: 1 } }], format: "csv", content: "runKey,N,D,loss\n", mapping: {},
        };
        const payload: Record<string, Json> = {};
        fields.forEach((field, i) => (payload[field] = broken.includes(field) ? values[i] : valid[field]));
        // Owner of team A: access passes, so what is left to answer is the input itself.
        const result = await trpcMutation(db, name, payload, { cookie: w.ownerA.cookie });
        if (result.status === 200) return; // junk that happens to be valid (e.g. an empty mapping); rolled back below by the count check
        expect(result.status, `${name} ${JSON.stringify(payload)} → ${JSON.stringify(result.error)}`).toBeLessThan(500);
        expect(result.status).toBeGreaterThanOrEqual(400);
        if (result.status === 400) {
          const fieldErrors = (result.error as { data: { fieldErrors?: { path: string }[] | null } }).data.fieldErrors ?? [];
          const namesAField = fields.some((f) => result.error!.message.includes(f)) || fieldErrors.some((e) => fields.some((f) => e.path.startsWith(f)));
          expect(namesAField, `${name}: ${result.error!.message}`).toBe(true);
        }
      }),
      { numRuns: 1_000 },
    );
    const after = await counts();
    // Valid-by-chance calls can only have added rows the payload asked for; none of the junk wrote anything.
    expect(after!.runs).toBe(before!.runs);
  });
});
