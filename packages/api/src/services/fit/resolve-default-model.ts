import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { TaskPool } from "../../workers/pool";
import { ensureModelSelection, type SelectionOutput } from "../analysis/ensure-model-selection";
import type { SweepForFit } from "./sweep-rows";

/** A sweep's default law, or why it has none (its runs cannot be ranked: a BAD_REQUEST message). */
export type DefaultModel = { model: string; problem?: undefined } | { model?: undefined; problem: string };

/**
 * The default law of each sweep for its own metric: the pinned law when a member pinned one, else model
 * selection's choice (rank 1 unless its fit is degenerate). Stored selections of the current runs are read
 * in one query; a sweep without one has its selection computed once and stored (ensureModelSelection).
 * Errors other than BAD_REQUEST are thrown.
 */
export async function resolveDefaultModels(db: Database, pool: TaskPool, sweeps: readonly SweepForFit[]): Promise<Map<string, DefaultModel>> {
  const out = new Map<string, DefaultModel>();
  const open = sweeps.filter((s) => {
    if (s.pinnedModel) out.set(s.id, { model: s.pinnedModel });
    return !s.pinnedModel;
  });
  if (open.length === 0) return out;
  const stored = await db.prisma.modelSelection.findMany({
    where: { OR: open.map((s) => ({ sweepId: s.id, metric: s.metric, runsVersion: s.runsVersion })) },
    select: { sweepId: true, choice: true },
  });
  for (const row of stored) out.set(row.sweepId, { model: (row.choice as unknown as SelectionOutput["choice"]).model });
  await Promise.all(
    open
      .filter((s) => !out.has(s.id))
      .map(async (s) => {
        try {
          out.set(s.id, { model: (await ensureModelSelection(db, pool, s, s.metric)).choice.model });
        } catch (error) {
          if (!(error instanceof AppError && error.code === "BAD_REQUEST")) throw error;
          out.set(s.id, { problem: error.message });
        }
      }),
  );
  return out;
}

/** The default law of one sweep (see resolveDefaultModels); throws BAD_REQUEST when its runs cannot be ranked. */
export async function resolveDefaultModel(db: Database, pool: TaskPool, sweep: SweepForFit): Promise<string> {
  const resolved = (await resolveDefaultModels(db, pool, [sweep])).get(sweep.id)!;
  if (resolved.problem !== undefined) throw new AppError("BAD_REQUEST", resolved.problem);
  return resolved.model;
}
