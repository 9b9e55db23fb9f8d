import type { Database } from "@scalecast/db";
import { createTeamFixture, unique } from "./helpers";

/** A deterministic multiplicative noise in [1 − a, 1 + a] (no Math.random: failures replay). */
export function wobble(i: number, a = 0.02): number {
  return 1 + a * Math.sin(i * 12.9898);
}

/** A team with one methodology and a one-axis sweep of `n` runs of loss = K·D^a (a < 0). */
export async function powerLawSweep(db: Database, options: { n?: number; K?: number; a?: number; targetScale?: number; teamId?: string } = {}) {
  const { n = 10, K = 8, a = -0.12, targetScale = 1e12 } = options;
  const team = options.teamId ? await db.prisma.team.findUniqueOrThrow({ where: { id: options.teamId } }) : await createTeamFixture(db);
  const methodology = await db.prisma.methodology.create({ data: { teamId: team.id, name: unique("web crawl") } });
  const sweep = await db.prisma.sweep.create({
    data: { methodologyId: methodology.id, name: unique("data sweep"), axes: ["D"], metric: "loss", direction: "lower", defaultModel: "power-law", targetScale },
  });
  await addRuns(db, sweep.id, 0, n, K, a);
  return { team, methodology, sweep };
}

export async function addRuns(db: Database, sweepId: string, from: number, to: number, K = 8, a = -0.12) {
  const data = [];
  for (let i = from; i < to; i++) {
    const d = 1e6 * 2 ** i;
    data.push({ sweepId, runKey: `run-${String(i).padStart(4, "0")}`, scales: { D: d }, metrics: { loss: K * d ** a * wobble(i) } });
  }
  await db.prisma.run.createMany({ data });
}
