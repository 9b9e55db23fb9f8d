import { randomBytes } from "node:crypto";
import type { Database } from "@scalecast/db";
import { z } from "zod";
import { getAuth, MIN_PASSWORD_LENGTH } from "../../auth";
import { AppError } from "../../errors";
import { ZDisplayName, ZTeamSlug } from "../team/team-schemas";
import { asOperator } from "./sign-up-policy";

export const ZCreateUserInput = z.object({
  email: z.email("email must be an email address").transform((e) => e.toLowerCase()),
  name: ZDisplayName,
  /** Generated (and returned once) when absent. */
  password: z.string().min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`).max(128, "password must be at most 128 characters").optional(),
  /** A team to join (created when its slug is new); the user's role in it. */
  team: z.object({ slug: ZTeamSlug, name: ZDisplayName.optional() }).optional(),
  role: z.enum(["owner", "member"], "role must be owner or member").default("owner"),
  /** Make the account an instance admin (the first account of an install is one anyway). */
  admin: z.boolean().default(false),
});
export type TCreateUserInput = z.input<typeof ZCreateUserInput>;

/**
 * `scalecast users create`: an account with an email + password sign-in (through better-auth, which
 * hashes the password), optionally joined to a team, created when its slug is new. For the first admin
 * of a fresh install (the first account becomes the instance admin). It runs on the server as the operator,
 * so the sign-up policy does not limit it. Throws CONFLICT when the email is taken.
 */
export async function createUser(db: Database, raw: TCreateUserInput) {
  const parsed = ZCreateUserInput.safeParse(raw);
  if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "));
  const input = parsed.data;
  if (await db.prisma.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new AppError("CONFLICT", `an account with email ${input.email} already exists`);
  }
  const generated = input.password === undefined;
  const password = input.password ?? randomBytes(12).toString("base64url");
  const auth = await getAuth(db);
  const { user } = await asOperator(() => auth.api.signUpEmail({ body: { email: input.email, password, name: input.name } }));
  const { isAdmin } = await db.prisma.user.update({ where: { id: user.id }, data: input.admin ? { isAdmin: true } : {}, select: { isAdmin: true } });
  let team: { id: string; slug: string; name: string; created: boolean } | null = null;
  if (input.team) {
    const existing = await db.prisma.team.findUnique({ where: { slug: input.team.slug }, select: { id: true, slug: true, name: true } });
    const row = existing ?? (await db.prisma.team.create({ data: { slug: input.team.slug, name: input.team.name ?? input.team.slug }, select: { id: true, slug: true, name: true } }));
    await db.prisma.membership.create({ data: { teamId: row.id, userId: user.id, role: input.role } });
    team = { ...row, created: !existing };
  }
  return { user: { id: user.id, email: user.email, name: user.name, admin: isAdmin }, password: generated ? password : null, team, role: input.role };
}
