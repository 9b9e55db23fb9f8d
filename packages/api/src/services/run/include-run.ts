import type { Database } from "@scalecast/db";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import type { TRunEvent, TRunTarget } from "./run-schemas";
import { actorLabel, findRunToChange, recordRunEvent } from "./run-trail";

/** Includes an excluded run in fits again (the fit returns to what it was before); 409 when it is not excluded. */
export async function includeRun(db: Database, actor: Actor, input: TRunTarget): Promise<TRunEvent> {
  const { sweep, run } = await findRunToChange(db, actor, input);
  if (!run.excludedAt) throw new AppError("CONFLICT", `run "${run.runKey}" is not excluded`);
  const who = await actorLabel(db, actor);
  return db.prisma.$transaction(async (tx) => {
    const event = await recordRunEvent(tx, sweep.id, run, "include", who);
    await tx.run.update({ where: { id: run.id }, data: { excludedAt: null, excludedBy: null, excludedReason: null } });
    return event;
  });
}
