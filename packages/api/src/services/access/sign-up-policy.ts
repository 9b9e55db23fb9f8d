/**
 * Who may create an account. Enforced inside better-auth's user creation (see `signUpHooks`), so every
 * sign-up path obeys it: the first account of an empty install is always allowed and becomes the instance
 * admin; an invitation code for the address signing up is always accepted (and joins its team); otherwise
 * the admin's policy decides (open, listed email domains, or invitation only). `scalecast users create`
 * runs on the server as the operator (`asOperator`) and is not limited by the policy.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Database } from "@scalecast/db";
import { APIError } from "better-auth/api";
import { AppError } from "../../errors";
import { readSignUpPolicy } from "../instance/read-sign-up-policy";
import { hashInvitationCode } from "./invitation-code";

const INVITATION_ONLY_MESSAGE = "sign-up on this server is by invitation only; ask a team owner for an invitation";
const NEW_INVITATION = "ask a team owner for a new one";

const operator = new AsyncLocalStorage<true>();

/** Runs `signUp` as the server's operator: the sign-up policy does not apply to accounts it creates. */
export function asOperator<T>(signUp: () => Promise<T>): Promise<T> {
  return operator.run(true, signUp);
}

/** Throws FORBIDDEN, saying why, unless invitation `code` is for `email` and may be accepted now. */
async function assertUsableInvitation(db: Database, email: string, code: string, now: Date): Promise<void> {
  const invitation = await db.prisma.invitation.findUnique({ where: { codeHash: hashInvitationCode(code) } });
  if (!invitation) throw new AppError("FORBIDDEN", `this invitation code is not valid; ${NEW_INVITATION}`);
  if (invitation.revokedAt) throw new AppError("FORBIDDEN", `this invitation was revoked; ${NEW_INVITATION}`);
  if (invitation.acceptedAt) throw new AppError("FORBIDDEN", "this invitation was already used; sign in instead");
  if (invitation.expiresAt <= now) throw new AppError("FORBIDDEN", `this invitation expired on ${invitation.expiresAt.toISOString().slice(0, 10)}; ${NEW_INVITATION}`);
  if (invitation.email !== email) throw new AppError("FORBIDDEN", "this invitation is for another email address; sign up with the address it was sent to");
}

/** The Setting that records which address took the first account of an empty install. */
const FIRST_ACCOUNT_SETTING = "auth.firstAccount";

/**
 * Whether `email` may take the first account of an install that has none. Claimed atomically (one Setting
 * row, first writer wins), so of several sign-ups racing on an empty install only one gets past the policy.
 */
async function claimFirstAccount(db: Database, email: string): Promise<boolean> {
  if (await db.prisma.user.findFirst({ select: { id: true } })) return false;
  await db.prisma.setting.createMany({ data: [{ key: FIRST_ACCOUNT_SETTING, value: email }], skipDuplicates: true });
  const claim = await db.prisma.setting.findUnique({ where: { key: FIRST_ACCOUNT_SETTING }, select: { value: true } });
  return claim?.value === email;
}

/** Throws AppError FORBIDDEN, with the reason the person signing up sees, when `email` may not sign up. */
export async function checkSignUp(db: Database, email: string, invitationCode: string | undefined, now = new Date()): Promise<void> {
  if (operator.getStore()) return;
  if (invitationCode) {
    await assertUsableInvitation(db, email, invitationCode, now);
    return;
  }
  if (await claimFirstAccount(db, email)) return;
  const policy = await readSignUpPolicy(db);
  if (policy.mode === "open") return;
  if (policy.mode === "domains") {
    const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
    if (policy.domains.includes(domain)) return;
    throw new AppError("FORBIDDEN", `sign-up is limited to addresses at ${policy.domains.join(", ")}; ask a team owner for an invitation`);
  }
  throw new AppError("FORBIDDEN", INVITATION_ONLY_MESSAGE);
}

/**
 * After an account is created: the first account of an install becomes its admin (the oldest account,
 * while there is no admin: whether it signed up or the operator created it), and an invitation it
 * signed up with is marked used and joins it to the invitation's team with the invitation's role.
 */
export async function completeSignUp(db: Database, user: { id: string; email: string }, invitationCode: string | undefined, now = new Date()): Promise<void> {
  await db.sql.query(
    `UPDATE "User" SET "isAdmin" = true
     WHERE "id" = $1 AND "id" = (SELECT "id" FROM "User" ORDER BY "createdAt", "id" LIMIT 1)
       AND NOT EXISTS (SELECT 1 FROM "User" WHERE "isAdmin")`,
    [user.id],
  );
  if (!invitationCode) return;
  const codeHash = hashInvitationCode(invitationCode);
  await db.prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { codeHash } });
    if (!invitation || invitation.email !== user.email) return;
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (count === 1) await tx.membership.create({ data: { teamId: invitation.teamId, userId: user.id, role: invitation.role } });
  });
}

/** The invitation code a sign-up request carries (`invitation` in its body), if any. */
function invitationIn(context: { body?: unknown } | null | undefined): string | undefined {
  const code = (context?.body as { invitation?: unknown } | undefined)?.invitation;
  return typeof code === "string" && code.trim() !== "" ? code.trim() : undefined;
}

/** better-auth's `databaseHooks` that enforce the policy; a refusal answers 403 with its reason. */
export function signUpHooks(db: Database) {
  return {
    user: {
      create: {
        before: async (user: { email: string }, context: { body?: unknown } | null) => {
          try {
            await checkSignUp(db, user.email, invitationIn(context));
          } catch (error) {
            if (error instanceof AppError) throw new APIError("FORBIDDEN", { message: error.message, code: "SIGN_UP_NOT_ALLOWED" });
            throw error;
          }
        },
        after: (user: { id: string; email: string }, context: { body?: unknown } | null) => completeSignUp(db, user, invitationIn(context)),
      },
    },
  };
}
