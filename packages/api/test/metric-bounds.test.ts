import { describe, expect, inject, it } from "vitest";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { isBoundedByName } from "../src/services/run/metric-bounds";
import { handle } from "./http";
import { createTeamFixture, insertToken, memberCaller, openForSuite, unique } from "./helpers";

describe("isBoundedByName", () => {
  it.each(["accuracy", "acc", "exact_match", "pass@1", "pass@100", "pass@k", "f1", "win_rate", "Accuracy"])("%s is bounded to [0, 1]", (name) => {
    expect(isBoundedByName(name)).toBe(true);
  });
  it.each(["loss", "val_loss", "accuracy_gap", "f1_loss", "pass@", "perplexity"])("%s is not", (name) => {
    expect(isBoundedByName(name)).toBe(false);
  });
});

describe.each(testDatabaseTargets(inject("postgresUrl")))("metric bounds on $kind", (target) => {
  let db: Database;
  openForSuite(target, (opened) => {
    db = opened;
  });

  async function sweepOf(metric: string, direction: "lower" | "higher", metricBounded: boolean | null = null) {
    const team = await createTeamFixture(db);
    const methodology = await db.prisma.methodology.create({ data: { teamId: team.id, name: unique("evals") } });
    const sweep = await db.prisma.sweep.create({ data: { methodologyId: methodology.id, name: unique("sweep"), axes: ["N"], metric, direction, metricBounded } });
    return { team, sweep, api: await memberCaller(db, team.id) };
  }
  const run = (runKey: string, metric: string, value: number, n = 1e8) => ({ runKey, scales: { N: n }, metrics: { [metric]: value } });

  it("run.ingest rejects an accuracy above 1 with its row, value and bounds, and writes nothing of the batch", async () => {
    const { sweep, api } = await sweepOf("accuracy", "higher");
    const runs = [run("a", "accuracy", 0.4), run("b", "accuracy", 0.5, 2e8), run("c", "accuracy", 1.5, 4e8)];
    await expect(api.run.ingest({ sweepId: sweep.id, runs })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "1 bad row, nothing was written: row 3: accuracy = 1.5 is outside the metric's bounds [0, 1]",
    });
    expect(await db.prisma.run.count({ where: { sweepId: sweep.id } })).toBe(0);
  });

  it("run.ingest rejects a pass@k below 0 by the metric's name", async () => {
    const { sweep, api } = await sweepOf("pass@10", "higher");
    await expect(api.run.ingest({ sweepId: sweep.id, runs: [run("a", "pass@10", -0.2)] })).rejects.toMatchObject({
      message: "1 bad row, nothing was written: row 1: pass@10 = -0.2 is outside the metric's bounds [0, 1]",
    });
  });

  it("run.ingest rejects a loss that is not strictly positive", async () => {
    const { sweep, api } = await sweepOf("loss", "lower");
    await expect(api.run.ingest({ sweepId: sweep.id, runs: [run("a", "loss", 2.5), run("b", "loss", 0, 2e8)] })).rejects.toMatchObject({
      message: "1 bad row, nothing was written: row 2: loss = 0 is outside the metric's bounds (0, ∞)",
    });
  });

  it("a member's choice overrides the name: a marked score is bounded, an unmarked accuracy is not", async () => {
    const marked = await sweepOf("score", "higher", true);
    await expect(marked.api.run.ingest({ sweepId: marked.sweep.id, runs: [run("a", "score", 2)] })).rejects.toMatchObject({
      message: "1 bad row, nothing was written: row 1: score = 2 is outside the metric's bounds [0, 1]",
    });
    const unmarked = await sweepOf("accuracy", "higher", false);
    expect(await unmarked.api.run.ingest({ sweepId: unmarked.sweep.id, runs: [run("a", "accuracy", 2)] })).toMatchObject({ inserted: 1 });
  });

  it("sweep.create and sweep.setMetricBounded set the bound; marking is refused while a run lies outside it", async () => {
    const { sweep, api } = await sweepOf("score", "higher");
    const methodologyId = sweep.methodologyId;
    expect(await api.sweep.create({ methodologyId, name: unique("bounded"), axes: ["N"], metric: "score", direction: "higher", metricBounded: true })).toMatchObject({
      metricBounded: true,
    });
    await api.run.ingest({ sweepId: sweep.id, runs: [run("ok", "score", 0.5), run("big", "score", 3, 2e8)] });
    await expect(api.sweep.setMetricBounded({ sweepId: sweep.id, bounded: true })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: 'run "big" has score = 3, outside [0, 1]; exclude or delete it before marking the metric bounded',
    });
    await api.run.delete({ sweepId: sweep.id, runKey: "big" });
    expect(await api.sweep.setMetricBounded({ sweepId: sweep.id, bounded: true })).toMatchObject({ metricBounded: true });
    expect((await api.sweep.get({ sweepId: sweep.id })).sweep.metricBounded).toBe(true);
  });

  it("fit.create holds the saturating law's ceiling of a bounded accuracy at 1; unbounded it runs past 1", async () => {
    // Accuracies from 0.31 to 0.93 on a law whose ceiling is 2.
    const runs = Array.from({ length: 9 }, (_, i) => run(`r${i}`, "accuracy", 2 - 1.9 * (10 ** (1 + i / 2)) ** -0.05, 10 ** (1 + i / 2)));
    const bounded = await sweepOf("accuracy", "higher");
    await bounded.api.run.ingest({ sweepId: bounded.sweep.id, runs });
    const fit = await bounded.api.fit.create({ sweepId: bounded.sweep.id, model: "saturating-power-law" });
    expect(fit.params.E).toBeLessThanOrEqual(1);
    expect(fit.params.E).toBeGreaterThan(0.93);

    await bounded.api.sweep.setMetricBounded({ sweepId: bounded.sweep.id, bounded: false });
    const free = await bounded.api.fit.create({ sweepId: bounded.sweep.id, model: "saturating-power-law" });
    expect(free.dataFingerprint).not.toBe(fit.dataFingerprint);
    expect(free.params.E).toBeCloseTo(2, 2);
  });

  it("run.import names the file row of a value outside the bounds", async () => {
    const { sweep, api } = await sweepOf("exact_match", "higher");
    const content = "runKey,N,exact_match\na,1e8,0.3\nb,2e8,1.2\n";
    await expect(api.run.import({ sweepId: sweep.id, format: "csv", content })).rejects.toMatchObject({
      message: "1 bad row, nothing was written: row 3: exact_match = 1.2 is outside the metric's bounds [0, 1]",
    });
    expect(await db.prisma.run.count({ where: { sweepId: sweep.id } })).toBe(0);
  });

  it("POST /api/v1/runs answers 400 with the row, value and bounds", async () => {
    const { team, sweep } = await sweepOf("f1", "higher");
    const { secret } = await insertToken(db, team.id);
    const response = await handle(
      db,
      new Request("http://scalecast.test/api/v1/runs", {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ sweepId: sweep.id, runs: [run("a", "f1", 0.2), run("b", "f1", 1.01, 2e8)] }),
      }),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      "1 bad row, nothing was written: row 2: f1 = 1.01 is outside the metric's bounds [0, 1]",
    );
  });
});
