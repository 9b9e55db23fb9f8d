import type { Database } from "@scalecast/db";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoAccountsPresent } from "@scalecast/seed";

/** The start-up log's line on how to sign in to the demo, or null when the demo accounts are absent. */
export async function demoSignInLine(db: Database): Promise<string | null> {
  if (!(await demoAccountsPresent(db))) return null;
  const accounts = DEMO_ACCOUNTS.map((a) => {
    const roles = Object.entries(a.teams).map(([team, role]) => `${role} of ${team}`);
    return `${a.email} (${roles.join(", ")})`;
  });
  return `demo sign-in: ${accounts.join(" or ")}, password "${DEMO_PASSWORD}"; remove these accounts before real use`;
}
