import type { Prisma } from "@scalecast/db";
import { AppError } from "../../errors";
import { assertCanWrite, type Context } from "../../trpc";
import type { TaskPool } from "../../workers/pool";
import { compareFits } from "../analysis/compare-fits";
import type { TFitStatus } from "../fit/fit-state";
import { SWEEP_ENTRY_SELECT, sweepEntries, toSweepEntry } from "../overview/sweep-entry";
import type { TCreateSnapshotInput, TSnapshotContent } from "./schemas";

/** A comparison freezes the very fits it compared: each entry's fit is the one the entry is about. */
const COMPARED: TFitStatus = { state: "current", reason: null };

/**
 * Freezes the current fits and forecasts: of one team (members and the team's tokens only; each sweep's
 * latest stored fit with its status), or of a cross-team comparison of stored fits (any signed-in person).
 */
export async function createSnapshot(ctx: Context, pool: TaskPool, input: TCreateSnapshotInput) {
  let content: TSnapshotContent;
  let teamId: string | null = null;
  if (input.teamId !== undefined) {
    await assertCanWrite(ctx, input.teamId);
    teamId = input.teamId;
    const sweeps = await ctx.db.prisma.sweep.findMany({
      where: { methodology: { teamId } },
      orderBy: [{ methodology: { name: "asc" } }, { name: "asc" }],
      select: SWEEP_ENTRY_SELECT,
    });
    content = { kind: "team", entries: await sweepEntries(ctx.db, sweeps) };
  } else {
    if (!ctx.actor) throw new AppError("UNAUTHORIZED", "sign in to use Scalecast");
    if (ctx.actor.kind !== "user") throw new AppError("FORBIDDEN", "API tokens write to their own team only; sign in to create a cross-team comparison snapshot");
    const comparison = await compareFits(ctx.db, pool, { fitIds: input.fitIds! });
    const fits = await ctx.db.prisma.fit.findMany({
      where: { id: { in: input.fitIds! } },
      select: { id: true, model: true, params: true, pointCount: true, metrics: true, createdAt: true, summary: true, sweep: { select: SWEEP_ENTRY_SELECT } },
    });
    const entries = input.fitIds!.map((id) => {
      const { sweep, ...fit } = fits.find((f) => f.id === id)!;
      return toSweepEntry(sweep, fit, COMPARED);
    });
    content = { kind: "comparison", entries, comparison };
  }
  const createdById = ctx.actor?.kind === "user" ? ctx.actor.user.id : null;
  const snapshot = await ctx.db.prisma.snapshot.create({
    data: { title: input.title, teamId, content: content as unknown as Prisma.InputJsonValue, createdById },
  });
  return { id: snapshot.id, title: snapshot.title, teamId: snapshot.teamId, createdAt: snapshot.createdAt, createdById, content };
}
