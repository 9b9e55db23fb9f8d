import { describe, expect, inject, it } from "vitest";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import type { TFrozenSweepEntry } from "../src/services/overview/schemas";
import { addRuns, powerLawSweep } from "./fit-fixtures";
import { memberCaller, openForSuite, runPendingFitJobs, unique } from "./helpers";

/**
 * snapshot.diff tells the story of a week per methodology: every figure before → after, sorted by how much
 * the decision moved (recommendation changed first, then the relative forecast shift at the target, then the
 * relative change of the gain per 10×).
 */
describe.each(testDatabaseTargets(inject("postgresUrl")))("snapshot diff on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });

  /** A team of two power-law sweeps, fitted, and a member's caller. */
  async function twoSweeps() {
    const steep = await powerLawSweep(db, { n: 10 });
    const flat = await powerLawSweep(db, { n: 10, teamId: steep.team.id, a: -0.05 });
    for (const s of [steep, flat]) await runPendingFitJobs(db, { sweepId: s.sweep.id });
    return { team: steep.team, steep, flat, api: await memberCaller(db, steep.team.id) };
  }

  /** Stores a team snapshot of `entries` as a snapshot taken earlier would hold them. */
  async function storedSnapshot(teamId: string, entries: TFrozenSweepEntry[]) {
    return db.prisma.snapshot.create({ data: { title: unique("stored"), teamId, content: { kind: "team", entries } } });
  }

  it("lists runs, law, parameters, gain per 10×, forecast with interval and recommendation before → after, and the fits to draw", async () => {
    const { team, steep, flat, api } = await twoSweeps();
    const week1 = await api.snapshot.create({ teamId: team.id, title: "week 1" });
    // Four larger runs that bend the steep sweep's curve: a new fit, new parameters, a new forecast.
    await addRuns(db, steep.sweep.id, 10, 14, 6, -0.1);
    await runPendingFitJobs(db, { sweepId: steep.sweep.id });
    const week2 = await api.snapshot.create({ teamId: team.id, title: "week 2" });
    const diff = await api.snapshot.diff({ fromId: week1.id, toId: week2.id });
    expect(diff.changes.map((c) => c.sweepId)).toEqual([steep.sweep.id, flat.sweep.id]);
    const [moved, still] = diff.changes;
    const before = week1.content.entries.find((e) => e.sweep.id === steep.sweep.id)!;
    const after = week2.content.entries.find((e) => e.sweep.id === steep.sweep.id)!;
    expect(moved).toMatchObject({ status: "changed", runs: { from: 10, to: 14 }, newRuns: 4, law: { from: "power-law", to: "power-law", changed: false } });
    expect(moved!.fit).toEqual({ from: before.fit!.id, to: after.fit!.id });
    expect(moved!.fit.from).not.toBe(moved!.fit.to);
    expect(moved!.parameters.map((p) => [p.name, p.from, p.to])).toEqual([
      ["K", before.fit!.params.K, after.fit!.params.K],
      ["a", before.fit!.params.a, after.fit!.params.a],
    ]);
    const a = moved!.parameters.find((p) => p.name === "a")!;
    expect(a.delta).toBeCloseTo(a.to! - a.from!, 12);
    expect(a.relative).toBeCloseTo((a.to! - a.from!) / Math.abs(a.from!), 12);
    expect(moved!.gainPer10x).toMatchObject({ from: before.gainPer10x, to: after.gainPer10x });
    expect(moved!.forecast.from).toMatchObject({ scale: 1e12, value: before.forecast!.value, lower: before.forecast!.lower, upper: before.forecast!.upper });
    expect(moved!.forecast.to).toMatchObject({ scale: 1e12, value: after.forecast!.value, lower: after.forecast!.lower, upper: after.forecast!.upper });
    expect(moved!.forecast.sameTarget).toBe(true);
    expect(moved!.forecast.value.relative).toBeCloseTo((after.forecast!.value! - before.forecast!.value!) / before.forecast!.value!, 12);
    expect(moved!.movement.forecastShift).toBe(Math.abs(moved!.forecast.value.relative!));
    expect(moved!.recommendation).toEqual({ from: before.recommendation!.action, to: after.recommendation!.action, changed: before.recommendation!.action !== after.recommendation!.action });
    expect(still).toMatchObject({ status: "unchanged", newRuns: 0, movement: { recommendationChanged: false, forecastShift: 0, gainShift: 0 } });
  });

  it("lists a drop of the gain per 10× alone (0.15 → 0.11) as a change, with its difference and relative change", async () => {
    const { team, api } = await twoSweeps();
    const now = await api.snapshot.create({ teamId: team.id, title: "now" });
    const earlier = await storedSnapshot(team.id, now.content.entries.map((e, i) => ({ ...e, gainPer10x: i === 0 ? 0.15 : e.gainPer10x })));
    const later = await storedSnapshot(team.id, now.content.entries.map((e, i) => ({ ...e, gainPer10x: i === 0 ? 0.11 : e.gainPer10x })));
    const { changes } = await api.snapshot.diff({ fromId: earlier.id, toId: later.id });
    const dropped = changes.find((c) => c.sweepId === now.content.entries[0]!.sweep.id)!;
    expect(dropped.status).toBe("changed");
    expect(dropped.gainPer10x.from).toBe(0.15);
    expect(dropped.gainPer10x.to).toBe(0.11);
    expect(dropped.gainPer10x.delta).toBeCloseTo(-0.04, 12);
    expect(dropped.gainPer10x.relative).toBeCloseTo(-0.04 / 0.15, 12);
    expect(dropped.movement).toEqual({ recommendationChanged: false, forecastShift: 0, gainShift: dropped.gainPer10x.relative! * -1 });
    expect(changes.find((c) => c !== dropped)!.status).toBe("unchanged");
    // The gain drop outranks the unchanged sweep.
    expect(changes[0]).toBe(dropped);
  });

  it("sorts by how much the decision moved: recommendation changed, then relative forecast shift, then gain shift, then name", async () => {
    const { team, api } = await twoSweeps();
    const now = await api.snapshot.create({ teamId: team.id, title: "now" });
    const base = now.content.entries[0]!;
    const value = base.forecast!.value!;
    /** A copy of the entry as another methodology's sweep, with the given gain, forecast value and recommendation. */
    const entry = (name: string, gain: number, forecast: number, action: string): TFrozenSweepEntry => ({
      ...base,
      methodology: { ...base.methodology, id: `m-${name}`, name },
      sweep: { ...base.sweep, id: `s-${name}` },
      gainPer10x: gain,
      forecast: { ...base.forecast!, value: forecast },
      recommendation: { ...base.recommendation!, action },
    });
    const earlier = await storedSnapshot(team.id, [
      entry("gain only", 0.15, value, "scale-further"),
      entry("forecast 5 %", 0.15, value, "scale-further"),
      entry("forecast 1 %, switch", 0.15, value, "scale-further"),
      entry("forecast 20 %", 0.15, value, "plateau"),
      entry("alpha unchanged", 0.15, value, "plateau"),
      entry("beta unchanged", 0.15, value, "plateau"),
    ]);
    const later = await storedSnapshot(team.id, [
      entry("beta unchanged", 0.15, value, "plateau"),
      entry("alpha unchanged", 0.15, value, "plateau"),
      entry("forecast 20 %", 0.15, value * 0.8, "plateau"),
      entry("forecast 1 %, switch", 0.15, value * 1.01, "switch"),
      entry("forecast 5 %", 0.15, value * 1.05, "scale-further"),
      entry("gain only", 0.11, value, "scale-further"),
    ]);
    const { changes } = await api.snapshot.diff({ fromId: earlier.id, toId: later.id });
    expect(changes.map((c) => c.methodologyName)).toEqual(["forecast 1 %, switch", "forecast 20 %", "forecast 5 %", "gain only", "alpha unchanged", "beta unchanged"]);
    expect(changes.map((c) => c.status)).toEqual(["changed", "changed", "changed", "changed", "unchanged", "unchanged"]);
    expect(changes[0]!.recommendation).toEqual({ from: "scale-further", to: "switch", changed: true });
    expect(changes[1]!.movement.forecastShift).toBeCloseTo(0.2, 12);
  });

  it("a sweep only one snapshot has is added or removed; forecasts at different targets are not compared", async () => {
    const { team, api } = await twoSweeps();
    const now = await api.snapshot.create({ teamId: team.id, title: "now" });
    const [first, second] = now.content.entries;
    const moved = { ...second!, forecast: { ...second!.forecast!, scale: 1e13 } };
    const earlier = await storedSnapshot(team.id, [first!, second!]);
    const later = await storedSnapshot(team.id, [moved]);
    const { changes } = await api.snapshot.diff({ fromId: earlier.id, toId: later.id });
    // A recommendation that disappears with its sweep counts as changed: the removed sweep comes first.
    expect(changes.map((c) => [c.sweepId, c.status])).toEqual([
      [first!.sweep.id, "removed"],
      [second!.sweep.id, "changed"],
    ]);
    const retargeted = changes.find((c) => c.status === "changed")!;
    expect(retargeted.forecast).toMatchObject({ sameTarget: false, value: { delta: null, relative: null } });
    expect(retargeted.forecast.from!.scale).toBe(1e12);
    expect(retargeted.forecast.to!.scale).toBe(1e13);
    const removed = changes.find((c) => c.status === "removed")!;
    expect(removed).toMatchObject({ runs: { from: 10, to: null }, fit: { to: null }, recommendation: { to: null } });
    const back = await api.snapshot.diff({ fromId: later.id, toId: earlier.id });
    expect(back.changes.find((c) => c.sweepId === first!.sweep.id)!.status).toBe("added");
  });

  it("diff names a missing or repeated snapshot at its field", async () => {
    const { team, api } = await twoSweeps();
    const now = await api.snapshot.create({ teamId: team.id, title: "now" });
    await expect(api.snapshot.diff({ fromId: now.id, toId: now.id })).rejects.toThrow("toId: must differ from fromId");
    await expect(api.snapshot.diff({ fromId: "no-such-snapshot", toId: now.id })).rejects.toThrow("fromId: snapshot no-such-snapshot does not exist");
    await expect(api.snapshot.diff({ fromId: now.id, toId: "no-such-snapshot" })).rejects.toThrow("toId: snapshot no-such-snapshot does not exist");
  });

  it("decisions record their author and the fit they cite, shown by snapshot.get and decision.list", async () => {
    const { team, steep, api } = await twoSweeps();
    const now = await api.snapshot.create({ teamId: team.id, title: "now" });
    const cited = now.content.entries.find((e) => e.sweep.id === steep.sweep.id)!.fit!;
    const decision = await api.decision.create({ title: "scale the crawl", outcome: "scale_further", snapshotId: now.id, fitId: cited.id });
    const me = (await db.prisma.user.findUniqueOrThrow({ where: { id: decision.authorId! } })).name;
    const logged = { id: decision.id, author: { id: decision.authorId, name: me }, methodologyId: steep.methodology.id, fit: { id: cited.id, model: "power-law", pointCount: 10, sweep: { id: steep.sweep.id, name: steep.sweep.name } } };
    expect((await api.snapshot.get({ id: now.id })).decisions).toEqual([expect.objectContaining(logged)]);
    expect(await api.decision.list({ snapshotId: now.id })).toEqual([expect.objectContaining(logged)]);
  });
});
