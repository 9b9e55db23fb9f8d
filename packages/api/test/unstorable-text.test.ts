/**
 * Text PostgreSQL cannot store (a NUL character, a lone UTF-16 surrogate) in any field that reaches the
 * database through REST, tRPC or an import: a 400 naming the field and the problem, nothing written.
 * Before, the database refused the text and the caller got a 500 (tRPC: with the raw database message).
 */
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { describe, expect, inject, it } from "vitest";
import { openForSuite } from "./helpers";
import { handle, trpcMutation } from "./http";
import { buildWorld, runFor, type World } from "./world";

const NUL = "contains a NUL character";
const SURROGATE = "contains an unpaired surrogate (invalid Unicode)";

describe.each(testDatabaseTargets(inject("postgresUrl")))("unstorable text on $kind", (target) => {
  let db: Database;
  let w: World;
  openForSuite(target, async (opened) => {
    db = opened;
    w = await buildWorld(db);
  });

  const rest = async (path: string, body?: unknown) => {
    const response = await handle(
      db,
      new Request(`http://scalecast.test${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { authorization: `Bearer ${w.tokenA.secret}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return { status: response.status, body: (await response.json()) as { error?: { message: string; issues: { path: string; row?: number }[] } } };
  };
  const runCount = async () => (await db.prisma.run.count({ where: { sweepId: w.sweep.id } }));

  it("POST /api/v1/runs names the row and field of a NUL or a lone surrogate, beside the batch's other bad rows", async () => {
    const before = await runCount();
    const { status, body } = await rest("/api/v1/runs", {
      sweepId: w.sweep.id,
      runs: [runFor("fine"), runFor("a\u0000b"), { ...runFor("neg"), scales: { N: -1, D: 1 } }, { ...runFor("m"), metrics: { loss: 1, "acc\ud800": 2 } }, runFor("\udc00")],
    });
    expect(status).toBe(400);
    expect(body.error!.message).toBe(
      `4 bad rows, nothing was written: row 2: runKey: ${NUL}; row 3: scales.N: scale values must be positive (they are read on a log axis); ` +
        `row 4: metrics.acc\\ud800: the name ${SURROGATE}; row 5: runKey: ${SURROGATE}`,
    );
    expect(body.error!.issues.map((i) => i.row)).toEqual([2, 3, 4, 5]);
    expect(await runCount()).toBe(before);
  });

  it("GET /api/v1/sweeps names a sweep reference with a NUL", async () => {
    const { status, body } = await rest(`/api/v1/sweeps?methodology=${encodeURIComponent("web\u0000")}&sweep=x`);
    expect(status).toBe(400);
    expect(body.error!.message).toBe(`methodology: ${NUL}`);
  });

  it("tRPC mutations answer 400 naming the field (run.ingest, team.create, sweep.create axes, run.import content)", async () => {
    const cases: [string, unknown, string][] = [
      ["run.ingest", { sweepId: w.sweep.id, runs: [runFor("ok"), { ...runFor("x"), scales: { "N\u0000": 1, D: 1 } }] }, `1 bad row, nothing was written: row 2: scales.N\\u0000: the name ${NUL}`],
      ["team.create", { slug: "nul-team", name: "Team \ud83d" }, `name: ${SURROGATE}`],
      ["sweep.create", { methodologyId: w.methodology.id, name: "s", axes: ["D\u0000"], metric: "loss" }, `axes.0: ${NUL}`],
      ["run.import", { sweepId: w.sweep.id, format: "csv", content: "runKey,N,D,loss\nk\u0000,1,1,1\n" }, `content: ${NUL}`],
    ];
    const before = await db.prisma.team.count();
    for (const [path, input, message] of cases) {
      const result = await trpcMutation(db, path, input, { authorization: `Bearer ${w.tokenA.secret}` });
      expect({ path, status: result.status, message: result.error?.message }).toEqual({ path, status: 400, message });
    }
    expect(await db.prisma.team.count()).toBe(before);
  });
});
