import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { TaskPool } from "../../workers/pool";
import { FIT_TASK_DEFAULTS, STORED_WITHOUT_BACKTESTS } from "../../workers/tasks";
import { ensureFit, type StoredFit } from "../fit/ensure-fit";
import { resolveDefaultModels } from "../fit/resolve-default-model";
import { FIT_DEFAULTS, type TFit } from "../fit/schemas";
import { SWEEP_FIELDS_SELECT, TEAM_SUMMARY_SELECT, type SweepFields, type TeamSummary } from "../sweep/sweep-summary";
import type { TEntryChange, TFrozenSweepEntry, TSweepEntry } from "./schemas";

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

/** Builds the entry from a sweep and its fit (stored summary: no runs read, nothing computed). */
export function toSweepEntry(sweep: EntrySweep, fit: FitForEntry | null, problem: string | null = null): TSweepEntry {
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
    problem,
  };
}

/**
 * Entries for `sweeps`: stored fits of the default law (pinned, else model selection's choice:
 * resolve-default-model.ts) and metric stamped with the sweep's current runsVersion are read in one query; a sweep without one gets its fit computed (once, then stored).
 * A sweep whose data cannot be fitted gets an entry with the reason instead of failing the whole list.
 */
export async function sweepEntries(db: Database, pool: TaskPool, sweeps: EntrySweep[]): Promise<TSweepEntry[]> {
  if (sweeps.length === 0) return [];
  const forFit = (s: EntrySweep) => ({ ...s, teamId: s.methodology.team.id });
  const defaults = await resolveDefaultModels(db, pool, sweeps.map(forFit));
  const modelOf = (s: EntrySweep) => defaults.get(s.id)?.model;
  const fitted = sweeps.filter((s) => modelOf(s) !== undefined);
  const fits = await db.prisma.fit.findMany({
    where: { OR: fitted.map((s) => ({ sweepId: s.id, model: modelOf(s)!, metric: s.metric, runsVersion: s.runsVersion })) },
    orderBy: [{ bootstrap: "desc" }, { createdAt: "desc" }],
    select: { id: true, sweepId: true, model: true, params: true, pointCount: true, metrics: true, createdAt: true, summary: true },
  });
  const bySweep = new Map<string, (typeof fits)[number]>();
  for (const f of fits) if (!bySweep.has(f.sweepId)) bySweep.set(f.sweepId, f);
  return Promise.all(
    sweeps.map(async (sweep) => {
      const model = modelOf(sweep);
      if (model === undefined) return toSweepEntry(sweep, null, defaults.get(sweep.id)?.problem ?? null);
      const stored = bySweep.get(sweep.id);
      if (stored?.model === model) return toSweepEntry(sweep, stored);
      try {
        const { fit } = await ensureFit(
          db,
          pool,
          forFit(sweep),
          { model, metric: sweep.metric, bootstrap: FIT_DEFAULTS.bootstrap, seed: FIT_DEFAULTS.seed },
          { anyBootstrap: true },
        );
        return toSweepEntry(sweep, fit);
      } catch (error) {
        if (error instanceof AppError && error.code === "BAD_REQUEST") return toSweepEntry(sweep, null, error.message);
        throw error;
      }
    }),
  );
}

/** What changed between two lists of entries, matched by sweep. */
export function diffEntries(from: TFrozenSweepEntry[], to: TFrozenSweepEntry[]): TEntryChange[] {
  const before = new Map(from.map((e) => [e.sweep.id, e]));
  const after = new Map(to.map((e) => [e.sweep.id, e]));
  const changes: TEntryChange[] = [];
  for (const e of to) {
    const old = before.get(e.sweep.id);
    changes.push(changeOf(old ?? null, e));
  }
  for (const e of from) if (!after.has(e.sweep.id)) changes.push(changeOf(e, null));
  return changes;
}

/** (to − from)/|from|; null when a value is unknown (run off to ±Infinity) or when from is 0 and to is not. */
function relativeShift(from: number | null, to: number | null): number | null {
  if (from === null || to === null) return null;
  if (from === 0) return to === 0 ? 0 : null;
  return (to - from) / Math.abs(from);
}

function changeOf(a: TFrozenSweepEntry | null, b: TFrozenSweepEntry | null): TEntryChange {
  const e = (b ?? a)!;
  const base = { sweepId: e.sweep.id, sweepName: e.sweep.name, methodologyName: e.methodology.name, teamName: e.team.name };
  if (!a || !b) {
    return { ...base, status: a ? "removed" : "added", newRuns: b?.runCount ?? 0, modelChanged: false, parameterShifts: {}, forecastShift: null, recommendation: null };
  }
  const parameterShifts: Record<string, number | null> = {};
  const modelChanged = (a.fit?.model ?? null) !== (b.fit?.model ?? null);
  if (a.fit && b.fit && !modelChanged) {
    for (const [k, v] of Object.entries(b.fit.params)) {
      const old = a.fit.params[k];
      if (old === undefined) continue;
      parameterShifts[k] = relativeShift(old, v);
    }
  }
  const av = a.forecast?.value ?? null;
  const bv = b.forecast?.value ?? null;
  const forecastShift = av !== null && bv !== null && a.forecast?.scale === b.forecast?.scale ? bv - av : null;
  const ra = a.recommendation?.action ?? null;
  const rb = b.recommendation?.action ?? null;
  const newRuns = b.runCount - a.runCount;
  const changed = newRuns !== 0 || modelChanged || (a.fit?.id ?? null) !== (b.fit?.id ?? null) || ra !== rb;
  return {
    ...base,
    status: changed ? "changed" : "unchanged",
    newRuns,
    modelChanged,
    parameterShifts,
    forecastShift,
    recommendation: ra !== rb ? { from: ra, to: rb } : null,
  };
}
