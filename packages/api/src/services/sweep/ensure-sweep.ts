import { isUniqueViolation, type Database } from "@scalecast/db";
import { z } from "zod";
import { AppError, type FieldIssue } from "../../errors";
import type { Actor } from "../access/actor";
import { assertCanWrite } from "../access/assert-access";
import { resolveTeam } from "../team/resolve-team";
import { ZTeamSlug } from "../team/team-schemas";
import { createSweep, ZCreateSweepInput } from "./create-sweep";
import type { SweepTarget } from "./find-sweep";
import { ZDirection } from "./sweep-schemas";

/** What a sweep is made of, as a script states it when it may create the sweep (sweep.create's fields but the names). */
export const ZSweepSpec = ZCreateSweepInput.omit({ methodologyId: true, name: true });
export type TSweepSpec = z.infer<typeof ZSweepSpec>;

/** A sweep found by name, as GET /api/v1/sweeps answers it (`team` is the team's name). */
export const ZSweepTargetOutput = z.object({
  id: z.string(),
  name: z.string(),
  axes: z.array(z.string()),
  metric: z.string(),
  direction: ZDirection,
  metricBounded: z.boolean().nullable(),
  teamId: z.string(),
  team: z.string(),
});

/** A sweep named by methodology and sweep name within `team` (default: the API token's team). */
export interface SweepName {
  team?: z.infer<typeof ZTeamSlug>;
  methodology: string;
  sweep: string;
}

/** The methodology's id, created in the team when it has none of that name. */
async function ensureMethodology(db: Database, teamId: string, name: string): Promise<string> {
  const where = { teamId_name: { teamId, name } };
  const existing = await db.prisma.methodology.findUnique({ where, select: { id: true } });
  if (existing) return existing.id;
  try {
    return (await db.prisma.methodology.create({ data: { teamId, name }, select: { id: true } })).id;
  } catch (error) {
    // A concurrent request created it first.
    if (!isUniqueViolation(error)) throw error;
    return (await db.prisma.methodology.findUniqueOrThrow({ where, select: { id: true } })).id;
  }
}

const SELECT = { id: true, name: true, axes: true, metric: true, direction: true, metricBounded: true } as const;

/** How an existing sweep differs from the spec a script sent (axes compared as a set), each under `prefix`. */
function differences(sweep: { name: string; axes: string[]; metric: string; direction: string }, spec: TSweepSpec, prefix: string): FieldIssue[] {
  const issue = (field: string, has: string, sent: string): FieldIssue => {
    const message = `${prefix}${field}: sweep "${sweep.name}" exists with ${field} ${has}, not ${sent}`;
    return { path: `${prefix}${field}`, message };
  };
  const issues: FieldIssue[] = [];
  const sameAxes = sweep.axes.length === spec.axes.length && spec.axes.every((a) => sweep.axes.includes(a));
  if (!sameAxes) issues.push(issue("axes", sweep.axes.join(", "), spec.axes.join(", ")));
  if (sweep.metric !== spec.metric) issues.push(issue("metric", sweep.metric, spec.metric));
  if (sweep.direction !== spec.direction) issues.push(issue("direction", sweep.direction, spec.direction));
  return issues;
}

/**
 * The named sweep, created (with its methodology when that is missing too) when the team lacks it; an
 * existing sweep must match the spec's axes, metric and direction (409 naming each difference, under
 * `issuePrefix`, e.g. "create."). Writers of the team only. Safe to repeat and to race: a concurrent
 * creation of the same name finds the other's sweep.
 */
export async function ensureSweep(
  db: Database,
  actor: Actor,
  name: SweepName,
  spec: TSweepSpec,
  issuePrefix = "",
): Promise<{ sweep: SweepTarget; created: boolean }> {
  const team = await resolveTeam(db, actor, name.team);
  await assertCanWrite({ db, actor }, team.id);
  const methodologyId = await ensureMethodology(db, team.id, name.methodology);
  const where = { methodologyId_name: { methodologyId, name: name.sweep } };
  let created = false;
  let sweep = await db.prisma.sweep.findUnique({ where, select: SELECT });
  if (!sweep) {
    try {
      sweep = await createSweep(db, actor, { ...spec, methodologyId, name: name.sweep });
      created = true;
    } catch (error) {
      if (!(error instanceof AppError && error.code === "CONFLICT")) throw error;
      sweep = await db.prisma.sweep.findUniqueOrThrow({ where, select: SELECT });
    }
  }
  const issues = created ? [] : differences(sweep, spec, issuePrefix);
  if (issues.length > 0) throw new AppError("CONFLICT", issues.map((i) => i.message).join("; "), issues);
  const target: SweepTarget = { ...sweep, teamId: team.id, teamName: team.name };
  return { sweep: target, created };
}
