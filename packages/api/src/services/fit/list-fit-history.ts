import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import { toFitListItem } from "./ensure-fit";
import type { TFitListItem } from "./schemas";

/** Every stored fit of a sweep, newest first (without curves and residuals). */
export async function listFitHistory(db: Database, sweepId: string): Promise<TFitListItem[]> {
  const sweep = await db.prisma.sweep.findUnique({ where: { id: sweepId }, select: { runsVersion: true } });
  if (!sweep) throw new AppError("NOT_FOUND", `sweep ${sweepId} does not exist`);
  const fits = await db.prisma.fit.findMany({
    where: { sweepId },
    orderBy: { createdAt: "desc" },
    omit: { draws: true, curve: true, residuals: true },
  });
  return fits.map((f) => toFitListItem({ ...f, curve: null, residuals: null }, sweep.runsVersion));
}
