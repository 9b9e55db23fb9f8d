import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import { toBacktest } from "./backtest-sweep";

/** A team's backtests, newest first: its record of forecast error over time. */
export async function listBacktests(db: Database, teamId: string) {
  const team = await db.prisma.team.findUnique({ where: { id: teamId }, select: { id: true } });
  if (!team) throw new AppError("NOT_FOUND", `teamId: team ${teamId} does not exist`);
  const rows = await db.prisma.backtest.findMany({ where: { teamId }, orderBy: { createdAt: "desc" }, take: 500 });
  return rows.map((r) => toBacktest(r, false));
}
