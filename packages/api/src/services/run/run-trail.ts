import type { Database, Prisma } from "@scalecast/db";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import { assertCanWrite } from "../access/assert-access";
import { findSweep, type SweepTarget } from "../sweep/find-sweep";
import { ZRunEvent, type TRunEvent, type TRunTarget } from "./run-schemas";

/** A run about to be excluded, included or deleted, with its sweep. */
export interface RunToChange {
  sweep: SweepTarget;
  run: { id: string; runKey: string; scales: unknown; metrics: unknown; excludedAt: Date | null; excludedBy: string | null; excludedReason: string | null };
}

/** Finds the run by sweep and run key after checking the caller may write to the sweep's team (404 naming the key). */
export async function findRunToChange(db: Database, actor: Actor, target: TRunTarget): Promise<RunToChange> {
  const sweep = await findSweep(db, actor, { sweepId: target.sweepId });
  await assertCanWrite({ db, actor }, sweep.teamId);
  const run = await db.prisma.run.findUnique({
    where: { sweepId_runKey: { sweepId: sweep.id, runKey: target.runKey } },
    select: { id: true, runKey: true, scales: true, metrics: true, excludedAt: true, excludedBy: true, excludedReason: true },
  });
  if (!run) throw new AppError("NOT_FOUND", `sweep "${sweep.name}" has no run "${target.runKey}"`);
  return { sweep, run };
}

/** Who is acting, as the trail records it: "Name <email>" or "API token <name>". */
export async function actorLabel(db: Database, actor: Actor): Promise<string> {
  if (!actor) throw new AppError("UNAUTHORIZED", "sign in to use Scalecast");
  if (actor.kind === "user") return `${actor.user.name} <${actor.user.email}>`;
  const token = await db.prisma.apiToken.findUnique({ where: { id: actor.tokenId }, select: { name: true } });
  return `API token ${token?.name ?? actor.tokenId}`;
}

/** Writes one trail entry for `run` inside the transaction `tx` and returns it as the API shows it. */
export async function recordRunEvent(
  tx: Prisma.TransactionClient,
  sweepId: string,
  run: RunToChange["run"],
  action: TRunEvent["action"],
  actor: string,
  reason = "",
): Promise<TRunEvent> {
  const event = await tx.runEvent.create({
    data: { sweepId, runKey: run.runKey, action, reason, actor, scales: run.scales ?? {}, metrics: run.metrics ?? {} },
  });
  return ZRunEvent.parse(event);
}
