import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testDatabaseTargets } from "@scalecast/db/testing";
import type { Database } from "@scalecast/db";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@scalecast/seed";
import { createContext, getAuth } from "../src";
import { demoSignInLine } from "../src/server";
import { LAST_USED_RESOLUTION_MS } from "../src/services/access/resolve-actor";
import { callerFor, createTeamFixture, fitJobsFor, heldDatabase, insertToken, signUp, unique } from "./helpers";
import { handle } from "./http";

describe.each(testDatabaseTargets(inject("postgresUrl")))("createContext on $kind", (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("is anonymous without credentials", async () => {
    expect((await createContext({ db, fitJobs: fitJobsFor(db), headers: new Headers() })).actor).toBeNull();
    expect((await createContext({ db, fitJobs: fitJobsFor(db) })).actor).toBeNull();
  });

  it("resolves a better-auth session cookie to the user with their memberships", async () => {
    const team = await createTeamFixture(db);
    const { user, cookie } = await signUp(db, `${unique("ada")}@example.com`);
    await db.prisma.membership.create({ data: { userId: user.id, teamId: team.id, role: "owner" } });
    const ctx = await createContext({ db, fitJobs: fitJobsFor(db), headers: new Headers({ cookie }) });
    expect(ctx.actor).toEqual({
      kind: "user",
      user: { id: user.id, email: user.email, name: "Test User" },
      memberships: [{ teamId: team.id, role: "owner" }],
    });
  });

  it.each([
    ["https", /^__Secure-better-auth\.session_token=[^;]+;.*; Secure/],
    ["http", /^better-auth\.session_token=(?!.*; Secure)/],
  ])("resolves the session cookie better-auth set over %s (Secure only over https)", async (scheme, setCookie) => {
    const email = `${unique("grace")}@example.com`;
    await signUp(db, email);
    const origin = `${scheme}://scalecast.test`;
    const response = await handle(
      db,
      new Request(`${origin}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({ email, password: "correct horse battery" }),
      }),
    );
    expect(response.status).toBe(200);
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(setCookie);
    const ctx = await createContext({ db, fitJobs: fitJobsFor(db), headers: new Headers({ cookie: cookie!.split(";")[0]! }) });
    expect(ctx.actor?.kind === "user" && ctx.actor.user.email).toBe(email);
  });

  it("treats an unknown session cookie as anonymous", async () => {
    const ctx = await createContext({ db, fitJobs: fitJobsFor(db), headers: new Headers({ cookie: "better-auth.session_token=nope.nope" }) });
    expect(ctx.actor).toBeNull();
  });

  it("resolves a bearer token to its team and records when it was used", async () => {
    const team = await createTeamFixture(db);
    const { secret, token } = await insertToken(db, team.id);
    const ctx = await createContext({ db, fitJobs: fitJobsFor(db), headers: new Headers({ authorization: `Bearer ${secret}` }) });
    expect(ctx.actor).toEqual({ kind: "token", tokenId: token.id, teamId: team.id });
    const used = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(used.lastUsedAt).toBeInstanceOf(Date);
    expect(Date.now() - used.lastUsedAt!.getTime()).toBeLessThan(LAST_USED_RESOLUTION_MS);
  });

  it.each([
    ["Bearer sc_unknown", "this API token is not valid"],
    ["Basic abc", 'the Authorization header must be "Bearer <API token>"'],
    ["Bearer", 'the Authorization header must be "Bearer <API token>"'],
  ])("rejects Authorization: %s with 401 %s", async (header, message) => {
    await expect(createContext({ db, fitJobs: fitJobsFor(db), headers: new Headers({ authorization: header }) })).rejects.toMatchObject({ code: "UNAUTHORIZED", message });
  });

  it("rejects a revoked token with 401 this API token was revoked", async () => {
    const team = await createTeamFixture(db);
    const { secret } = await insertToken(db, team.id, { revoked: true });
    await expect(createContext({ db, fitJobs: fitJobsFor(db), headers: new Headers({ authorization: `Bearer ${secret}` }) })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "this API token was revoked",
    });
  });

  it("serves concurrent requests of one token, and refuses it from the first request after its revocation", async () => {
    const team = await createTeamFixture(db);
    const { secret, token } = await insertToken(db, team.id);
    const headers = () => new Headers({ authorization: `Bearer ${secret}` });
    const together = await Promise.all(Array.from({ length: 20 }, () => createContext({ db, fitJobs: fitJobsFor(db), headers: headers() })));
    expect(together.map((c) => c.actor)).toEqual(Array.from({ length: 20 }, () => ({ kind: "token", tokenId: token.id, teamId: team.id })));
    // A lookup still in flight while the token is revoked must not answer a request that came after it.
    const held = heldDatabase(db);
    held.hold();
    const early = createContext({ db: held.db, fitJobs: fitJobsFor(held.db), headers: headers() });
    await new Promise((resolve) => setTimeout(resolve, 200)); // its lookup has run and is held
    await db.prisma.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    const late = createContext({ db: held.db, fitJobs: fitJobsFor(held.db), headers: headers() });
    await new Promise((resolve) => setTimeout(resolve, 50));
    held.release();
    expect((await early).actor).toEqual({ kind: "token", tokenId: token.id, teamId: team.id });
    await expect(late).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "this API token was revoked" });
  });

  it("keeps team.list readable for everyone", async () => {
    await expect(callerFor(db, null).team.list()).resolves.toBeInstanceOf(Array);
  });
});

describe.each(testDatabaseTargets(inject("postgresUrl")))("demo accounts on $kind", (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("sign in through better-auth with the password the start-up log shows", async () => {
    expect(await demoSignInLine(db)).toBeNull();
    await seedDemo(db);
    const line = await demoSignInLine(db);
    expect(line).toBe(
      'demo sign-in: owner@demo.scalecast.dev (owner of pretraining, owner of data, owner of post-training) or member@demo.scalecast.dev (member of data), password "scalecast-demo"; remove these accounts before real use',
    );
    const auth = await getAuth(db);
    for (const account of DEMO_ACCOUNTS) {
      const response = await auth.api.signInEmail({ body: { email: account.email, password: DEMO_PASSWORD }, asResponse: true });
      expect(response.status, account.email).toBe(200);
      const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const ctx = await createContext({ db, fitJobs: fitJobsFor(db), headers: new Headers({ cookie }) });
      expect(ctx.actor?.kind === "user" && ctx.actor.memberships.length).toBe(Object.keys(account.teams).length);
    }
  });
});
