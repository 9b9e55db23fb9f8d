/**
 * Team-overview benchmark: 1,000,000 runs in the database (3 teams, 12 sweeps, written with one INSERT ...
 * SELECT generate_series per sweep), each sweep's default fit stored once, then team.overview timed.
 * The overview reads stored fits, their summaries and the per-sweep run counters, never the runs.
 * Target: < 100 ms.
 */
import type { Database } from "@scalecast/db";
import { appRouter, type Context } from "../src";
import { getTaskPool } from "../src/workers/pool";

export async function benchOverview(db: Database, options: { runs?: number; sweeps?: number; repeats?: number } = {}) {
  const totalRuns = options.runs ?? 1_000_000;
  const sweepCount = options.sweeps ?? 12;
  const repeats = options.repeats ?? 30;
  const perSweep = Math.floor(totalRuns / sweepCount);
  const user = await db.prisma.user.create({ data: { name: "bench", email: "bench-overview@example.com" } });
  const sweepIds: string[] = [];
  const writeStarted = performance.now();
  for (let t = 0; t < 3; t++) {
    const team = await db.prisma.team.create({ data: { slug: `bench-overview-${t}`, name: `Overview ${t}` } });
    for (let m = 0; m < sweepCount / 3; m++) {
      const methodology = await db.prisma.methodology.create({ data: { teamId: team.id, name: `method ${m}` } });
      const sweep = await db.prisma.sweep.create({
        data: { methodologyId: methodology.id, name: "sweep", axes: ["D"], metric: "loss", defaultModel: "power-law", targetScale: 1e13 },
      });
      sweepIds.push(sweep.id);
      await db.sql.query(
        `INSERT INTO "Run" ("id", "sweepId", "runKey", "scales", "metrics", "updatedAt")
         SELECT $1 || '-' || i, $1, 'r' || i,
                jsonb_build_object('D', 1e6 * power(10, (i % 5000) / 1000.0)),
                jsonb_build_object('loss', (8 + $3::float) * power(1e6 * power(10, (i % 5000) / 1000.0), -0.12) * (1 + 0.02 * sin(i))),
                now()
         FROM generate_series(1, $2::int) AS i`,
        [sweep.id, perSweep, t + m / 10],
      );
    }
  }
  const writeMs = performance.now() - writeStarted;
  const runCount = await db.prisma.run.count();
  const actor: Context["actor"] = { kind: "user", user: { id: user.id, email: user.email, name: user.name }, memberships: [] };
  const caller = appRouter.createCaller({ db, actor });
  const fitStarted = performance.now();
  for (const sweepId of sweepIds) await caller.fit.latest({ sweepId });
  const fitMs = performance.now() - fitStarted;
  await caller.team.overview(); // warm
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const overview = await caller.team.overview();
    times.push(performance.now() - t0);
    if (overview.reduce((s, t) => s + t.entries.length, 0) !== sweepCount) throw new Error("overview is missing sweeps");
  }
  await getTaskPool().close();
  times.sort((a, b) => a - b);
  const q = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 10) / 10;
  return { runs: runCount, sweeps: sweepCount, writeSeconds: Math.round(writeMs / 100) / 10, firstFitsSeconds: Math.round(fitMs / 100) / 10, overviewMs: { p50: q(0.5), p95: q(0.95), max: q(1) } };
}
