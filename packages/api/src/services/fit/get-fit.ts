import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import { toFit } from "./ensure-fit";
import type { TFit } from "./schemas";

/** One stored fit by id. */
export async function getFit(db: Database, fitId: string): Promise<TFit> {
  const fit = await db.prisma.fit.findUnique({ where: { id: fitId }, omit: { draws: true }, include: { sweep: { select: { runsVersion: true } } } });
  if (!fit) throw new AppError("NOT_FOUND", `fit ${fitId} does not exist`);
  const { sweep, ...stored } = fit;
  return toFit(stored, sweep.runsVersion);
}
