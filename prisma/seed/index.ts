import type { Database } from "@scalecast/db";
import { seedDemoAccounts } from "./demo-accounts";
import { demoSweeps } from "./demo-sweeps";

export { DEMO_SEED, demoSweeps, type DemoRun, type DemoSweep } from "./demo-sweeps";
export { DEMO_ACCOUNTS, DEMO_PASSWORD, demoAccountsPresent, seedDemoAccounts, type DemoAccount } from "./demo-accounts";

/** Any constant works; it only has to be the same for every replica of this app (and differ from migrations'). */
const SEED_LOCK_KEY = 7_231_905_113;

/**
 * Writes the demo organisation. Idempotent: teams, methodologies and sweeps are upserted by their
 * natural keys and runs skip existing run keys, so seeding twice changes nothing; replicas seeding one
 * server at the same moment take turns (a Postgres advisory lock).
 * Also creates the demo sign-in accounts (DEMO_ACCOUNTS, password DEMO_PASSWORD).
 * Returns how many runs this call added.
 */
export function seedDemo(db: Database): Promise<{ runsAdded: number }> {
  return db.sql.exclusive(SEED_LOCK_KEY, () => writeDemo(db));
}

/**
 * Seeds only an empty database (no team yet): what `npm start` does on its first start. Replicas starting
 * together on one empty server: one seeds, the others wait for it and then find the database not empty.
 */
export function seedDemoIfEmpty(db: Database): Promise<boolean> {
  return db.sql.exclusive(SEED_LOCK_KEY, async () => {
    if ((await db.prisma.team.count()) > 0) return false;
    await writeDemo(db);
    return true;
  });
}

async function writeDemo(db: Database): Promise<{ runsAdded: number }> {
  let runsAdded = 0;
  for (const demo of demoSweeps()) {
    const team = await db.prisma.team.upsert({ where: { slug: demo.team.slug }, create: demo.team, update: {} });
    const methodology = await db.prisma.methodology.upsert({
      where: { teamId_name: { teamId: team.id, name: demo.methodology.name } },
      create: { ...demo.methodology, teamId: team.id, synthetic: true },
      update: {},
    });
    const sweep = await db.prisma.sweep.upsert({
      where: { methodologyId_name: { methodologyId: methodology.id, name: demo.sweep.name } },
      create: { ...demo.sweep, methodologyId: methodology.id, synthetic: true },
      update: {},
    });
    const { count } = await db.prisma.run.createMany({
      data: demo.runs.map((run) => ({ ...run, sweepId: sweep.id })),
      skipDuplicates: true,
    });
    runsAdded += count;
  }
  await seedDemoAccounts(db);
  return { runsAdded };
}
