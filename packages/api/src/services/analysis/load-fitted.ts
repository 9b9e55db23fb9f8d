import { getModel, type ExtrapolationBacktests, type FittedModel } from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";

export interface LoadedFit {
  fitId: string;
  model: string;
  metric: string;
  sweep: { id: string; name: string; axes: string[]; targetScale: number | null; methodology: { id: string; name: string; team: { id: string; name: string; slug: string } } };
  fitted: FittedModel;
  /** Backtests stored with the fit for calibrated intervals (null for fits stored before they were kept). */
  backtests: ExtrapolationBacktests | null;
  /** Why the stored fit is degenerate (its summary's `degenerate`); empty when it is not. */
  degenerate: string[];
}

/**
 * Stored fits rebuilt as core's fitted curves (params, bootstrap draws, data range, direction), without
 * reading runs. Throws NOT_FOUND naming the first missing id, and BAD_REQUEST for a fit that is not a
 * score curve (isoflop predicts an optimum).
 */
export async function loadFitted(db: Database, fitIds: readonly string[], field = "fitId"): Promise<LoadedFit[]> {
  const rows = await db.prisma.fit.findMany({
    where: { id: { in: [...fitIds] } },
    select: {
      id: true,
      model: true,
      metric: true,
      params: true,
      draws: true,
      metrics: true,
      smallest: true,
      frontier: true,
      uniqueTokens: true,
      calibration: true,
      summary: true,
      sweep: {
        select: {
          id: true,
          name: true,
          axes: true,
          direction: true,
          targetScale: true,
          methodology: { select: { id: true, name: true, team: { select: { id: true, name: true, slug: true } } } },
        },
      },
    },
  });
  return fitIds.map((id) => {
    const row = rows.find((r) => r.id === id);
    if (!row) throw new AppError("NOT_FOUND", `${field}: fit ${id} does not exist`);
    const spec = getModel(row.model);
    if (spec.predicts !== "y" || row.smallest === null || row.frontier === null) {
      throw new AppError("BAD_REQUEST", `${field}: fit ${id} is a ${row.model} fit, which predicts the compute-optimal scale, not a score curve`);
    }
    const { direction, ...sweep } = row.sweep;
    const failedDraws = (row.metrics as { bootstrapFailures?: unknown }).bootstrapFailures;
    const fitted: FittedModel = {
      model: spec.name,
      params: row.params as Record<string, number>,
      draws: (row.draws ?? []) as Record<string, number>[],
      ...(typeof failedDraws === "number" && failedDraws > 0 ? { failedDraws } : {}),
      frontier: row.frontier,
      smallest: row.smallest,
      direction,
      ...(row.uniqueTokens !== null ? { uniqueTokens: row.uniqueTokens } : {}),
    };
    const backtests = (row.calibration ?? null) as ExtrapolationBacktests | null;
    const degenerate = (row.summary as { degenerate?: string[] } | null)?.degenerate ?? [];
    return { fitId: row.id, model: row.model, metric: row.metric, sweep, fitted, backtests, degenerate };
  });
}
