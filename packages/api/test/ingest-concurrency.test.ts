/**
 * Concurrent batches that share run keys, each listing them in its own order, over real HTTP on the
 * PostgreSQL server (PGlite runs one statement at a time and cannot deadlock): every request answers 200
 * and every run is stored exactly once. Rows inserted in request order deadlocked (18 of 50 answered 500).
 */
import { createRandom } from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { describe, expect, inject, it } from "vitest";
import { openForSuite } from "./helpers";
import { serve } from "./http";
import { buildWorld, runFor, type World } from "./world";

const REQUESTS = 50;
const KEYS = 300;
const PER_REQUEST = 200;
const ROUNDS = 4;

describe.each(testDatabaseTargets(inject("postgresUrl")).filter((t) => t.kind === "postgres"))("concurrent ingest on $kind", (target) => {
  let db: Database;
  let w: World;
  openForSuite(target, async (opened) => {
    db = opened;
    w = await buildWorld(db);
  });

  it(`POST /api/v1/runs: ${REQUESTS} concurrent batches with overlapping keys in shuffled orders all answer 200, each run stored once (${ROUNDS} rounds)`, async () => {
    const server = await serve(db);
    const random = createRandom(7);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const keys = Array.from({ length: KEYS }, (_, i) => `round${round}-key${i}`);
        const batches = Array.from({ length: REQUESTS }, () => {
          const shuffled = [...keys];
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = random.int(i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          return shuffled.slice(0, PER_REQUEST);
        });
        const answers = await Promise.all(
          batches.map(async (batch) => {
            const response = await fetch(`${server.url}/api/v1/runs`, {
              method: "POST",
              headers: { authorization: `Bearer ${w.tokenA.secret}`, "content-type": "application/json" },
              body: JSON.stringify({ sweepId: w.sweep.id, runs: batch.map((key) => runFor(key)) }),
            });
            return { status: response.status, body: (await response.json()) as { inserted: number; error?: { message: string } } };
          }),
        );
        const failed = answers.filter((a) => a.status !== 200);
        expect(failed.map((a) => `${a.status} ${a.body.error?.message}`), `round ${round}`).toEqual([]);
        const stored = new Set(batches.flat());
        expect(answers.reduce((sum, a) => sum + a.body.inserted, 0)).toBe(stored.size);
        const [row] = await db.sql.query<{ runs: string; keys: string }>(
          `SELECT count(*)::text AS runs, count(DISTINCT "runKey")::text AS keys FROM "Run" WHERE "sweepId" = $1 AND "runKey" LIKE $2`,
          [w.sweep.id, `round${round}-%`],
        );
        expect(row).toEqual({ runs: String(stored.size), keys: String(stored.size) });
      }
    } finally {
      await server.close();
    }
  });
});
