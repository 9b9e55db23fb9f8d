/**
 * Demo sign-in accounts, created with the demo organisation. Their password is public (README, start-up
 * log): they are for trying Scalecast out, never for real data. Passwords are hashed with better-auth's
 * own function, so the accounts sign in through better-auth like any other.
 */
import type { Database } from "@scalecast/db";
import { hashPassword } from "better-auth/crypto";

export const DEMO_PASSWORD = "scalecast-demo";

export interface DemoAccount {
  email: string;
  name: string;
  /** Team slug → role. */
  teams: Record<string, "owner" | "member">;
  /** The instance admin (decides who may sign up), unless the database already has one. */
  admin: boolean;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "owner@demo.scalecast.dev", name: "Demo Owner", teams: { pretraining: "owner", data: "owner", "post-training": "owner" }, admin: true },
  { email: "member@demo.scalecast.dev", name: "Demo Member", teams: { data: "member" }, admin: false },
];

/** Creates the demo accounts and their memberships that do not exist yet. Returns how many accounts it added. */
export async function seedDemoAccounts(db: Database): Promise<number> {
  let added = 0;
  for (const account of DEMO_ACCOUNTS) {
    let user = await db.prisma.user.findUnique({ where: { email: account.email } });
    if (!user) {
      const password = await hashPassword(DEMO_PASSWORD);
      const isAdmin = account.admin && !(await db.prisma.user.findFirst({ where: { isAdmin: true }, select: { id: true } }));
      // better-auth's email + password accounts: provider "credential", account id = user id.
      user = await db.prisma.$transaction(async (tx) => {
        const created = await tx.user.create({ data: { email: account.email, name: account.name, emailVerified: true, isAdmin } });
        await tx.account.create({ data: { userId: created.id, providerId: "credential", accountId: created.id, password } });
        return created;
      });
      added += 1;
    }
    for (const [slug, role] of Object.entries(account.teams)) {
      const team = await db.prisma.team.findUnique({ where: { slug }, select: { id: true } });
      if (!team) continue;
      await db.prisma.membership.upsert({
        where: { userId_teamId: { userId: user.id, teamId: team.id } },
        create: { userId: user.id, teamId: team.id, role },
        update: {},
      });
    }
  }
  return added;
}

/** Whether the demo accounts exist (the start-up log then shows how to sign in). */
export async function demoAccountsPresent(db: Database): Promise<boolean> {
  return (await db.prisma.user.count({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } })) > 0;
}
