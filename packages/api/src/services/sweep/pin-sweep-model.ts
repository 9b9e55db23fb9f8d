import { getModel, MODEL_SELECTION_ERRORS } from "@scalecast/core";
import type { Database } from "@scalecast/db";
import { z } from "zod";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import { assertCanWrite } from "../access/assert-access";
import { axisMapping } from "../fit/sweep-rows";
import { ZId } from "../team/team-schemas";
import { ZModelName } from "./sweep-schemas";
import { SWEEP_FIELDS_SELECT } from "./sweep-summary";

export const ZPinSweepModelInput = z.object({
  sweepId: ZId,
  /** The law to use by default; null clears the pin, so model selection's choice is used again. */
  model: ZModelName.nullable(),
});
export type TPinSweepModelInput = z.infer<typeof ZPinSweepModelInput>;

/**
 * Pins (or, with null, unpins) the sweep's default law: members and tokens of its team. The law must be a
 * score law the sweep's axes can feed (BAD_REQUEST naming why otherwise). Bumps the sweep's runsVersion
 * like a change of its runs: the default-law fit state is no longer current (readers show "refitting"
 * until the job the caller queues settles it), and a job that resolved the old law and settles after the
 * pin settles an older version, so it cannot mark the old law's fit current.
 */
export async function pinSweepModel(db: Database, actor: Actor, input: TPinSweepModelInput) {
  const sweep = await db.prisma.sweep.findUnique({ where: { id: input.sweepId }, select: { name: true, axes: true, methodology: { select: { teamId: true } } } });
  if (!sweep) throw new AppError("NOT_FOUND", `sweep ${input.sweepId} does not exist`);
  await assertCanWrite({ db, actor }, sweep.methodology.teamId);
  if (input.model !== null) {
    if (getModel(input.model).predicts !== "y") throw new AppError("BAD_REQUEST", `model: ${MODEL_SELECTION_ERRORS.notScoreModel(input.model)}`);
    axisMapping(sweep, input.model);
  }
  return db.prisma.sweep.update({ where: { id: input.sweepId }, data: { pinnedModel: input.model, runsVersion: { increment: 1 } }, select: SWEEP_FIELDS_SELECT });
}
