import type { Database } from "@scalecast/db";
import { z } from "zod";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import { assertCanWrite } from "../access/assert-access";
import { metricBounds } from "../run/metric-bounds";
import { ZId } from "../team/team-schemas";
import { findSweep } from "./find-sweep";
import { SWEEP_FIELDS_SELECT } from "./sweep-summary";

export const ZSetMetricBoundedInput = z.object({
  sweepId: ZId,
  /** true: bounded to [0, 1]; false: not bounded; null: decided by the metric's name. */
  bounded: z.boolean("bounded must be true, false or null").nullable(),
});
export type TSetMetricBoundedInput = z.infer<typeof ZSetMetricBoundedInput>;

/**
 * Marks a sweep's metric bounded to [0, 1] or not (members and the team's tokens). Refused (400, naming the
 * first such run) while a run's value lies outside the new bounds: exclude or delete it first. Bumps the
 * sweep's runsVersion, so stored fits are not reused as current: the saturating law's ceiling follows the
 * bounds on the next fit (the fit options carry them, so the fingerprint changes too).
 */
export async function setMetricBounded(db: Database, actor: Actor, input: TSetMetricBoundedInput) {
  const sweep = await findSweep(db, actor, { sweepId: input.sweepId });
  await assertCanWrite({ db, actor }, sweep.teamId);
  const bounds = metricBounds({ ...sweep, metricBounded: input.bounded });
  if (bounds?.kind === "unit") {
    const [outside] = await db.sql.query<{ runKey: string; value: number }>(
      `SELECT "runKey", ("metrics"->>$2)::float8 AS "value" FROM "Run"
       WHERE "sweepId" = $1 AND jsonb_typeof("metrics"->$2) = 'number' AND (("metrics"->>$2)::float8 < 0 OR ("metrics"->>$2)::float8 > 1)
       ORDER BY "runKey" LIMIT 1`,
      [sweep.id, sweep.metric],
    );
    if (outside) {
      throw new AppError(
        "BAD_REQUEST",
        `run "${outside.runKey}" has ${sweep.metric} = ${outside.value}, outside [0, 1]; exclude or delete it before marking the metric bounded`,
      );
    }
  }
  return db.prisma.sweep.update({ where: { id: sweep.id }, data: { metricBounded: input.bounded, runsVersion: { increment: 1 } }, select: { ...SWEEP_FIELDS_SELECT, methodologyId: true, createdAt: true } });
}
