import type { Database } from "@scalecast/db";
import { z } from "zod";
import { AppError } from "../../errors";
import { servedOften } from "../../transformer";
import { VersionedCache } from "../cache/versioned-cache";
import { readSweepHeader } from "../sweep/read-sweep-header";
import { toFit } from "./ensure-fit";
import { fitStateKey, ZFitStatus } from "./fit-state";
import { pointerOf, readFitPointers, type FitReadKey } from "./read-fit-pointers";
import { ZFit, type TLatestFitInput } from "./schemas";
import { checkModel } from "./sweep-rows";

/** fit.latest's answer: the latest stored fit (null: no job finished yet) and whether it is current. */
export const ZLatestFitOutput = z.object({ fit: ZFit.nullable(), fitStatus: ZFitStatus });
export type TLatestFitOutput = z.infer<typeof ZLatestFitOutput>;

/**
 * Answers per (sweep, law, metric), kept while their inputs are unchanged: the stored fit shown, its status,
 * the sweep's runs version (a fit's `current`) and pinned law. A repeated read of the default fit costs the
 * header query (which carries its FitState), and every reader gets the same frozen answer whose wire text is computed once
 * (servedOften); the answer is checked against ZLatestFitOutput when cached, not per request.
 */
const answers = new VersionedCache<TLatestFitOutput>(128);

/**
 * The latest stored fit of the sweep (its default law and metric unless given: the fit the last job of the
 * sweep stored, see fit-state.ts) with its status; reads only, never fits (readFitPointers). While a newer
 * fit is pending the older one is returned as "refitting"; a sweep no job has fitted yet has no fit and
 * "fitting"; a law or metric no job fits answers "fitting" until someone stores that fit (fit.create).
 */
export async function getLatestFit(db: Database, input: TLatestFitInput): Promise<TLatestFitOutput> {
  const header = await readSweepHeader(db, input.sweepId);
  if (!header) throw new AppError("NOT_FOUND", `sweep ${input.sweepId} does not exist`);
  if (input.model) checkModel(input.model);
  const key: FitReadKey = {
    sweepId: header.sweep.id,
    metric: input.metric ?? header.sweep.metric,
    model: input.model ?? "",
    runsVersion: header.runsVersion,
  };
  // The sweep's default fit's state comes with the header (one query shared by concurrent readers).
  const isDefault = key.model === "" && key.metric === header.sweep.metric;
  const pointer = isDefault ? pointerOf(header.defaultFitState, key.runsVersion) : (await readFitPointers(db, [key])).get(fitStateKey(key))!;
  const token = JSON.stringify([pointer, key.runsVersion]);
  return answers.get(db, fitStateKey(key), token, async () => {
    const stored = pointer.fitId === null ? null : await db.prisma.fit.findUnique({ where: { id: pointer.fitId }, omit: { draws: true } });
    const answer = { fit: stored ? toFit(stored, key.runsVersion) : null, fitStatus: pointer.fitStatus };
    return servedOften(ZLatestFitOutput.parse(answer));
  });
}
