import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import type { TExcludeRunInput, TRunEvent } from "./run-schemas";
import { actorLabel, findRunToChange, recordRunEvent } from "./run-trail";

/**
 * Excludes a run from fits, with a reason (members and the team's API tokens). The run stays listed and drawn;
 * updating it bumps the sweep's runsVersion (counters trigger), so stored fits and caches are recomputed.
 * 409 when it is already excluded.
 */
export async function excludeRun(db: Database, actor: Actor, input: TExcludeRunInput): Promise<TRunEvent> {
  const { sweep, run } = await findRunToChange(db, actor, input);
  if (run.excludedAt) {
    throw new AppError("CONFLICT", `run "${run.runKey}" is already excluded (by ${run.excludedBy ?? "someone"}: ${run.excludedReason ?? ""})`);
  }
  const who = await actorLabel(db, actor);
  return db.prisma.$transaction(async (tx) => {
    const event = await recordRunEvent(tx, sweep.id, run, "exclude", who, input.reason);
    await tx.run.update({ where: { id: run.id }, data: { excludedAt: event.createdAt, excludedBy: who, excludedReason: input.reason } });
    return event;
  });
}
