import { FORECAST_DEFAULTS } from "@scalecast/core";
import { isUniqueViolation, type BacktestModel, type Database, type Prisma } from "@scalecast/db";
import { AppError } from "../../errors";
import { TaskError, type TaskPool } from "../../workers/pool";
import type { Actor } from "../access/actor";
import { assertCanWrite } from "../access/assert-access";
import { checkModel, loadSweepForFit, loadSweepRows, withRunKeys } from "../fit/sweep-rows";
import type { TBacktestInput } from "./schemas";

/**
 * Backtest of `model` on the sweep: fit on the smaller scales, predict the held-out largest ones. Kept per
 * team (the team's record of forecast error over time); the same data, model and holdout return the
 * stored result. Storing it is a write to the team, so only its members and API tokens may run one.
 */
export async function backtestSweep(db: Database, pool: TaskPool, actor: Actor, input: TBacktestInput) {
  const sweep = await loadSweepForFit(db, input.sweepId);
  await assertCanWrite({ db, actor }, sweep.teamId);
  checkModel(input.model);
  const holdoutFraction = input.holdoutFraction ?? FORECAST_DEFAULTS.holdoutFraction;
  const data = await loadSweepRows(db, sweep, input.model, sweep.metric);
  const key = { sweepId: sweep.id, model: input.model, metric: sweep.metric, dataFingerprint: data.fingerprint, holdoutFraction };
  const stored = await db.prisma.backtest.findFirst({ where: key });
  if (stored) return toBacktest(stored, false);
  let result;
  try {
    result = await pool.run("backtest", { model: input.model, rows: data.rows, direction: sweep.direction, holdoutFraction }, `backtest:${JSON.stringify(key)}`);
  } catch (error) {
    if (error instanceof TaskError) throw new AppError("BAD_REQUEST", `sweep "${sweep.name}": ${withRunKeys(error.message, data.runKeys)}`);
    throw error;
  }
  try {
    const row = await db.prisma.backtest.create({
      data: {
        ...key,
        teamId: sweep.teamId,
        trainSize: result.trainSize,
        cutoff: result.cutoff,
        heldOut: result.heldOut as Prisma.InputJsonValue,
        rmseLog: result.rmseLog,
        meanAbsoluteRelativeError: result.meanAbsoluteRelativeError,
      },
    });
    return toBacktest(row, true);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.prisma.backtest.findFirst({ where: key });
    if (!winner) throw error;
    return toBacktest(winner, false);
  }
}

export function toBacktest(row: BacktestModel, computed: boolean) {
  return {
    id: row.id,
    teamId: row.teamId,
    sweepId: row.sweepId,
    model: row.model,
    metric: row.metric,
    holdoutFraction: row.holdoutFraction,
    trainSize: row.trainSize,
    cutoff: row.cutoff,
    heldOut: row.heldOut as { scale: number; actual: number; predicted: number | null; error: number | null; logError: number | null }[],
    rmseLog: row.rmseLog,
    meanAbsoluteRelativeError: row.meanAbsoluteRelativeError,
    createdAt: row.createdAt,
    computed,
  };
}
