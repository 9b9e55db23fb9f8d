/**
 * What every read of a "latest fit" shares: which stored fit to show and its status, from FitState rows and
 * stored fits only. Nothing is computed and no task pool is involved: fits are computed by jobs, where data
 * is written (fit-state.ts).
 */
import type { Database } from "@scalecast/db";
import { fitStateKey, fitStatusOf, readFitStates, type FitJobKey, type FitStateRow, type TFitStatus } from "./fit-state";

/** A fit read: the job key plus what the status depends on (the sweep's runs version and pinned law). */
export interface FitReadKey extends FitJobKey {
  runsVersion: number;
  pinnedModel: string | null;
}

/** The stored fit to show for one key (null: none yet) and its status. */
export interface FitPointer {
  fitId: string | null;
  fitStatus: TFitStatus;
}

const FITTING: TFitStatus = { state: "fitting", reason: null };

/** The pointer of a key from its FitState row (fitStatusOf's status); without a row, no fit and "fitting". */
export function pointerOf(state: FitStateRow | undefined, runsVersion: number): FitPointer {
  return { fitId: state?.fitId ?? null, fitStatus: fitStatusOf(state, runsVersion) };
}

/**
 * The fit to show for each key, by fitStateKey, in at most two queries:
 * - a key with a FitState row (every default-law key, model "", once a job finished): the fit its last job
 *   stored, with fitStatusOf's status; the default law of a sweep whose pinned law differs from the stored
 *   fit's `storedModel` is "refitting" (the pin changed and the job of the new law is pending);
 * - an explicit law no job has settled: the stored fit of the sweep's current runs (fit.create stores it,
 *   stamped with the runs version) as "current", else no fit and "fitting" (older fits of that law are not
 *   shown: nothing refits them until someone asks through fit.create).
 */
export async function readFitPointers(db: Database, keys: readonly FitReadKey[]): Promise<Map<string, FitPointer>> {
  const states = await readFitStates(db, keys);
  const out = new Map<string, FitPointer>();
  const unsettled = keys.filter((key) => {
    const state = states.get(fitStateKey(key));
    if (state) out.set(fitStateKey(key), pointerOf(state, key.runsVersion));
    return !state;
  });
  const explicit = unsettled.filter((key) => key.model !== "");
  const current =
    explicit.length === 0
      ? []
      : await db.prisma.fit.findMany({
          where: { OR: explicit.map((k) => ({ sweepId: k.sweepId, model: k.model, metric: k.metric, runsVersion: k.runsVersion })) },
          orderBy: [{ bootstrap: "desc" }, { createdAt: "desc" }],
          select: { id: true, sweepId: true, model: true, metric: true },
        });
  for (const key of unsettled) {
    const fit = current.find((f) => f.sweepId === key.sweepId && f.model === key.model && f.metric === key.metric);
    out.set(fitStateKey(key), fit ? { fitId: fit.id, fitStatus: { state: "current", reason: null } } : { fitId: null, fitStatus: FITTING });
  }
  return out;
}

/** The status of a default-law pointer once its fit's model is known: a pinned law the fit is not of is pending. */
export function withPinnedLaw(pointer: FitPointer, key: FitReadKey, storedModel: string | undefined): TFitStatus {
  const pinChanged = key.model === "" && key.pinnedModel !== null && storedModel !== undefined && storedModel !== key.pinnedModel;
  return pinChanged && pointer.fitStatus.state === "current" ? { state: "refitting", reason: null } : pointer.fitStatus;
}
