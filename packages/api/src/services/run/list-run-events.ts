import type { Database } from "@scalecast/db";
import { z } from "zod";
import { ZId } from "../team/team-schemas";
import { ZRunEvent, type TRunEvent } from "./run-schemas";

export const ZListRunEventsInput = z.object({ sweepId: ZId });
export type TListRunEventsInput = z.infer<typeof ZListRunEventsInput>;

/** A sweep's run trail, newest first: every exclusion, inclusion and deletion with who, when and why. */
export async function listRunEvents(db: Database, input: TListRunEventsInput): Promise<TRunEvent[]> {
  const events = await db.prisma.runEvent.findMany({ where: { sweepId: input.sweepId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return events.map((event) => ZRunEvent.parse(event));
}
