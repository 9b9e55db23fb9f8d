import type { Database } from "@scalecast/db";
import type { Actor } from "../access/actor";
import type { TDeleteRunInput, TRunEvent } from "./run-schemas";
import { actorLabel, findRunToChange, recordRunEvent } from "./run-trail";

/**
 * Deletes a run (hard: the row goes, so no read path has to skip it), recording who deleted it, when, why and
 * its values in the sweep's trail. Snapshots keep what they froze: they store their own copy of fits and forecasts.
 * The run key is free again afterwards, so a corrected run can be pushed under it.
 */
export async function deleteRun(db: Database, actor: Actor, input: TDeleteRunInput): Promise<TRunEvent> {
  const { sweep, run } = await findRunToChange(db, actor, input);
  const who = await actorLabel(db, actor);
  return db.prisma.$transaction(async (tx) => {
    const event = await recordRunEvent(tx, sweep.id, run, "delete", who, input.reason ?? "");
    await tx.run.delete({ where: { id: run.id } });
    return event;
  });
}
