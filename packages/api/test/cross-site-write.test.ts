/**
 * Cross-site request forgery, same-site flavour: a page on another port of the same host posts a form to
 * the app while the user is signed in (the browser attaches the session cookie). Over real HTTP, writes by
 * session cookie need Content-Type application/json (415) and this server's Origin (403), and write
 * nothing otherwise; API tokens, which browsers never attach by themselves, work without an Origin.
 */
import type { Database } from "@scalecast/db";
import { testDatabaseTargets } from "@scalecast/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serve } from "./http";
import { buildWorld, runFor, type World } from "./world";

describe.each(testDatabaseTargets(inject("postgresUrl")))("writes by session cookie on $kind", (target) => {
  let db: Database;
  let w: World;
  let server: Awaited<ReturnType<typeof serve>>;
  let otherPort: string;
  beforeAll(async () => {
    db = await target.open();
    w = await buildWorld(db);
    server = await serve(db);
    otherPort = `http://127.0.0.1:${Number(new URL(server.url).port) + 1}`;
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const runCount = () => db.prisma.run.count({ where: { sweepId: w.sweep.id } });
  const teamCount = () => db.prisma.team.count();
  const send = async (path: string, headers: Record<string, string>, body: string) => {
    const response = await fetch(`${server.url}${path}`, { method: "POST", headers, body });
    const answer = (await response.json()) as { error?: { message: string; json?: { message: string } } };
    return { status: response.status, message: answer.error?.json?.message ?? answer.error?.message };
  };
  const TOKEN_HINT = 'scripts send an API token instead ("Authorization: Bearer <token>")';

  it("POST /api/v1/runs: a form from another port of the host writes nothing (415/403 saying why)", async () => {
    const before = await runCount();
    const run = JSON.stringify({ sweepId: w.sweep.id, ...runFor("csrf") });
    const cookie = w.ownerA.cookie;
    const host = new URL(server.url).host;
    expect(await send("/api/v1/runs", { cookie, origin: otherPort, "content-type": "text/plain" }, run)).toEqual({
      status: 415,
      message: `a write signed in with a session cookie must send Content-Type: application/json (got "text/plain"); ${TOKEN_HINT}`,
    });
    expect((await send("/api/v1/runs", { cookie, origin: otherPort, "content-type": "application/x-www-form-urlencoded" }, `x=${encodeURIComponent(run)}`)).status).toBe(415);
    expect(await send("/api/v1/runs", { cookie, origin: otherPort, "content-type": "application/json" }, run)).toEqual({
      status: 403,
      message: `cross-site write refused: Origin ${otherPort} is not this server (${host}); sign in on this server's own pages, or ${TOKEN_HINT}`,
    });
    expect(await send("/api/v1/runs", { cookie, "content-type": "application/json" }, run)).toEqual({
      status: 403,
      message: `a write signed in with a session cookie must carry an Origin header (browsers send it); ${TOKEN_HINT}`,
    });
    expect((await send("/api/v1/runs", { cookie, origin: "null", "content-type": "application/json" }, run)).status).toBe(403);
    expect(await runCount()).toBe(before);
  });

  it("POST /api/v1/runs: the app's own page (same Origin, JSON) and a token client without Origin still write", async () => {
    const before = await runCount();
    const own = await send("/api/v1/runs", { cookie: w.ownerA.cookie, origin: server.url, "content-type": "application/json" }, JSON.stringify({ sweepId: w.sweep.id, ...runFor("own-page") }));
    expect(own.status).toBe(200);
    const script = await send("/api/v1/runs", { authorization: `Bearer ${w.tokenA.secret}`, "content-type": "application/json" }, JSON.stringify({ sweepId: w.sweep.id, ...runFor("script") }));
    expect(script.status).toBe(200);
    expect(await runCount()).toBe(before + 2);
  });

  it("tRPC mutations: a multipart or text form from another port writes nothing; the own page and tokens do", async () => {
    const before = await teamCount();
    const cookie = w.ownerA.cookie;
    const input = (slug: string) => JSON.stringify({ json: { slug, name: slug } });
    const form = new FormData();
    form.set("json", input("form-team"));
    const multipart = await fetch(`${server.url}/api/trpc/team.create`, { method: "POST", headers: { cookie, origin: otherPort }, body: form });
    expect(multipart.status).toBe(415);
    expect(((await multipart.json()) as { error: { json: { message: string } } }).error.json.message).toMatch(/^a write signed in with a session cookie must send Content-Type: application\/json \(got "multipart\/form-data; boundary=/);
    expect((await send("/api/trpc/team.create", { cookie, origin: otherPort, "content-type": "text/plain" }, input("text-team"))).status).toBe(415);
    expect((await send("/api/trpc/team.create", { cookie, origin: otherPort, "content-type": "application/json" }, input("json-team"))).status).toBe(403);
    expect(await teamCount()).toBe(before);
    expect((await send("/api/trpc/team.create", { cookie, origin: server.url, "content-type": "application/json" }, input(`own-${w.tag}`))).status).toBe(200);
    const token = await send("/api/trpc/methodology.create", { authorization: `Bearer ${w.tokenA.secret}`, "content-type": "application/json" }, JSON.stringify({ json: { teamId: w.teamA.id, name: "by script" } }));
    expect(token.status).toBe(200);
    expect(await teamCount()).toBe(before + 1);
  });
});
