/**
 * What every read of a "latest fit" shares: which stored fit to show and its status, from FitState rows and
 * stored fits only. Nothing is computed and no task pool is involved: fits are computed by jobs, where data
 * is written (fit-state.ts).
 */
import type { Database } from "@scalecast/db";
import { fitStateKey, fitStatusOf, readFitStates, type FitJobKey, type FitStateRow, type TFitStatus } from "./fit-state";

/** A fit read: the job key plus what the status depends on (the sweep's runs version; pinning a law bumps it too). */
export interface FitReadKey extends FitJobKey {
  runsVersion: number;
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
 *   stored, with fitStatusOf's status (a new pinned law bumps the runs version, so it reads "refitting" until
 *   the job of that law settled);
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
