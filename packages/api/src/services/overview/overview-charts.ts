import type { Database } from "@scalecast/db";
import { FitResults } from "../analysis/fit-results";
import type { CurvePoint, FitSummary, Residual } from "../../workers/tasks";
import type { TOverviewChart } from "./schemas";

/** At most this many runs per card: a small chart cannot show more, and the answer stays small for big sweeps. */
export const OVERVIEW_CHART_MAX_RUNS = 120;

/** One chart per stored fit: fits never change, so a chart is read once per fit id and kept (FitResults). */
const charts = new FitResults<TOverviewChart | null>(512);
const CHART_INPUTS = { overviewChart: OVERVIEW_CHART_MAX_RUNS };

/**
 * The overview chart of each fit id (null for a fit without a score curve, e.g. an isoFLOP optimum law).
 * Reads the stored curve, runs (the fit's residuals) and summary; never fits. Fits missing from the cache
 * are read in one query.
 */
export async function overviewCharts(db: Database, fitIds: readonly string[]): Promise<Map<string, TOverviewChart | null>> {
  const missing: string[] = [];
  let batch: Promise<Map<string, TOverviewChart | null>> | undefined;
  // cache.get calls its loader synchronously on a miss, so every miss is listed before the batch reads.
  const readMissing = () => (batch ??= Promise.resolve().then(() => readCharts(db, missing)));
  const answers = await Promise.all(
    fitIds.map((id) =>
      charts.get(db, [id], CHART_INPUTS, () => {
        missing.push(id);
        return readMissing().then((read) => read.get(id) ?? null);
      }),
    ),
  );
  return new Map(fitIds.map((id, i) => [id, answers[i]!]));
}

async function readCharts(db: Database, fitIds: string[]): Promise<Map<string, TOverviewChart | null>> {
  const fits = await db.prisma.fit.findMany({
    where: { id: { in: fitIds } },
    select: { id: true, curve: true, residuals: true, summary: true, frontier: true },
  });
  return new Map(
    fits.map((f) => [
      f.id,
      chartOf(f.curve as CurvePoint[] | null, (f.residuals as Residual[] | null) ?? [], f.frontier, (f.summary as FitSummary | null)?.targetScale ?? null),
    ]),
  );
}

/** The chart of a stored fit: its curve and band as stored, its runs spread over their scales. */
export function chartOf(curve: CurvePoint[] | null, residuals: Residual[], frontier: number | null, targetScale: number | null): TOverviewChart | null {
  if (!curve) return null;
  const runs = residuals.map((r) => ({ scale: r.scale, value: r.actual })).sort((a, b) => a.scale - b.scale);
  return {
    runs: spread(runs, OVERVIEW_CHART_MAX_RUNS),
    runCount: runs.length,
    curve: curve.map((p) => ({
      scale: p.scale,
      value: p.value,
      ...(p.lower === undefined ? {} : { lower: p.lower }),
      ...(p.upper === undefined ? {} : { upper: p.upper }),
    })),
    frontier,
    targetScale,
  };
}

/** At most `max` items, evenly spread over the sorted list (keeping its first and last). */
function spread<T>(sorted: T[], max: number): T[] {
  if (sorted.length <= max) return sorted;
  return Array.from({ length: max }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (max - 1))]!);
}
