/**
 * Team-overview benchmark: 1,000,000 runs in the database (3 teams, 12 sweeps of ~83k runs, written with one
 * INSERT ... SELECT generate_series per sweep, the Run indexes dropped during the load and rebuilt after it,
 * about twice as fast as maintaining them row by row; the run-counter triggers stay on), a stored default
 * fit per sweep, then team.overview timed: the first read (which loads each fit's chart) and the cached reads after it.
 * The overview reads stored fits, their summaries and the per-sweep run counters, never the runs.
 * Target: < 100 ms.
 *
 * Setup shortcut: fitting 83k runs with 200 bootstrap resamples takes minutes per sweep here, and the
 * overview never reads what a fit was computed from. So one fit is computed for real (the fit job's body,
 * the default bootstrap) on a 1,000-run sample sweep drawn from the same law, and each large sweep gets a
 * copy of it stored by SQL, stamped with that sweep's current runsVersion, and a FitState row settled at
 * that version: exactly the rows a real fit job of that sweep would leave for the overview to read (a
 * different dataFingerprint per sweep).
 */
import type { Database } from "@scalecast/db";
import { appRouter, type Context } from "../src";
import { createTaskPool } from "../src/workers/pool";
import { openFitQueue } from "../src/jobs/fit-queue";
import { runFitJob } from "../src/services/fit/fit-state";

const RUN_VALUES = `jsonb_build_object('D', 1e6 * power(10, (i % 5000) / 1000.0)),
                jsonb_build_object('loss', (8 + $3::float) * power(1e6 * power(10, (i % 5000) / 1000.0), -0.12) * (1 + 0.02 * sin(i)))`;

export async function benchOverview(db: Database, options: { runs?: number; sweeps?: number; repeats?: number } = {}) {
  const totalRuns = options.runs ?? 1_000_000;
  const sweepCount = options.sweeps ?? 12;
  const repeats = options.repeats ?? 30;
  const perSweep = Math.ceil(totalRuns / sweepCount);
  const user = await db.prisma.user.create({ data: { name: "bench", email: "bench-overview@example.com" } });
  const sweepIds: string[] = [];
  const sample = { methodologyId: "", sweepId: "" };
  const writeStarted = performance.now();
  const indexes = await db.sql.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'Run' AND indexname <> 'Run_pkey'`,
  );
  await db.sql.exec(`ALTER TABLE "Run" DROP CONSTRAINT "Run_pkey"; ${indexes.map((i) => `DROP INDEX "${i.name}";`).join(" ")}`);
  for (let t = 0; t < 3; t++) {
    const team = await db.prisma.team.create({ data: { slug: `bench-overview-${t}`, name: `Overview ${t}` } });
    for (let m = 0; m < sweepCount / 3; m++) {
      const methodology = await db.prisma.methodology.create({ data: { teamId: team.id, name: `method ${m}` } });
      const sweep = await db.prisma.sweep.create({
        data: { methodologyId: methodology.id, name: "sweep", axes: ["D"], metric: "loss", pinnedModel: "power-law", targetScale: 1e13 },
      });
      sweepIds.push(sweep.id);
      sample.methodologyId ||= methodology.id;
      await db.sql.query(
        `INSERT INTO "Run" ("id", "sweepId", "runKey", "scales", "metrics", "updatedAt")
         SELECT $1 || '-' || i, $1, 'r' || i, ${RUN_VALUES}, now()
         FROM generate_series(1, $2::int) AS i`,
        [sweep.id, perSweep, t + m / 10],
      );
    }
  }
  await db.sql.exec(`ALTER TABLE "Run" ADD CONSTRAINT "Run_pkey" PRIMARY KEY ("id"); ${indexes.map((i) => `${i.definition};`).join(" ")}`);
  await db.sql.exec(`ANALYZE "Run"; ANALYZE "Sweep"; ANALYZE "Fit"`);
  const writeMs = performance.now() - writeStarted;

  const fitStarted = performance.now();
  const actor: Context["actor"] = { kind: "user", user: { id: user.id, email: user.email, name: user.name }, memberships: [] };
  const pool = createTaskPool();
  const fitJobs = await openFitQueue(db, { maintain: false });
  const caller = appRouter.createCaller({ db, pool, fitJobs, actor });
  const sampleSweep = await db.prisma.sweep.create({
    data: { methodologyId: sample.methodologyId, name: "sample", axes: ["D"], metric: "loss", pinnedModel: "power-law", targetScale: 1e13 },
  });
  await db.sql.query(
    `INSERT INTO "Run" ("id", "sweepId", "runKey", "scales", "metrics", "updatedAt")
     SELECT $1 || '-' || i, $1, 'r' || i, ${RUN_VALUES}, now() FROM generate_series(1, $2::int, 5) AS i`,
    [sampleSweep.id, 5000, 0],
  );
  const { fitId } = await runFitJob(db, pool, { sweepId: sampleSweep.id, metric: "loss", model: "" });
  if (!fitId) throw new Error("the sample sweep could not be fitted");
  await db.sql.query(
    `INSERT INTO "Fit" ("id", "sweepId", "model", "metric", "params", "intervals", "metrics", "converged", "message", "dataFingerprint",
                        "bootstrap", "seed", "pointCount", "runsVersion", "smallest", "frontier", "uniqueTokens", "draws", "curve", "residuals", "summary")
     SELECT f."id" || '-' || s."id", s."id", f."model", f."metric", f."params", f."intervals", f."metrics", f."converged", f."message",
            f."dataFingerprint" || '-' || s."id", f."bootstrap", f."seed", s."runCount", s."runsVersion", f."smallest", f."frontier",
            f."uniqueTokens", f."draws", f."curve", f."residuals", f."summary"
     FROM "Fit" f CROSS JOIN "Sweep" s WHERE f."id" = $1 AND s."id" = ANY($2::text[])`,
    [fitId, sweepIds],
  );
  await db.sql.query(
    `INSERT INTO "FitState" ("id", "sweepId", "metric", "model", "fitId", "settledVersion", "failure", "updatedAt")
     SELECT 'fs-' || s."id", s."id", s."metric", '', $1 || '-' || s."id", s."runsVersion", NULL, now() FROM "Sweep" s WHERE s."id" = ANY($2::text[])`,
    [fitId, sweepIds],
  );
  await db.prisma.sweep.delete({ where: { id: sampleSweep.id } });
  const fitMs = performance.now() - fitStarted;
  const storedFits = await db.prisma.fit.count();
  const runCount = await db.prisma.run.count();
  // The first read also loads each fit's small chart (its stored curve and runs), then kept per fit id.
  const firstStarted = performance.now();
  const first = await caller.team.overview();
  const firstMs = Math.round((performance.now() - firstStarted) * 10) / 10;
  const answerBytes = Buffer.byteLength(JSON.stringify(first));
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const overview = await caller.team.overview();
    times.push(performance.now() - t0);
    if (overview.reduce((s, t) => s + t.entries.length, 0) !== sweepCount) throw new Error("overview is missing sweeps");
    if (overview.some((t) => t.entries.some((e) => e.fit === null || e.fitStatus.state !== "current"))) throw new Error("overview is missing a current fit");
  }
  if ((await db.prisma.fit.count()) !== storedFits) throw new Error("the overview computed fits instead of reading the stored ones");
  await pool.close();
  times.sort((a, b) => a - b);
  const q = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 10) / 10;
  return { runs: runCount, sweeps: sweepCount, writeSeconds: Math.round(writeMs / 100) / 10, firstFitsSeconds: Math.round(fitMs / 100) / 10, firstMs, answerBytes, overviewMs: { p50: q(0.5), p95: q(0.95), max: q(1) } };
}
