import { describe, expect, inject, it } from "vitest";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { createTaskPool } from "../src/workers/pool";
import { ensureFit } from "../src/services/fit/ensure-fit";
import { loadSweepForFit } from "../src/services/fit/sweep-rows";
import { addRuns, plateauSweep, powerLawSweep, wobble } from "./fit-fixtures";
import { callerFor, createTeamFixture, memberCaller, openForSuite, runPendingFitJobs } from "./helpers";
import { MAX_COMPARED_FITS } from "../src/limits";
import { CALIBRATION_MESSAGES, SCORE_INTERVAL_PROBLEMS, calibratedForecast, degenerateIntervalReason } from "@scalecast/core";

describe.each(testDatabaseTargets(inject("postgresUrl")))("fits on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });

  const memberOf = (teamId: string) => memberCaller(db, teamId);

  it("fit.create stores the fit with curve, band, residuals and intervals, and reuses it for the same data", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 10 });
    const api = await memberOf(team.id);
    const fit = await api.fit.create({ sweepId: sweep.id, model: "power-law", bootstrap: 50, seed: 7 });
    expect(fit.computed).toBe(true);
    expect(fit.params.a).toBeCloseTo(-0.12, 1);
    expect(fit.pointCount).toBe(10);
    expect(fit.drawCount).toBe(50);
    expect(fit.curve).toHaveLength(60);
    expect(fit.curve!.at(-1)!.scale).toBeCloseTo(1e12, -6);
    for (const p of fit.curve!) expect(p.lower!).toBeLessThanOrEqual(p.upper!);
    expect(fit.residuals!.map((r) => r.runKey)).toEqual(Array.from({ length: 10 }, (_, i) => `run-${String(i).padStart(4, "0")}`));
    expect(Object.keys(fit.intervals!)).toEqual(["K", "a"]);
    expect(fit.summary!.targetScale).toBe(1e12);
    expect(fit.current).toBe(true);

    const again = await api.fit.create({ sweepId: sweep.id, model: "power-law", bootstrap: 50, seed: 7 });
    expect(again).toMatchObject({ id: fit.id, computed: false });
    expect(await db.prisma.fit.count({ where: { sweepId: sweep.id } })).toBe(1);
  });

  it("fit.create leaves out and flags the forecast interval of an unstable bootstrap (saturating law on its plateau)", async () => {
    const { team, sweep } = await plateauSweep(db);
    const api = await memberOf(team.id);
    const fit = await api.fit.create({ sweepId: sweep.id, model: "saturating-power-law", bootstrap: 200, seed: 42 });
    const { atTarget } = fit.summary!;
    expect(atTarget.value).toBeGreaterThan(0.69);
    expect(atTarget.unreliable).toMatch(/^the lower bound -\d.*e\+\d+ is not positive, but saturating-power-law only predicts positive scores$/);
    expect(atTarget.lower).toBeUndefined();
    expect(atTarget.upper).toBeUndefined();
    expect(fit.summary!.gainPer10xInterval).toBeUndefined();
    expect(fit.summary!.gainPer10xUnreliable).toMatch(/is not positive/);
    expect(fit.summary!.recommendation!.confidence).toBe("low");
    expect(fit.summary!.recommendation!.reasons.join("\n")).toMatch(/the bootstrap is unstable, so its intervals are not reliable/);
    // The band stays where it is meaningful (mid-range) and is left out where the refits dive.
    const banded = fit.curve!.filter((p) => p.lower !== undefined);
    expect(banded.length).toBeGreaterThan(10);
    for (const p of banded) expect(p.lower!).toBeGreaterThan(0);
    expect(fit.curve!.at(-1)!.lower).toBeUndefined();
    // The overview (and so snapshots) carries the flag instead of bounds, once the job took the stored fit.
    await runPendingFitJobs(db, { sweepId: sweep.id });
    const entry = (await api.team.overview()).flatMap((t) => t.entries).find((e) => e.sweep.id === sweep.id)!;
    expect(entry.fit!.id).toBe(fit.id);
    expect(entry.forecast).toMatchObject({ lower: null, upper: null, unreliable: atTarget.unreliable });
  });

  it("flags every interval when more than 20 % of the bootstrap refits failed: stored summary, band, analysis.forecast", async () => {
    const { team, sweep } = await plateauSweep(db, 5);
    // Unbounded, the ceiling of many refits runs off; a bounded accuracy's ceiling of 1 would hold them.
    await db.prisma.sweep.update({ where: { id: sweep.id }, data: { metricBounded: false } });
    const api = await memberOf(team.id);
    const fit = await api.fit.create({ sweepId: sweep.id, model: "saturating-power-law", bootstrap: 100, seed: 42 });
    const failed = fit.metrics.bootstrapFailures!;
    expect(failed).toBeGreaterThan(20);
    const reason = SCORE_INTERVAL_PROBLEMS.manyFailedRefits(failed, 100, 0.2);
    // This fit is also degenerate (it does not converge): the stored summary names that first, and
    // withholds the same intervals.
    const degenerate = fit.summary!.degenerate!;
    expect(degenerate[0]).toMatch(/^the fit did not converge: /);
    expect(fit.summary!.atTarget).toEqual({
      value: fit.summary!.atTarget.value,
      unreliable: degenerateIntervalReason(degenerate),
      level: 0.9,
      method: "parameter-only",
      reason: CALIBRATION_MESSAGES.fewConverged(1, 4, 2),
    });
    expect(fit.summary!.atTarget.reason).toBe("only 1 of 4 backtest fits converged; calibration needs at least 2");
    expect(fit.summary!.gainPer10xUnreliable).toBe(degenerateIntervalReason(degenerate));
    expect(fit.curve!.filter((p) => p.lower !== undefined)).toEqual([]);
    const forecast = await api.analysis.forecast({ fitId: fit.id });
    const named = { level: 0.9, method: fit.summary!.atTarget.method, reason: fit.summary!.atTarget.reason };
    expect(forecast.frontier.interval).toEqual({ lower: null, upper: null, unreliable: reason, ...named });
    expect(forecast.at[0]!.interval).toEqual({ lower: null, upper: null, unreliable: reason, ...named });
    expect(forecast.at[0]!.bootstrapInterval).toEqual({ lower: null, upper: null, unreliable: reason });
  });

  it("fit.latest returns the fit the job stored (the one with the most resamples while the runs are unchanged), and the job refits when they change", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 8 });
    const api = await memberOf(team.id);
    const big = await api.fit.create({ sweepId: sweep.id, model: "power-law", bootstrap: 120 });
    await api.fit.create({ sweepId: sweep.id, model: "power-law" });
    expect(await api.fit.latest({ sweepId: sweep.id })).toEqual({ fit: null, fitStatus: { state: "fitting", reason: null } });
    await runPendingFitJobs(db, { sweepId: sweep.id });
    const { fit: latest, fitStatus } = await api.fit.latest({ sweepId: sweep.id });
    expect(fitStatus.state).toBe("current");
    expect(latest?.id).toBe(big.id);
    expect(latest?.bootstrap).toBe(120);

    await addRuns(db, sweep.id, 8, 10);
    expect(await api.fit.latest({ sweepId: sweep.id })).toMatchObject({ fit: { id: big.id, current: false }, fitStatus: { state: "refitting" } });
    await runPendingFitJobs(db, { sweepId: sweep.id });
    const { fit: after } = await api.fit.latest({ sweepId: sweep.id });
    expect(after?.id).not.toBe(big.id);
    expect(after?.pointCount).toBe(10);
    expect((await api.fit.get({ fitId: big.id })).current).toBe(false);
    const history = await api.fit.history({ sweepId: sweep.id });
    expect(history.map((f) => f.id)).toContain(big.id);
    expect(history[0]!.id).toBe(after?.id);
  });

  it("concurrent first reads compute once: the unique index keeps one fit and both get it", async () => {
    const { sweep } = await powerLawSweep(db, { n: 6 });
    const pools = [createTaskPool({ size: 0 }), createTaskPool({ size: 0 })];
    const loaded = await loadSweepForFit(db, sweep.id);
    const request = { model: "power-law", metric: "loss", bootstrap: 20, seed: 1 };
    const [a, b] = await Promise.all(pools.map((p) => ensureFit(db, p, loaded, request, { anyBootstrap: false })));
    expect(a!.fit.id).toBe(b!.fit.id);
    expect(await db.prisma.fit.count({ where: { sweepId: sweep.id } })).toBe(1);
  });

  it("fit.create reports data the model cannot fit, naming the sweep and the run", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 3 });
    await db.prisma.run.create({ data: { sweepId: sweep.id, runKey: "zero", scales: { D: 0 }, metrics: { loss: 1 } } });
    const api = await memberOf(team.id);
    await expect(api.fit.create({ sweepId: sweep.id, model: "power-law" })).rejects.toThrow(
      `sweep "${sweep.name}": power-law needs positive x on a log axis: row 4 (run "zero") has x = 0`,
    );
    await expect(api.fit.create({ sweepId: sweep.id, model: "chinchilla" })).rejects.toThrow(
      `model: chinchilla needs scale axes N and D; sweep "${sweep.name}" has axes D`,
    );
    await expect(api.fit.create({ sweepId: sweep.id, model: "power-law", seed: 3 })).rejects.toThrow("seed: a seed needs bootstrap resamples");
    await expect(api.fit.create({ sweepId: sweep.id, model: "power-law", metric: "acc" })).rejects.toThrow(
      `metric: no run of sweep "${sweep.name}" records "acc"; its runs record "loss"`,
    );
    await expect(api.fit.create({ sweepId: sweep.id, model: "power-law", metric: " " })).rejects.toThrow("metric: must not be empty");
    expect(await db.prisma.fit.count({ where: { sweepId: sweep.id } })).toBe(0);
  });

  it("analysis.forecast and the stored summary give the interval calibrated on backtests at level 0.9, as core computes it", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 12, a: -0.1 });
    const api = await memberOf(team.id);
    const fit = await api.fit.create({ sweepId: sweep.id, model: "power-law", bootstrap: 40, seed: 3 });
    const rows = Array.from({ length: 12 }, (_, i) => ({ x: 1e6 * 2 ** i, y: 8 * (1e6 * 2 ** i) ** -0.1 * wobble(i) }));
    const core = calibratedForecast("power-law", rows, [1e10, 1e12], { resamples: 40, seed: 3, direction: "lower" });
    expect(core.method).toBe("calibrated");

    expect(fit.summary!.atTarget).toMatchObject({ level: 0.9, method: "calibrated" });
    expect(fit.summary!.atTarget.upper!).toBeCloseTo(core.predictions[1]!.upper, 10);
    const fc = await api.analysis.forecast({ fitId: fit.id, at: [1e10, 1e12] });
    expect(fc).toMatchObject({ level: 0.9, method: "calibrated" });
    fc.at.forEach((p, i) => {
      expect(p.interval).toMatchObject({ level: 0.9, method: "calibrated" });
      expect(p.interval!.lower!).toBeCloseTo(core.predictions[i]!.lower, 10);
      expect(p.interval!.upper!).toBeCloseTo(core.predictions[i]!.upper, 10);
      expect(p.bootstrapInterval!.lower!).toBeCloseTo(core.predictions[i]!.bootstrap!.lower, 10);
    });
    const narrow = await api.analysis.forecast({ fitId: fit.id, at: [1e12], level: 0.5 });
    expect(narrow.at[0]!.interval!.level).toBe(0.5);
    expect(narrow.at[0]!.interval!.upper!).toBeLessThan(fc.at[1]!.interval!.upper!);
    await runPendingFitJobs(db, { sweepId: sweep.id });
    const entry = (await api.team.overview()).flatMap((t) => t.entries).find((e) => e.sweep.id === sweep.id)!;
    expect(entry.forecast).toMatchObject({ level: 0.9, method: "calibrated" });
  });

  it("analysis.forecast says parameter uncertainty only, and why, when the sweep has too few scales to calibrate", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 4 });
    const api = await memberOf(team.id);
    const fit = await api.fit.create({ sweepId: sweep.id, model: "power-law", bootstrap: 40 });
    const reason = CALIBRATION_MESSAGES.fewCutoffs(1, 4, 2);
    const fc = await api.analysis.forecast({ fitId: fit.id, at: [1e9] });
    expect(fc).toMatchObject({ level: 0.9, method: "parameter-only", reason });
    expect(fc.at[0]!.interval).toMatchObject({ level: 0.9, method: "parameter-only", reason, lower: fc.at[0]!.bootstrapInterval!.lower });
    expect(fit.summary!.atTarget).toMatchObject({ method: "parameter-only", reason });
  });

  it("forecast, inverse forecast, recommend, backtest, selectModel and plan work over stored fits", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 12 });
    const api = await memberOf(team.id);
    const fit = await api.fit.create({ sweepId: sweep.id, model: "power-law", bootstrap: 40 });
    const fc = await api.analysis.forecast({ fitId: fit.id, at: [1e10, 1e12], target: 1.5 });
    expect(fc.at).toHaveLength(2);
    expect(fc.at[1]!.value!).toBeCloseTo(8 * 1e12 ** -0.12, 1);
    expect(fc.at[1]!.interval!.lower!).toBeLessThan(fc.at[1]!.interval!.upper!);
    expect(fc.target!.scale!).toBeCloseTo((1.5 / fit.params.K!) ** (1 / fit.params.a!), -3);
    expect(fc.gainPer10x!).toBeGreaterThan(0);

    const rec = await api.analysis.recommend({ fitId: fit.id });
    expect(["scale-further", "plateau", "switch"]).toContain(rec.action);
    expect(rec.reasons.length).toBeGreaterThan(0);

    const bt = await api.analysis.backtest({ sweepId: sweep.id, model: "power-law" });
    expect(bt.computed).toBe(true);
    expect(bt.heldOut.length).toBeGreaterThan(0);
    expect(bt.rmseLog!).toBeLessThan(0.1);
    expect((await api.analysis.backtest({ sweepId: sweep.id, model: "power-law" })).id).toBe(bt.id);
    expect((await api.analysis.backtestHistory({ teamId: team.id })).map((b) => b.id)).toEqual([bt.id]);

    await runPendingFitJobs(db, { sweepId: sweep.id });
    const sel = await api.analysis.selectModel({ sweepId: sweep.id });
    expect([sel.fitStatus.state, sel.pinnedModel]).toEqual(["current", "power-law"]);
    expect(sel.ranking[0]!.rank).toBe(1);
    expect(sel.ranking.map((r) => r.model)).toContain("power-law");

    const plan = await api.analysis.plan({ budget: 1e21, law: "hoffmann-2022" });
    expect(plan.optimal.n * plan.optimal.d * 6).toBeCloseTo(1e21, -15);
    await expect(api.analysis.plan({ budget: 1e21, fitId: fit.id })).rejects.toThrow("planning needs a Chinchilla-form fit");
  });

  it(`compare ranks up to ${MAX_COMPARED_FITS} fits, best first at the target, and names the limit beyond it`, async () => {
    const first = await powerLawSweep(db, { n: 8, K: 4, a: -0.1 });
    const api = await memberOf(first.team.id);
    const fitIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { sweep } = i === 0 ? first : await powerLawSweep(db, { n: 8, K: 4 + i / 4, a: -0.1 - i / 100, teamId: first.team.id });
      fitIds.push((await api.fit.create({ sweepId: sweep.id, model: "power-law", bootstrap: 0 })).id);
    }
    const cmp = await api.analysis.compare({ fitIds, at: 1e12 });
    expect(cmp.ranking).toHaveLength(20);
    const values = cmp.ranking.map((r) => r.value!);
    expect(values).toEqual([...values].sort((x, y) => x - y));
    const tooMany = [...fitIds, ...fitIds.slice(0, MAX_COMPARED_FITS + 1 - fitIds.length)];
    await expect(api.analysis.compare({ fitIds: tooMany })).rejects.toThrow(`fitIds: must list at most ${MAX_COMPARED_FITS} fits`);
  });

  it("compare ranks fits across teams; snapshots freeze them and diff reports new runs and shifts; decisions tie to them", async () => {
    const a = await powerLawSweep(db, { n: 10, K: 4, a: -0.12 });
    const b = await powerLawSweep(db, { n: 10, K: 9, a: -0.15 });
    const api = await memberOf(a.team.id);
    const fa = await api.fit.create({ sweepId: a.sweep.id, model: "power-law", bootstrap: 30 });
    const fb = await (await memberOf(b.team.id)).fit.create({ sweepId: b.sweep.id, model: "power-law", bootstrap: 30 });
    const cmp = await api.analysis.compare({ fitIds: [fa.id, fb.id], at: 1e12 });
    expect(cmp.ranking.map((r) => r.fitId).sort()).toEqual([fa.id, fb.id].sort());
    // 4·D^−0.12 = 9·D^−0.15 at D = (9/4)^(1/0.03) ≈ 5.6e11
    expect(Math.log10(cmp.pairs[0]!.crossover.scale!)).toBeCloseTo(Math.log10(2.25 ** (1 / 0.03)), 0);
    expect(cmp.fits.map((f) => f.team.id)).toEqual([a.team.id, b.team.id]);

    await runPendingFitJobs(db, { sweepId: a.sweep.id });
    const s1 = await api.snapshot.create({ teamId: a.team.id, title: "week 1" });
    expect(s1.content.entries).toHaveLength(1);
    await addRuns(db, a.sweep.id, 10, 13);
    await runPendingFitJobs(db, { sweepId: a.sweep.id });
    const s2 = await api.snapshot.create({ teamId: a.team.id, title: "week 2" });
    const diff = await api.snapshot.diff({ fromId: s1.id, toId: s2.id });
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]).toMatchObject({ status: "changed", newRuns: 3 });
    expect(diff.changes[0]!.parameters.map((p) => p.name)).toEqual(["K", "a"]);

    const overview = await api.team.overview();
    const mine = overview.find((t) => t.team.id === a.team.id)!;
    expect(mine.entries[0]!.runCount).toBe(13);
    expect(mine.sinceSnapshot!.id).toBe(s2.id);
    expect(mine.sinceSnapshot!.changes[0]!.status).toBe("unchanged");

    const comparison = await api.snapshot.create({ fitIds: [fa.id, fb.id], title: "crawl vs synth" });
    expect(comparison.teamId).toBeNull();
    const decision = await api.decision.create({ title: "scale crawl", outcome: "scale_further", snapshotId: s2.id, methodologyId: a.methodology.id });
    expect((await api.decision.list({ snapshotId: s2.id })).map((d) => d.id)).toEqual([decision.id]);
    expect((await api.decision.list({ teamId: a.team.id })).map((d) => d.id)).toContain(decision.id);
    expect((await api.snapshot.get({ id: s2.id })).decisions.map((d) => d.id)).toEqual([decision.id]);
    expect((await api.snapshot.list({ teamId: a.team.id })).map((s) => s.id)).toEqual([s2.id, s1.id]);
  });

  it("entries carry the sweep's axes; a snapshot frozen before they did still loads, diffs and feeds the overview", async () => {
    const { team, sweep } = await powerLawSweep(db, { n: 6 });
    const api = await memberOf(team.id);
    await api.fit.create({ sweepId: sweep.id, model: "power-law" });
    const current = await api.snapshot.create({ teamId: team.id, title: "with axes" });
    expect(current.content.entries[0]!.sweep.axes).toEqual(sweep.axes);
    // The same content as an older version stored it: no axes.
    const entries = current.content.entries.map(({ sweep: { axes: _axes, ...rest }, ...entry }) => ({ ...entry, sweep: rest }));
    const older = await db.prisma.snapshot.create({ data: { title: "older shape", teamId: team.id, content: { kind: "team", entries } } });
    expect((await api.snapshot.get({ id: older.id })).content.entries[0]!.sweep).not.toHaveProperty("axes");
    expect((await api.snapshot.diff({ fromId: older.id, toId: current.id })).changes[0]!.status).toBe("unchanged");
    const mine = (await api.team.overview()).find((t) => t.team.id === team.id)!;
    expect(mine.sinceSnapshot).toMatchObject({ id: older.id, changes: [{ status: "unchanged" }] });
  });

  it("writes need membership: a non-member cannot fit, snapshot or decide for a team but may snapshot a comparison", async () => {
    const { team, sweep, methodology } = await powerLawSweep(db, { n: 6 });
    const other = await createTeamFixture(db);
    const outsider = await memberOf(other.id);
    await expect(outsider.fit.create({ sweepId: sweep.id, model: "power-law" })).rejects.toThrow(`you are not a member of team "${team.name}"`);
    await expect(outsider.snapshot.create({ teamId: team.id, title: "x" })).rejects.toThrow("not a member");
    await expect(outsider.decision.create({ title: "x", outcome: "other", methodologyId: methodology.id })).rejects.toThrow("not a member");
    const anonymous = callerFor(db, null);
    await expect(anonymous.fit.latest({ sweepId: sweep.id })).rejects.toThrow("sign in to use Scalecast");
    expect(await db.prisma.snapshot.count({ where: { teamId: team.id } })).toBe(0);
  });
});
