/**
 * Imports of real export layouts: an MLflow runs table (`mlflow.search_runs(...).to_csv()`: run_id,
 * experiment_id, status, times, artifact_uri, lifecycle_stage, params.*, metrics.*, tags.*) and a W&B
 * runs-table export, each read by its own format and recognised by `auto`; unfinished runs skipped and
 * counted; ids, timestamps and runtimes never read as metrics; MLflow tags and other params kept as tags.
 */
import { describe, expect, inject, it } from "vitest";
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { detectRunFileFormat } from "../src/services/import/parse-run-file";
import { callerFor, openForSuite, unique } from "./helpers";
import { buildWorld, type World } from "./world";

const MLFLOW = [
  "run_id,experiment_id,status,artifact_uri,start_time,end_time,lifecycle_stage,metrics.loss,metrics.val_loss,params.N,params.D,params.lr,params.seed,tags.mlflow.runName,tags.mlflow.user,tags.git_sha",
  "0a1b2c3d4e5f,412,FINISHED,file:///mlruns/412/0a1b2c3d4e5f/artifacts,2026-11-20 10:00:00.120000+00:00,2026-11-20 11:00:00.450000+00:00,active,3.1,3.2,100000000,2000000000,0.001,1,tiny-otter-12,ada,ab12f",
  "1b2c3d4e5f6a,412,FAILED,file:///mlruns/412/1b2c3d4e5f6a/artifacts,2026-11-20 12:00:00+00:00,2026-11-20 12:05:00+00:00,active,,,200000000,4000000000,0.001,2,brave-fox-3,ada,ab12f",
  "2c3d4e5f6a7b,412,FINISHED,file:///mlruns/412/2c3d4e5f6a7b/artifacts,2026-11-20 13:00:00+00:00,2026-11-20 15:00:00+00:00,active,2.7,2.8,400000000,8000000000,0.0008,3,calm-owl-7,ada,cd34e",
  "3d4e5f6a7b8c,412,RUNNING,file:///mlruns/412/3d4e5f6a7b8c/artifacts,2026-11-20 16:00:00+00:00,,active,,,800000000,16000000000,0.0008,4,bold-elk-1,ada,cd34e",
  "4e5f6a7b8c9d,412,KILLED,file:///mlruns/412/4e5f6a7b8c9d/artifacts,2026-11-20 17:00:00+00:00,2026-11-20 17:01:00+00:00,active,,,800000000,16000000000,0.0008,5,wise-ant-4,ada,cd34e",
].join("\n");

const WANDB = [
  '"Name","ID","State","Notes","User","Tags","Created","Runtime","Sweep","experiment_id","start_time","N","D","lr","loss","acc","_step","_timestamp"',
  '"tiny-otter-12","wb01","finished","","ada","","2026-11-20T10:00:00.000Z","3600","","412","1763632800","100000000","2000000000","0.001","3.1","0.41","100","1763636400"',
  '"brave-fox-3","wb02","failed","","ada","","2026-11-20T12:00:00.000Z","300","","412","1763640000","200000000","4000000000","0.001","","","5","1763640300"',
  '"calm-owl-7","wb03","crashed","","ada","","2026-11-20T13:00:00.000Z","60","","412","1763643600","400000000","8000000000","0.001","","","1","1763643660"',
  '"bold-elk-1","wb04","finished","","ada","","2026-11-20T16:00:00.000Z","7200","","412","1763654400","400000000","8000000000","0.0008","2.7","0.47","200","1763661600"',
].join("\n");

describe.each(testDatabaseTargets(inject("postgresUrl")))("importing MLflow and W&B exports on $kind", (target) => {
  let db: Database;
  let w: World;
  openForSuite(target, async (opened) => {
    db = opened;
    w = await buildWorld(db);
  });
  const freshSweep = async () => {
    const caller = callerFor(db, w.actors.member);
    const methodology = await caller.methodology.create({ teamId: w.teamA.id, name: unique("exports") });
    return { caller, sweep: await caller.sweep.create({ methodologyId: methodology.id, name: "grid", axes: ["N", "D"], metric: "loss", direction: "lower" }) };
  };
  const storedRuns = (sweepId: string) =>
    db.prisma.run.findMany({ where: { sweepId }, orderBy: { runKey: "asc" }, select: { runKey: true, scales: true, metrics: true, seed: true, tags: true } });

  it("recognises each layout from its content", () => {
    expect(detectRunFileFormat(MLFLOW)).toBe("mlflow");
    expect(detectRunFileFormat(WANDB)).toBe("wandb");
    expect(detectRunFileFormat("runKey,N,D,loss\na,1,2,3\n")).toBe("csv");
    expect(detectRunFileFormat('\uFEFF[{"runKey":"a"}]')).toBe("json");
    expect(detectRunFileFormat('{"runKey":"a"}\n{"runKey":"b"}\n')).toBe("jsonl");
  });

  it.each(["mlflow", "auto"] as const)("format %s: FINISHED runs with params as axes, metrics.*, the seed, and tags; the others skipped and counted", async (format) => {
    const { caller, sweep } = await freshSweep();
    const result = await caller.run.import({ sweepId: sweep.id, format, content: MLFLOW });
    expect(result).toMatchObject({ rows: 2, inserted: 2, insertedRunKeys: ["0a1b2c3d4e5f", "2c3d4e5f6a7b"] });
    expect(result.skipped).toEqual([
      { row: 3, reason: 'MLflow run status is "FAILED", not FINISHED' },
      { row: 5, reason: 'MLflow run status is "RUNNING", not FINISHED' },
      { row: 6, reason: 'MLflow run status is "KILLED", not FINISHED' },
    ]);
    expect(await storedRuns(sweep.id)).toEqual([
      {
        runKey: "0a1b2c3d4e5f",
        scales: { N: 1e8, D: 2e9 },
        metrics: { loss: 3.1, val_loss: 3.2 },
        seed: 1,
        tags: { "mlflow.runName": "tiny-otter-12", "mlflow.user": "ada", git_sha: "ab12f", "params.lr": "0.001" },
      },
      {
        runKey: "2c3d4e5f6a7b",
        scales: { N: 4e8, D: 8e9 },
        metrics: { loss: 2.7, val_loss: 2.8 },
        seed: 3,
        tags: { "mlflow.runName": "calm-owl-7", "mlflow.user": "ada", git_sha: "cd34e", "params.lr": "0.0008" },
      },
    ]);
    const page = await caller.sweep.get({ sweepId: sweep.id });
    expect(page.runs.find((r) => r.runKey === "0a1b2c3d4e5f")?.tags).toEqual({ "mlflow.runName": "tiny-otter-12", "mlflow.user": "ada", git_sha: "ab12f", "params.lr": "0.001" });
  });

  it.each(["wandb", "auto"] as const)("format %s: finished runs only; ids, timestamps and runtimes are never metrics", async (format) => {
    const { caller, sweep } = await freshSweep();
    const result = await caller.run.import({ sweepId: sweep.id, format, content: WANDB });
    expect(result).toMatchObject({ rows: 2, inserted: 2, insertedRunKeys: ["wb01", "wb04"] });
    expect(result.skipped).toEqual([
      { row: 3, reason: 'W&B run state is "failed", not finished' },
      { row: 4, reason: 'W&B run state is "crashed", not finished' },
    ]);
    const runs = await storedRuns(sweep.id);
    expect(runs.map((r) => r.metrics)).toEqual([
      { lr: 0.001, loss: 3.1, acc: 0.41 },
      { lr: 0.0008, loss: 2.7, acc: 0.47 },
    ]);
  });

  it.each([
    [
      "run_id,status,params.N,metrics.loss\nr1,FINISHED,1e8,3\n",
      'no column "params.D" for axis "D"; columns are run_id, status, params.N, metrics.loss; name it with mapping {"D": "<column>"}',
    ],
    ["experiment_id,status,params.N,params.D,metrics.loss\n1,FINISHED,1e8,2e9,3\n", "no run key column: expected run_id; columns are experiment_id, status, params.N, params.D, metrics.loss"],
    ["run_id,status,params.N,params.D,metrics.loss\nr1,FINISHED,1e8,2e9,nan\n", '1 bad row, nothing was written: row 2: column metrics.loss: "nan" is not a number'],
    ["run_id,status,params.N,params.D,metrics.loss\nr1,FINISHED,1e8,big,3\n", '1 bad row, nothing was written: row 2: column params.D: "big" is not a number'],
    [`run_id,status,params.N,params.D,metrics.loss,tags.note\nr1,FINISHED,1e8,2e9,3,${"x".repeat(2001)}\n`, "1 bad row, nothing was written: row 2: tags.note: tag values must be at most 2000 characters"],
  ])("an MLflow table that cannot be read is refused with a specific message, nothing written (%#)", async (content, message) => {
    const { caller, sweep } = await freshSweep();
    await expect(caller.run.import({ sweepId: sweep.id, format: "mlflow", content })).rejects.toMatchObject({ code: "BAD_REQUEST", message });
    expect(await storedRuns(sweep.id)).toEqual([]);
  });

  it("tags sent with runs are checked and kept", async () => {
    const { caller, sweep } = await freshSweep();
    const run = { runKey: "t1", scales: { N: 1e8, D: 2e9 }, metrics: { loss: 3 }, tags: { git_sha: "ab12f" } };
    await caller.run.ingest({ sweepId: sweep.id, runs: [run] });
    expect((await storedRuns(sweep.id))[0]?.tags).toEqual({ git_sha: "ab12f" });
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`t${i}`, "v"]));
    await expect(caller.run.ingest({ sweepId: sweep.id, runs: [{ ...run, runKey: "t2", tags: many }] })).rejects.toMatchObject({
      message: "1 bad row, nothing was written: row 1: tags: tags may hold at most 100 entries",
    });
    await expect(caller.run.ingest({ sweepId: sweep.id, runs: [{ ...run, runKey: "t3", tags: { n: 1 } as never }] })).rejects.toMatchObject({
      message: "1 bad row, nothing was written: row 1: tags.n: tag values must be text",
    });
  });
});
