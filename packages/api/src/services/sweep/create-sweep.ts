import { isUniqueViolation, type Database } from "@scalecast/db";
import { z } from "zod";
import { AppError } from "../../errors";
import type { Actor } from "../access/actor";
import { assertCanWrite } from "../access/assert-access";
import { ZDisplayName, ZId } from "../team/team-schemas";
import { ZDirection, ZFieldName, ZModelName } from "./sweep-schemas";
import { SWEEP_FIELDS_SELECT } from "./sweep-summary";

/** The scales a sweep of more than two axes names: parameters N, FLOPs per token M, tokens D, unique tokens U. */
const NAMED_SCALES = ["N", "M", "D", "U"];

/**
 * A sweep of three or four axes takes them from N, M, D and U (what the joint laws, the data-constrained
 * law and the IsoFLOP analysis in M read), and unique tokens U beside other axes come with the tokens D they
 * are counted in (a sweep of U alone is a single-scale sweep like any other).
 */
function checkNamedScales(axes: string[], ctx: z.RefinementCtx): void {
  const upper = axes.map((a) => a.toUpperCase());
  const others = axes.filter((a) => !NAMED_SCALES.includes(a.toUpperCase()));
  if (axes.length > 2 && others.length > 0) {
    ctx.addIssue({ code: "custom", message: `a sweep of ${axes.length} axes takes them from N, M, D and U; ${others.join(", ")} is not one of them` });
  }
  if (axes.length > 1 && upper.includes("U") && !upper.includes("D")) {
    ctx.addIssue({ code: "custom", message: "unique tokens U need the axis D (the tokens trained on, U of them distinct)" });
  }
}

export const ZCreateSweepInput = z.object({
  methodologyId: ZId,
  name: ZDisplayName,
  axes: z
    .array(ZFieldName)
    .min(1, "a sweep needs at least one scale axis")
    .max(4, "a sweep has at most four scale axes (N, M, D and U)")
    .refine((axes) => new Set(axes).size === axes.length, "axes must be different")
    .superRefine(checkNamedScales),
  metric: ZFieldName,
  direction: ZDirection,
  /** Pins this law as the sweep's default; without it the default is model selection's rank 1. */
  pinnedModel: ZModelName.optional(),
  targetScale: z.number().positive("targetScale must be a positive number").optional(),
  /** Mark the metric bounded to [0, 1] (true) or not (false); left out, its name decides (metric-bounds.ts). */
  metricBounded: z.boolean("metricBounded must be true or false").optional(),
});
export type TCreateSweepInput = z.infer<typeof ZCreateSweepInput>;

/** Adds a sweep to a methodology (members and tokens of its team). Names are unique within a methodology. */
export async function createSweep(db: Database, actor: Actor, input: TCreateSweepInput) {
  const methodology = await db.prisma.methodology.findUnique({ where: { id: input.methodologyId }, select: { teamId: true } });
  if (!methodology) throw new AppError("NOT_FOUND", `methodology ${input.methodologyId} does not exist`);
  await assertCanWrite({ db, actor }, methodology.teamId);
  try {
    return await db.prisma.sweep.create({
      data: {
        methodologyId: input.methodologyId,
        name: input.name,
        axes: input.axes,
        metric: input.metric,
        direction: input.direction,
        ...(input.pinnedModel ? { pinnedModel: input.pinnedModel } : {}),
        targetScale: input.targetScale ?? null,
        metricBounded: input.metricBounded ?? null,
      },
      select: { ...SWEEP_FIELDS_SELECT, methodologyId: true, createdAt: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `this methodology already has a sweep named "${input.name}"`);
    throw error;
  }
}
