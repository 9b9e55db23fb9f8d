import { migrate, openDatabase, resolveDatabaseConfig, type Database } from "@scalecast/db";
import { seedDemoIfEmpty } from "@scalecast/seed";

/**
 * What a server does before its first request: open the configured database (embedded or server),
 * apply pending migrations, and seed the demo organisation into an empty database (unless `seed` is false:
 * admin commands such as `scalecast users create` on a fresh install leave it empty of demo data).
 * Throws DatabaseStartError with a one-line reason when it cannot; the database is closed then.
 */
export async function openAppDatabase(
  env: Record<string, string | undefined> = process.env,
  log: (line: string) => void = () => undefined,
  { seed = true }: { seed?: boolean } = {},
): Promise<Database> {
  const db = await openDatabase(resolveDatabaseConfig(env));
  try {
    const applied = await migrate(db.sql);
    if (applied.length > 0) log(`applied migration(s) ${applied.join(", ")}`);
    if (seed && (await seedDemoIfEmpty(db))) log("seeded the demo organisation (synthetic data, labelled as such)");
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
