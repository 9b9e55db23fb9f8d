import type { Database } from "@scalecast/db";
import { z } from "zod";
import { SWEEP_FIELDS_SELECT, TEAM_SUMMARY_SELECT } from "../sweep/sweep-summary";
import { fitStateKey, ZFitStatus } from "./fit-state";
import { readFitPointers, type FitReadKey } from "./read-fit-pointers";

/** The models whose parameters are a Chinchilla law (E, A, B, alpha, beta): what `analysis.plan` plans from. */
export const CHINCHILLA_FORM_MODELS = ["chinchilla", "data-constrained"] as const;
type ChinchillaFormModel = (typeof CHINCHILLA_FORM_MODELS)[number];

const ZNamed = z.object({ id: z.string(), name: z.string() });

/** One sweep's latest stored fit of one Chinchilla-form model, with its status. */
export const ZPlannableFit = z.object({
  /** null while no fit is stored (fitStatus "fitting", or "failed" with the reason). */
  fitId: z.string().nullable(),
  fitStatus: ZFitStatus,
  model: z.enum(CHINCHILLA_FORM_MODELS),
  metric: z.string(),
  sweep: ZNamed,
  methodology: ZNamed,
  team: ZNamed.extend({ slug: z.string() }),
});
export type TPlannableFit = z.infer<typeof ZPlannableFit>;
export const ZListPlannableFitsOutput = z.array(ZPlannableFit);

function hasAxes(axes: readonly string[], ...names: string[]): boolean {
  return names.every((name) => axes.some((a) => a.toLowerCase() === name.toLowerCase()));
}

/**
 * Every team's fits a compute plan can start from, ordered by team, methodology, sweep and model: for each
 * sweep with axes N and D, the latest stored fit of its default law (fit.latest's: the pinned law, else the
 * law of the fit its last job stored) when that law is Chinchilla-form, with its status; and each
 * other Chinchilla-form model with a stored fit of the current runs (fit.create's). Reads only: five queries
 * whatever the number of sweeps, nothing computed.
 */
export async function listPlannableFits(db: Database): Promise<TPlannableFit[]> {
  const [sweeps, stored] = await Promise.all([
    db.prisma.sweep.findMany({
      orderBy: [{ methodology: { team: { name: "asc" } } }, { methodology: { name: "asc" } }, { name: "asc" }],
      select: {
        ...SWEEP_FIELDS_SELECT,
        runsVersion: true,
        methodology: { select: { id: true, name: true, team: { select: TEAM_SUMMARY_SELECT } } },
      },
    }),
    db.prisma.fit.findMany({ where: { model: { in: [...CHINCHILLA_FORM_MODELS] } }, distinct: ["sweepId", "model"], select: { sweepId: true, model: true } }),
  ]);
  const joint = sweeps.filter((sweep) => hasAxes(sweep.axes, "N", "D"));
  const keyOf = (sweep: (typeof joint)[number], model: string): FitReadKey => ({
    sweepId: sweep.id,
    metric: sweep.metric,
    model,
    runsVersion: sweep.runsVersion,
  });
  const keys = joint.flatMap((sweep) => [keyOf(sweep, ""), ...stored.filter((f) => f.sweepId === sweep.id).map((f) => keyOf(sweep, f.model))]);
  const pointers = await readFitPointers(db, keys);
  const fitIds = [...pointers.values()].flatMap((p) => (p.fitId === null ? [] : [p.fitId]));
  const models = new Map((await db.prisma.fit.findMany({ where: { id: { in: fitIds } }, select: { id: true, model: true } })).map((f) => [f.id, f.model]));
  return joint.flatMap((sweep) => {
    const { methodology } = sweep;
    const entry = (model: ChinchillaFormModel, key: FitReadKey): TPlannableFit => {
      const pointer = pointers.get(fitStateKey(key))!;
      const fitModel = pointer.fitId === null ? undefined : models.get(pointer.fitId);
      return {
        fitId: fitModel === model ? pointer.fitId : null,
        fitStatus: pointer.fitStatus,
        model,
        metric: sweep.metric,
        sweep: { id: sweep.id, name: sweep.name },
        methodology: { id: methodology.id, name: methodology.name },
        team: methodology.team,
      };
    };
    const defaultKey = keyOf(sweep, "");
    const defaultPointer = pointers.get(fitStateKey(defaultKey))!;
    const defaultModel = sweep.pinnedModel ?? (defaultPointer.fitId === null ? undefined : models.get(defaultPointer.fitId));
    return CHINCHILLA_FORM_MODELS.flatMap((model) => {
      if (model === defaultModel) return [entry(model, defaultKey)];
      const explicit = keyOf(sweep, model);
      return pointers.get(fitStateKey(explicit))?.fitStatus.state === "current" ? [entry(model, explicit)] : [];
    });
  });
}
