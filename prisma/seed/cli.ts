/** `npm run db:seed`: writes the demo organisation into the configured database (idempotent). */
import { migrate, openDatabase, resolveDatabaseConfig } from "@scalecast/db";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "./index";

const db = await openDatabase(resolveDatabaseConfig());
try {
  await migrate(db.sql);
  const { runsAdded } = await seedDemo(db);
  console.log(`seeded the demo organisation into ${db.description}: ${runsAdded} run(s) added`);
  console.log(`demo sign-in: ${DEMO_ACCOUNTS.map((a) => a.email).join(" or ")}, password ${DEMO_PASSWORD}`);
} finally {
  await db.close();
}
