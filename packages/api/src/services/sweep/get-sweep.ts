import type { Database } from "@scalecast/db";
import { z } from "zod";
import { AppError } from "../../errors";
import { ZId } from "../team/team-schemas";

export const ZGetSweepInput = z.object({ sweepId: ZId });
export type TGetSweepInput = z.infer<typeof ZGetSweepInput>;

/** Reads a run's JSON columns as the API shows them: name → number. */
function numbers(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) if (typeof v === "number") out[key] = v;
  }
  return out;
}

/** A sweep with its methodology, team and runs (oldest first). */
export async function getSweep(db: Database, input: TGetSweepInput) {
  const sweep = await db.prisma.sweep.findUnique({
    where: { id: input.sweepId },
    select: {
      id: true,
      name: true,
      axes: true,
      metric: true,
      direction: true,
      defaultModel: true,
      targetScale: true,
      synthetic: true,
      createdAt: true,
      updatedAt: true,
      methodology: {
        select: { id: true, name: true, description: true, synthetic: true, team: { select: { id: true, slug: true, name: true } } },
      },
      runs: {
        orderBy: [{ createdAt: "asc" }, { runKey: "asc" }],
        select: { id: true, runKey: true, scales: true, metrics: true, seed: true, createdAt: true },
      },
    },
  });
  if (!sweep) throw new AppError("NOT_FOUND", `sweep ${input.sweepId} does not exist`);
  const { methodology, runs, ...rest } = sweep;
  const { team, ...methodologyFields } = methodology;
  return {
    sweep: rest,
    methodology: methodologyFields,
    team,
    runs: runs.map((run) => ({ ...run, scales: numbers(run.scales), metrics: numbers(run.metrics) })),
  };
}
