/**
 * The overview's small charts come from stored fits alone (their runs, curve, band and target scale), kept
 * per fit id; a big sweep's runs are spread to at most OVERVIEW_CHART_MAX_RUNS; the changes since a snapshot
 * carry the frozen numbers for "before → after".
 */
import { describe, expect, inject, it } from "vitest";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { OVERVIEW_CHART_MAX_RUNS } from "../src/services/overview/overview-charts";
import type { CurvePoint, FitSummary, Residual } from "../src/workers/tasks";
import { addRuns, powerLawSweep, wobble } from "./fit-fixtures";
import { memberCaller, openForSuite, runPendingFitJobs, unique } from "./helpers";

describe.each(testDatabaseTargets(inject("postgresUrl")))("overview charts on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });

  const entryOf = async (api: Awaited<ReturnType<typeof memberCaller>>, sweepId: string) =>
    (await api.team.overview()).flatMap((t) => t.entries).find((e) => e.sweep.id === sweepId)!;

  it("a card's chart is the stored fit's runs, curve with band, frontier and target, read once per fit id", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 10 });
    await runPendingFitJobs(db, { sweepId: sweep.id });
    const api = await memberCaller(db, team.id);
    const entry = await entryOf(api, sweep.id);
    const fit = await db.prisma.fit.findUniqueOrThrow({ where: { id: entry.fit!.id } });
    const residuals = fit.residuals as unknown as Residual[];
    const curve = fit.curve as unknown as CurvePoint[];

    expect(entry.chart!.runCount).toBe(10);
    expect(entry.chart!.runs).toEqual(residuals.map((r) => ({ scale: r.scale, value: r.actual })).sort((a, b) => a.scale - b.scale));
    expect(entry.chart!.curve.map((p) => [p.scale, p.value, p.lower, p.upper])).toEqual(curve.map((p) => [p.scale, p.value, p.lower, p.upper]));
    expect(entry.chart!.curve.some((p) => p.lower !== undefined)).toBe(true);
    expect(entry.chart!.frontier).toBe(fit.frontier);
    expect(entry.chart!.targetScale).toBe((fit.summary as unknown as FitSummary).targetScale);
    expect(entry.chart!.targetScale).toBe(1e12);
    expect(entry.gainPer10xInterval).toEqual((fit.summary as unknown as FitSummary).gainPer10xInterval);

    // A stored fit never changes, so its chart is kept by fit id: the stored curve is not read again.
    await db.prisma.fit.update({ where: { id: fit.id }, data: { curve: [] } });
    expect((await entryOf(api, sweep.id)).chart!.curve).toEqual(entry.chart!.curve);
  });

  it(`a sweep of 150 runs draws ${OVERVIEW_CHART_MAX_RUNS} of them spread over the range, the smallest and largest kept`, async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 0 });
    const scales = Array.from({ length: 150 }, (_, i) => 1e6 * 1.05 ** i);
    await db.prisma.run.createMany({ data: scales.map((d, i) => ({ sweepId: sweep.id, runKey: unique("r"), scales: { D: d }, metrics: { loss: 8 * d ** -0.12 * wobble(i) } })) });
    await runPendingFitJobs(db, { sweepId: sweep.id });
    const chart = (await entryOf(await memberCaller(db, team.id), sweep.id)).chart!;
    expect(chart.runCount).toBe(150);
    expect(chart.runs).toHaveLength(OVERVIEW_CHART_MAX_RUNS);
    expect(chart.runs[0]!.scale).toBeCloseTo(scales[0]!, 6);
    expect(chart.runs.at(-1)!.scale).toBeCloseTo(scales.at(-1)!, 6);
    expect(chart.runs.every((r, i) => i === 0 || r.scale > chart.runs[i - 1]!.scale)).toBe(true);
  });

  it("the changes since a snapshot carry the frozen runs, forecast and gain, so a card prints before → after", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 10 });
    await runPendingFitJobs(db, { sweepId: sweep.id });
    const api = await memberCaller(db, team.id);
    const frozen = await entryOf(api, sweep.id);
    await api.snapshot.create({ teamId: team.id, title: unique("week") });
    await addRuns(db, sweep.id, 10, 12);
    await runPendingFitJobs(db, { sweepId: sweep.id });
    const mine = (await api.team.overview()).find((t) => t.team.id === team.id)!;
    const change = mine.sinceSnapshot!.changes.find((c) => c.sweepId === sweep.id)!;
    expect(change.status).toBe("changed");
    expect(change.runs).toEqual({ from: 10, to: 12 });
    expect(change.forecast.from).toMatchObject({ scale: 1e12, value: frozen.forecast!.value });
    expect(change.gainPer10x.from).toBe(frozen.gainPer10x);
    const now = mine.entries.find((e) => e.sweep.id === sweep.id)!;
    expect(now.runCount).toBe(12);
    expect(change.forecast.value.delta).toBeCloseTo(now.forecast!.value! - frozen.forecast!.value!, 12);
    expect(change.gainPer10x.to).toBe(now.gainPer10x);
  });
});
