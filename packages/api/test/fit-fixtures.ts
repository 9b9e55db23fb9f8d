import type { Database } from "@scalecast/db";
import { createRandom, HOFFMANN_2022, predictChinchilla } from "@scalecast/core";
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
    data: { methodologyId: methodology.id, name: unique("data sweep"), axes: ["D"], metric: "loss", direction: "lower", pinnedModel: "power-law", targetScale },
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

/**
 * A team's higher-is-better sweep already on its plateau: accuracy 0.71 − 0.9·D^−0.55 at 7 sizes from 1e3
 * to 1e6 with 1 % seeded noise, target 1e7. With seed 6 a few bootstrap resamples look falling, and the
 * saturating law refits them with α < 0 (the case of an unstable bootstrap).
 */
export async function plateauSweep(db: Database, seed = 6) {
  const team = await createTeamFixture(db);
  const methodology = await db.prisma.methodology.create({ data: { teamId: team.id, name: unique("instruction mix") } });
  const sweep = await db.prisma.sweep.create({
    data: { methodologyId: methodology.id, name: unique("examples sweep"), axes: ["D"], metric: "accuracy", direction: "higher", pinnedModel: "saturating-power-law", targetScale: 1e7 },
  });
  const rng = createRandom(seed);
  const data = Array.from({ length: 7 }, (_, i) => {
    const d = 10 ** (3 + i / 2);
    return { sweepId: sweep.id, runKey: `mix-${i + 1}`, scales: { D: d }, metrics: { accuracy: (0.71 - 0.9 * d ** -0.55) * Math.exp(0.01 * rng.normal()) } };
  });
  await db.prisma.run.createMany({ data });
  return { team, methodology, sweep };
}

/** Runs of loss from Hoffmann et al.'s law with ±1 % deterministic noise on an IsoFLOP grid (5 budgets × 5 sizes). */
export function chinchillaRuns(sweepId: string) {
  return [1e18, 1e19, 1e20, 1e21, 1e22].flatMap((c, i) =>
    [0.2, 0.5, 1, 2, 5].map((f, j) => {
      const n = f * Math.sqrt(c / 120);
      const d = c / (6 * n);
      return { sweepId, runKey: `r-${i}-${j}`, scales: { N: n, D: d }, metrics: { loss: predictChinchilla(HOFFMANN_2022, { n, d }) * wobble(5 * i + j, 0.01) } };
    }),
  );
}
