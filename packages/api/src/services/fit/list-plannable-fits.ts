import type { Database } from "@scalecast/db";
import { z } from "zod";
import { AppError } from "../../errors";
import type { TaskPool } from "../../workers/pool";
import { SWEEP_FIELDS_SELECT, TEAM_SUMMARY_SELECT } from "../sweep/sweep-summary";
import { getLatestFit } from "./get-latest-fit";
import { resolveDefaultModels } from "./resolve-default-model";

/** The models whose parameters are a Chinchilla law (E, A, B, alpha, beta): what `analysis.plan` plans from. */
export const CHINCHILLA_FORM_MODELS = ["chinchilla", "data-constrained"] as const;

const ZNamed = z.object({ id: z.string(), name: z.string() });

/** One sweep's latest fit of one Chinchilla-form model, or why the sweep's runs cannot be fitted by it. */
export const ZPlannableFit = z.object({
  /** null when the model cannot fit the sweep's current runs (`problem` says why). */
  fitId: z.string().nullable(),
  problem: z.string().nullable(),
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
 * sweep with axes N and D, its latest fit (`fit.latest`: the current runs, computed once when missing) of
 * its default law (pinned, else model selection's choice: resolve-default-model.ts) when that is Chinchilla-form, and of each Chinchilla-form model someone has stored a
 * fit of. Reads one small header per sweep when the fits are current (getLatestFit's cache).
 */
export async function listPlannableFits(db: Database, pool: TaskPool): Promise<TPlannableFit[]> {
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
  const defaults = await resolveDefaultModels(db, pool, joint.map((s) => ({ ...s, teamId: s.methodology.team.id })));
  const candidates = joint
    .flatMap((sweep) => {
      const models = CHINCHILLA_FORM_MODELS.filter((model) => model === defaults.get(sweep.id)?.model || stored.some((f) => f.sweepId === sweep.id && f.model === model));
      return models.map((model) => ({ sweep, model }));
    });
  return Promise.all(
    candidates.map(async ({ sweep, model }): Promise<TPlannableFit> => {
      const { methodology } = sweep;
      const entry = {
        model,
        metric: sweep.metric,
        sweep: { id: sweep.id, name: sweep.name },
        methodology: { id: methodology.id, name: methodology.name },
        team: methodology.team,
      };
      try {
        const fit = await getLatestFit(db, pool, { sweepId: sweep.id, model });
        return { ...entry, fitId: fit.id, problem: null };
      } catch (error) {
        if (error instanceof AppError && error.code === "BAD_REQUEST") return { ...entry, fitId: null, problem: error.message };
        throw error;
      }
    }),
  );
}
