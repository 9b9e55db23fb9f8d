import type { Database } from "@scalecast/db";
import { FIT_TASK_DEFAULTS, STORED_WITHOUT_BACKTESTS } from "../../workers/tasks";
import type { StoredFit } from "../fit/ensure-fit";
import { fitStateKey, type TFitStatus } from "../fit/fit-state";
import { readFitPointers, type FitReadKey } from "../fit/read-fit-pointers";
import type { TFit } from "../fit/schemas";
import { SWEEP_FIELDS_SELECT, TEAM_SUMMARY_SELECT, type SweepFields, type TeamSummary } from "../sweep/sweep-summary";
import type { TSweepEntry } from "./schemas";

export const SWEEP_ENTRY_SELECT = {
  ...SWEEP_FIELDS_SELECT,
  runCount: true,
  runsVersion: true,
  methodology: { select: { id: true, name: true, synthetic: true, team: { select: TEAM_SUMMARY_SELECT } } },
} as const;

export interface EntrySweep extends SweepFields {
  runCount: number;
  runsVersion: number;
  methodology: { id: string; name: string; synthetic: boolean; team: TeamSummary };
}

type FitForEntry = Pick<StoredFit, "id" | "model" | "params" | "pointCount" | "metrics" | "createdAt" | "summary">;

/** Builds the entry from a sweep, its fit and the fit's status (stored summary: no runs read, nothing computed). */
export function toSweepEntry(sweep: EntrySweep, fit: FitForEntry | null, fitStatus: TFitStatus): TSweepEntry {
  const summary = (fit?.summary ?? null) as TFit["summary"];
  const metrics = (fit?.metrics ?? {}) as Record<string, number | null>;
  return {
    team: sweep.methodology.team,
    methodology: { id: sweep.methodology.id, name: sweep.methodology.name, synthetic: sweep.methodology.synthetic },
    sweep: { id: sweep.id, name: sweep.name, axes: sweep.axes, metric: sweep.metric, direction: sweep.direction, targetScale: sweep.targetScale },
    runCount: sweep.runCount,
    fit: fit
      ? {
          id: fit.id,
          model: fit.model,
          params: fit.params as Record<string, number | null>,
          pointCount: fit.pointCount,
          rmseLog: metrics.rmseLog ?? null,
          createdAt: fit.createdAt.toISOString(),
        }
      : null,
    gainPer10x: summary?.gainPer10x ?? null,
    ...(summary?.gainPer10xInterval ? { gainPer10xInterval: summary.gainPer10xInterval } : {}),
    forecast: summary
      ? {
          scale: summary.targetScale,
          value: summary.atTarget.value,
          lower: summary.atTarget.lower ?? null,
          upper: summary.atTarget.upper ?? null,
          ...(summary.atTarget.unreliable === undefined ? {} : { unreliable: summary.atTarget.unreliable }),
          // A summary stored before intervals were named holds the 90 % bootstrap band.
          level: summary.atTarget.level ?? FIT_TASK_DEFAULTS.level,
          method: summary.atTarget.method ?? "parameter-only",
          ...(summary.atTarget.method === undefined ? { reason: STORED_WITHOUT_BACKTESTS } : summary.atTarget.reason === undefined ? {} : { reason: summary.atTarget.reason }),
        }
      : null,
    recommendation: summary?.recommendation ?? null,
    fitStatus,
  };
}

/**
 * Entries for `sweeps`: each sweep's latest stored fit of its default law and metric with its status
 * (readFitPointers), in three queries whatever the number of sweeps; nothing is computed. A sweep no job has
 * fitted yet gets an entry without a fit ("fitting"), one whose runs cannot be fitted the reason ("failed").
 */
export async function sweepEntries(db: Database, sweeps: EntrySweep[]): Promise<TSweepEntry[]> {
  if (sweeps.length === 0) return [];
  const keys = sweeps.map((s): FitReadKey => ({ sweepId: s.id, metric: s.metric, model: "", runsVersion: s.runsVersion }));
  const pointers = await readFitPointers(db, keys);
  const fitIds = [...pointers.values()].flatMap((p) => (p.fitId === null ? [] : [p.fitId]));
  const fits = await db.prisma.fit.findMany({
    where: { id: { in: fitIds } },
    select: { id: true, model: true, params: true, pointCount: true, metrics: true, createdAt: true, summary: true },
  });
  const byId = new Map(fits.map((f) => [f.id, f]));
  return sweeps.map((sweep, i) => {
    const pointer = pointers.get(fitStateKey(keys[i]!))!;
    const fit = pointer.fitId === null ? null : (byId.get(pointer.fitId) ?? null);
    return toSweepEntry(sweep, fit, pointer.fitStatus);
  });
}
