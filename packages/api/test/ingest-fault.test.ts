/**
 * Faults: the PostgreSQL server is stopped while batches are being ingested over HTTP and started again;
 * the client retries each failed batch with the same run keys. Afterwards every run is there exactly once.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase, resolveDatabaseConfig, migrate, type Database } from "@scalecast/db";
import { createScratchPostgres, startPostgresServer, type PostgresServer } from "@scalecast/db/testing";
import { serve } from "./http";
import { buildWorld, type World } from "./world";

const BATCHES = 30;
const BATCH_SIZE = 500;

describe.skipIf(inject("postgresUrl") === "")("ingest while PostgreSQL stops and restarts", () => {
  let server: PostgresServer;
  let db: Database;
  let w: World;
  let http: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await startPostgresServer();
    const scratch = await createScratchPostgres(server.url);
    db = await openDatabase(resolveDatabaseConfig({ DATABASE_URL: scratch.url }));
    await migrate(db.sql);
    w = await buildWorld(db);
    http = await serve(db);
  });
  afterAll(async () => {
    await http?.close();
    await db?.close().catch(() => undefined);
    server?.destroy();
  });

  it("keeps every run exactly once when batches are retried with the same run keys", async () => {
    const batches = Array.from({ length: BATCHES }, (_, b) =>
      Array.from({ length: BATCH_SIZE }, (_, i) => {
        const k = b * BATCH_SIZE + i;
        return { runKey: `fault-${k}`, scales: { N: 1e6 * (1 + k), D: 2e7 * (1 + (k % 97)) }, metrics: { loss: 2 + 1 / (1 + k) } };
      }),
    );
    const statuses: (number | string)[] = [];
    let restarted: Promise<void> | undefined;
    let reportedInserted = 0;
    for (const [index, runs] of batches.entries()) {
      for (let attempt = 0; ; attempt++) {
        if (attempt > 200) throw new Error(`batch ${index} never went through: ${statuses.slice(-5).join(", ")}`);
        const request = fetch(`${http.url}/api/v1/runs`, {
          method: "POST",
          headers: { authorization: `Bearer ${w.tokenA.secret}`, "content-type": "application/json" },
          body: JSON.stringify({ sweepId: w.sweep.id, runs }),
        });
        if (index === 10 && attempt === 0) {
          // Stop the server while this batch is on its way, and bring it back 1.5 s later.
          await new Promise((r) => setTimeout(r, 5));
          server.stop();
          restarted = new Promise((resolve) => setTimeout(() => resolve(server.start()), 1_500));
        }
        const response = await request.catch((error: Error) => error);
        if (response instanceof Response && response.ok) {
          const result = (await response.json()) as { inserted: number; duplicates: number };
          expect(result.inserted + result.duplicates).toBe(BATCH_SIZE);
          reportedInserted += result.inserted;
          statuses.push(response.status);
          break;
        }
        statuses.push(response instanceof Response ? response.status : response.message);
        if (response instanceof Response) expect([500, 503]).toContain(response.status);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await restarted;
    // The outage was seen (some requests failed) and then recovered.
    expect(statuses.filter((s) => s !== 200).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    const rows = await db.sql.query<{ total: string; keys: string }>(
      `SELECT count(*)::text AS total, count(DISTINCT "runKey")::text AS keys FROM "Run" WHERE "sweepId" = $1`,
      [w.sweep.id],
    );
    expect(rows[0]).toEqual({ total: String(BATCHES * BATCH_SIZE), keys: String(BATCHES * BATCH_SIZE) });
    expect(reportedInserted).toBe(BATCHES * BATCH_SIZE);
    const sample = await db.prisma.run.findUniqueOrThrow({ where: { sweepId_runKey: { sweepId: w.sweep.id, runKey: "fault-5017" } } });
    expect(sample).toMatchObject({ scales: { N: 1e6 * 5018, D: 2e7 * (1 + (5017 % 97)) }, metrics: { loss: 2 + 1 / 5018 } });
  });
});
