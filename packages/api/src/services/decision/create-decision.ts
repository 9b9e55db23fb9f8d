import { AppError } from "../../errors";
import { assertCanWrite, type Context } from "../../trpc";
import type { TCreateDecisionInput } from "./schemas";

/**
 * Records a decision tied to a snapshot, a fit and/or a methodology. The team it concerns (of the
 * methodology, the fit's sweep, or the team snapshot) must be the caller's; a decision tied only to a
 * cross-team comparison snapshot may be recorded by any signed-in person. All ties must agree on the team
 * and the fit must belong to the methodology.
 */
export async function createDecision(ctx: Context, input: TCreateDecisionInput) {
  const { db } = ctx;
  const teams = new Set<string>();
  let fitMethodologyId: string | null = null;
  if (input.snapshotId !== undefined) {
    const s = await db.prisma.snapshot.findUnique({ where: { id: input.snapshotId }, select: { teamId: true } });
    if (!s) throw new AppError("NOT_FOUND", `snapshotId: snapshot ${input.snapshotId} does not exist`);
    if (s.teamId) teams.add(s.teamId);
  }
  if (input.fitId !== undefined) {
    const f = await db.prisma.fit.findUnique({ where: { id: input.fitId }, select: { sweep: { select: { methodology: { select: { id: true, teamId: true } } } } } });
    if (!f) throw new AppError("NOT_FOUND", `fitId: fit ${input.fitId} does not exist`);
    teams.add(f.sweep.methodology.teamId);
    fitMethodologyId = f.sweep.methodology.id;
  }
  if (input.methodologyId !== undefined) {
    const m = await db.prisma.methodology.findUnique({ where: { id: input.methodologyId }, select: { teamId: true } });
    if (!m) throw new AppError("NOT_FOUND", `methodologyId: methodology ${input.methodologyId} does not exist`);
    teams.add(m.teamId);
    if (fitMethodologyId !== null && fitMethodologyId !== input.methodologyId) {
      throw new AppError("BAD_REQUEST", "fitId: the fit belongs to another methodology than methodologyId");
    }
  }
  if (teams.size > 1) throw new AppError("BAD_REQUEST", "snapshotId: the snapshot, fit and methodology belong to different teams");
  const [teamId] = [...teams];
  if (teamId !== undefined) await assertCanWrite(ctx, teamId);
  else {
    if (!ctx.actor) throw new AppError("UNAUTHORIZED", "sign in to use Scalecast");
    if (ctx.actor.kind !== "user") throw new AppError("FORBIDDEN", "API tokens write to their own team only; sign in to record a decision on a comparison");
  }
  return db.prisma.decision.create({
    data: {
      title: input.title,
      rationale: input.rationale,
      outcome: input.outcome,
      snapshotId: input.snapshotId ?? null,
      fitId: input.fitId ?? null,
      methodologyId: input.methodologyId ?? fitMethodologyId,
      authorId: ctx.actor?.kind === "user" ? ctx.actor.user.id : null,
    },
    select: { id: true, title: true, rationale: true, outcome: true, snapshotId: true, fitId: true, methodologyId: true, authorId: true, createdAt: true },
  });
}
