/**
 * Who may sign up, over real HTTP (better-auth's endpoint as the browser calls it): the first account of an
 * empty install (admin), the admin's policy (open, email domains, invitation only), owners' invitations
 * (accepted whatever the policy, joining the team; expired, revoked or used ones refused), and
 * `scalecast users create`, which the policy never limits. Every refusal is a 4xx with its reason.
 */
import { afterAll, describe, expect, inject, it } from "vitest";
import { testDatabaseTargets } from "@scalecast/db/testing";
import type { Database } from "@scalecast/db";
import { createUser } from "../src";
import { serve, trpcMutation } from "./http";
import { openForSuite, signUp, unique } from "./helpers";

const INVITATION_ONLY = "sign-up on this server is by invitation only; ask a team owner for an invitation";

describe.each(testDatabaseTargets(inject("postgresUrl")).filter((t) => t.kind === "postgres"))("the first account on $kind", (target) => {
  it("of sign-ups racing on an empty install, exactly one gets in and becomes the admin (10 installs × 4 at once)", async () => {
    for (let install = 0; install < 10; install++) {
      const db = await target.open();
      const server = await serve(db);
      try {
        const statuses = await Promise.all(
          ["a", "b", "c", "d"].map((who) =>
            fetch(`${server.url}/api/auth/sign-up/email`, {
              method: "POST",
              headers: { "content-type": "application/json", origin: server.url },
              body: JSON.stringify({ name: who, email: `${who}@example.com`, password: "correct horse battery" }),
            }).then((r) => r.status),
          ),
        );
        expect(statuses.sort()).toEqual([200, 403, 403, 403]);
        expect(await db.prisma.user.findMany({ select: { isAdmin: true } })).toEqual([{ isAdmin: true }]);
      } finally {
        await server.close();
        await db.close();
      }
    }
  });
});

describe.each(testDatabaseTargets(inject("postgresUrl")))("sign-up policy on $kind", (target) => {
  let db: Database;
  let url: string;
  let admin: { id: string; cookie: string };
  let teamId: string;
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  openForSuite(target, async (opened) => {
    db = opened;
    server = await serve(db);
    url = server.url;
  });
  afterAll(() => server?.close());

  /** POST /api/auth/sign-up/email as the sign-in page sends it; the status, the body and the session cookie. */
  async function httpSignUp(email: string, extra: Record<string, string> = {}) {
    const response = await fetch(`${url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: url },
      body: JSON.stringify({ name: "Someone", email, password: "correct horse battery", ...extra }),
    });
    const body = (await response.json()) as { user?: { id: string; email: string }; message?: string };
    return { status: response.status, body, cookie: response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
  }

  const setPolicy = (cookie: string, policy: unknown) => trpcMutation(db, "instance.setSignUpPolicy", policy, { cookie });
  const invite = (cookie: string, email: string, role = "member") => trpcMutation(db, "invitation.create", { teamId, email, role }, { cookie });

  it("the first account of an empty install signs up (by default sign-up is by invitation) and becomes the instance admin", async () => {
    const first = await httpSignUp("first@example.com");
    expect(first.status).toBe(200);
    expect(await db.prisma.user.findUniqueOrThrow({ where: { email: "first@example.com" }, select: { isAdmin: true } })).toEqual({ isAdmin: true });
    admin = { id: first.body.user!.id, cookie: first.cookie };
    const team = await trpcMutation(db, "team.create", { slug: unique("lab").toLowerCase(), name: "Lab" }, { cookie: admin.cookie });
    teamId = (team.data as { id: string }).id;
  });

  it("refuses a stranger while sign-up is by invitation only (403 with the reason), and creates no account", async () => {
    expect(await httpSignUp("stranger@example.com")).toMatchObject({ status: 403, body: { message: INVITATION_ONLY } });
    expect(await db.prisma.user.count({ where: { email: "stranger@example.com" } })).toBe(0);
    const second = await signUp(db, `${unique("second")}@example.com`);
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: second.user.id }, select: { isAdmin: true } })).toEqual({ isAdmin: false });
  });

  it("only the instance admin changes the policy: others get 403, API tokens 403, nobody 401", async () => {
    const other = await signUp(db, `${unique("other")}@example.com`);
    expect(await setPolicy(other.cookie, { mode: "open" })).toMatchObject({ status: 403, error: { message: "only the instance admin can change who may sign up" } });
    const token = await trpcMutation(db, "token.create", { teamId, name: "ci" }, { cookie: admin.cookie });
    const bearer = { authorization: `Bearer ${(token.data as { token: string }).token}` };
    expect(await trpcMutation(db, "instance.setSignUpPolicy", { mode: "open" }, bearer)).toMatchObject({
      status: 403,
      error: { message: "API tokens cannot change instance settings; sign in as the instance admin" },
    });
    expect(await trpcMutation(db, "instance.setSignUpPolicy", { mode: "open" }, {})).toMatchObject({ status: 401, error: { message: "sign in to use Scalecast" } });
    expect(await httpSignUp("still-stranger@example.com")).toMatchObject({ status: 403, body: { message: INVITATION_ONLY } });
  });

  it("open: anyone signs up", async () => {
    expect((await setPolicy(admin.cookie, { mode: "open" })).status).toBe(200);
    expect((await httpSignUp("anyone@anywhere.net")).status).toBe(200);
  });

  it("email domains: addresses at a listed domain sign up, others are refused naming the domains", async () => {
    const set = await setPolicy(admin.cookie, { mode: "domains", domains: [" @Example.COM", "lab.example.org"] });
    expect(set.data).toEqual({ policy: { mode: "domains", domains: ["example.com", "lab.example.org"] } });
    expect((await httpSignUp("ada@example.com")).status).toBe(200);
    expect((await httpSignUp("grace@lab.example.org")).status).toBe(200);
    expect(await httpSignUp("eve@evil.example.net")).toMatchObject({
      status: 403,
      body: { message: "sign-up is limited to addresses at example.com, lab.example.org; ask a team owner for an invitation" },
    });
    expect(await setPolicy(admin.cookie, { mode: "domains", domains: ["not a domain"] })).toMatchObject({
      status: 400,
      error: { message: expect.stringContaining("must be an email domain like example.com") },
    });
  });

  it("invitation only: an invited address signs up with its code and lands in the team with the invited role", async () => {
    await setPolicy(admin.cookie, { mode: "invitation" });
    const invitation = await invite(admin.cookie, "Invitee@Elsewhere.net", "owner");
    expect(invitation.status).toBe(200);
    const { code, email } = invitation.data as { code: string; email: string };
    expect(email).toBe("invitee@elsewhere.net");
    expect(await httpSignUp("someone-else@elsewhere.net", { invitation: code })).toMatchObject({
      status: 403,
      body: { message: "this invitation is for another email address; sign up with the address it was sent to" },
    });
    const invitee = await httpSignUp("invitee@elsewhere.net", { invitation: code });
    expect(invitee.status).toBe(200);
    expect(await db.prisma.membership.findMany({ where: { userId: invitee.body.user!.id }, select: { teamId: true, role: true } })).toEqual([{ teamId, role: "owner" }]);
    expect(await httpSignUp("invitee-2@elsewhere.net", { invitation: code })).toMatchObject({ status: 403, body: { message: "this invitation was already used; sign in instead" } });
    expect(await httpSignUp("uninvited@elsewhere.net")).toMatchObject({ status: 403, body: { message: INVITATION_ONLY } });
  });

  it("refuses an expired, a revoked, a used or an unknown invitation code with the reason", async () => {
    const expired = (await invite(admin.cookie, "late@elsewhere.net")).data as { id: string; code: string };
    await db.prisma.invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date("2026-01-02T00:00:00Z") } });
    expect(await httpSignUp("late@elsewhere.net", { invitation: expired.code })).toMatchObject({
      status: 403,
      body: { message: "this invitation expired on 2026-01-02; ask a team owner for a new one" },
    });
    const revoked = (await invite(admin.cookie, "revoked@elsewhere.net")).data as { id: string; code: string };
    expect((await trpcMutation(db, "invitation.revoke", { invitationId: revoked.id }, { cookie: admin.cookie })).status).toBe(200);
    expect(await httpSignUp("revoked@elsewhere.net", { invitation: revoked.code })).toMatchObject({
      status: 403,
      body: { message: "this invitation was revoked; ask a team owner for a new one" },
    });
    const used = (await invite(admin.cookie, "twice@elsewhere.net")).data as { code: string };
    expect((await httpSignUp("twice@elsewhere.net", { invitation: used.code })).status).toBe(200);
    await db.prisma.user.delete({ where: { email: "twice@elsewhere.net" } });
    expect(await httpSignUp("twice@elsewhere.net", { invitation: used.code })).toMatchObject({ status: 403, body: { message: "this invitation was already used; sign in instead" } });
    expect(await httpSignUp("guess@elsewhere.net", { invitation: "not-a-code" })).toMatchObject({
      status: 403,
      body: { message: "this invitation code is not valid; ask a team owner for a new one" },
    });
    expect(await db.prisma.user.count({ where: { email: { in: ["late@elsewhere.net", "revoked@elsewhere.net", "twice@elsewhere.net", "guess@elsewhere.net"] } } })).toBe(0);
  });

  it("invitations are the owners': a member is refused (403), an address with an account gets 409, the list shows what became of each", async () => {
    const member = await signUp(db, `${unique("member")}@example.com`);
    await db.prisma.membership.create({ data: { teamId, userId: member.user.id, role: "member" } });
    const team = await db.prisma.team.findUniqueOrThrow({ where: { id: teamId } });
    expect(await invite(member.cookie, "friend@elsewhere.net")).toMatchObject({
      status: 403,
      error: { message: `only owners of team "${team.name}" can manage its members and API tokens` },
    });
    expect(await invite(admin.cookie, member.user.email)).toMatchObject({
      status: 409,
      error: { message: `${member.user.email} already has an account; add it to the team as a member instead` },
    });
    const list = await fetch(`${url}/api/trpc/invitation.list?input=${encodeURIComponent(JSON.stringify({ json: { teamId } }))}`, { headers: { cookie: admin.cookie } });
    const rows = ((await list.json()) as { result: { data: { json: { email: string; status: string }[] } } }).result.data.json;
    expect(Object.fromEntries(rows.map((r) => [r.email, r.status]))).toMatchObject({
      "invitee@elsewhere.net": "accepted",
      "late@elsewhere.net": "expired",
      "revoked@elsewhere.net": "revoked",
    });
  });

  it("scalecast users create is the operator's path: it creates accounts whatever the policy", async () => {
    const created = await createUser(db, { email: `${unique("operator")}@elsewhere.net`, name: "Made by the operator", password: "correct horse battery" });
    expect(created.user).toMatchObject({ email: expect.stringMatching(/@elsewhere\.net$/), admin: false });
  });
});
