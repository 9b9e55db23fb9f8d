import { describe, expect, inject, it } from "vitest";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { compareFits } from "../src/services/analysis/compare-fits";
import { forecastFit } from "../src/services/analysis/forecast-fit";
import { recommendFit } from "../src/services/analysis/recommend-fit";
import { powerLawSweep } from "./fit-fixtures";
import { memberCaller, openForSuite, testPool } from "./helpers";

/**
 * Stored fits never change, so a comparison, a forecast or a recommendation of the same fits with the same
 * arguments is computed once (FitResults): a repeat answers the very same result.
 */
describe.each(testDatabaseTargets(inject("postgresUrl")))("results derived from stored fits, cached on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });

  it("compareFits(fitIds, at, level) answers a repeat from its cache, and computes another scale, level or order", async () => {
    const a = await powerLawSweep(db, { n: 10, K: 4, a: -0.12 });
    const b = await powerLawSweep(db, { n: 10, K: 9, a: -0.15 });
    const fa = await (await memberCaller(db, a.team.id)).fit.create({ sweepId: a.sweep.id, model: "power-law", bootstrap: 30 });
    const fb = await (await memberCaller(db, b.team.id)).fit.create({ sweepId: b.sweep.id, model: "power-law", bootstrap: 30 });

    const first = await compareFits(db, testPool, { fitIds: [fa.id, fb.id], at: 1e12 });
    const again = await compareFits(db, testPool, { fitIds: [fa.id, fb.id], at: 1e12, level: 0.9 }); // 0.9 is the default level
    expect(again.ranking).toBe(first.ranking);
    expect(again.pairs).toBe(first.pairs);
    expect(again.fits).toEqual(first.fits);

    const smaller = await compareFits(db, testPool, { fitIds: [fa.id, fb.id], at: 1e9 });
    expect(smaller.at).toBe(1e9);
    expect(smaller.ranking).not.toBe(first.ranking);
    expect(smaller.pairs[0]!.dataMultiplier).not.toEqual(first.pairs[0]!.dataMultiplier);

    const wider = await compareFits(db, testPool, { fitIds: [fa.id, fb.id], at: 1e12, level: 0.99 });
    expect(wider.level).toBe(0.99);
    expect(wider.ranking).not.toBe(first.ranking);

    const swapped = await compareFits(db, testPool, { fitIds: [fb.id, fa.id], at: 1e12 });
    expect(swapped.pairs.map((p) => [p.a, p.b])).toEqual([[fb.id, fa.id]]);
  });

  it("forecastFit and recommendFit answer a repeat from the cache, and compute other arguments", async () => {
    const a = await powerLawSweep(db, { n: 10, K: 4, a: -0.12 });
    const b = await powerLawSweep(db, { n: 10, K: 9, a: -0.15 });
    const api = await memberCaller(db, a.team.id);
    const fa = await api.fit.create({ sweepId: a.sweep.id, model: "power-law", bootstrap: 30 });
    const fb = await (await memberCaller(db, b.team.id)).fit.create({ sweepId: b.sweep.id, model: "power-law", bootstrap: 30 });
    const pool = testPool;

    const forecast = await forecastFit(db, pool, { fitId: fa.id, at: [1e10, 1e12] });
    expect((await forecastFit(db, pool, { fitId: fa.id, at: [1e10, 1e12], level: 0.9 })).at).toBe(forecast.at);
    const other = await forecastFit(db, pool, { fitId: fa.id, at: [1e10, 1e12], target: 1.5 });
    expect(other.at).not.toBe(forecast.at);
    expect(other.target).not.toBeNull();

    const recommended = await recommendFit(db, pool, { fitId: fa.id, alternativeFitId: fb.id });
    expect((await recommendFit(db, pool, { fitId: fa.id, alternativeFitId: fb.id })).reasons).toBe(recommended.reasons);
    expect((await recommendFit(db, pool, { fitId: fa.id })).reasons).not.toBe(recommended.reasons);
  });
});
