import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createScratchPostgres } from "@scalecast/db/testing";
import { freePort, runStartScript, startApp, type RunningApp } from "./app-server";

interface Answer {
  status: number;
  setCookie: string[];
  body: unknown;
}

interface Attempt {
  /** Source address of the connection (any 127.x address reaches the app; each test uses its own). */
  from: string;
  password?: string;
  headers?: Record<string, string>;
}

/** One sign-in attempt as a script would send it: JSON over a fresh connection from `from`. */
function signIn(app: RunningApp, { from, password = "wrong password", headers = {} }: Attempt): Promise<Answer> {
  const body = JSON.stringify({ email: "owner@demo.scalecast.dev", password });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: app.port,
        localAddress: from,
        method: "POST",
        path: "/api/auth/sign-in/email",
        agent: false,
        headers: { "content-type": "application/json", origin: app.url, ...headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers["set-cookie"] ?? [], body: text && JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const limited = (answers: Answer[]) => answers.map((a) => a.status === 429);

// better-auth's rule for /sign-in/*: 3 attempts per 10 s per client address.
const ALLOWED = 3;

describe("SCALECAST_TRUSTED_PROXIES", () => {
  it("stops the start with one line naming a bad entry", async () => {
    const run = runStartScript({ PORT: String(await freePort()), SCALECAST_TRUSTED_PROXIES: "127.0.0.1, proxy.internal" });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(
      'scalecast: SCALECAST_TRUSTED_PROXIES: "proxy.internal" is not an IP address, CIDR range or proxy-addr name (loopback, linklocal, uniquelocal)',
    );
  });
});

// Two replicas on one PostgreSQL database: `direct` trusts no proxy, `proxied` trusts loopback (as if
// every 127.x peer were a reverse proxy). SCALECAST_SKIP_PG=1 skips these.
describe.skipIf(!inject("postgresUrl"))("sign-in limits on two replicas sharing PostgreSQL", () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgres>>;
  let direct: RunningApp;
  let proxied: RunningApp;
  beforeAll(async () => {
    scratch = await createScratchPostgres(inject("postgresUrl"));
    direct = await startApp({ DATABASE_URL: scratch.url });
    proxied = await startApp({ DATABASE_URL: scratch.url, SCALECAST_TRUSTED_PROXIES: "loopback" });
  });
  afterAll(async () => {
    await direct?.stop();
    await proxied?.stop();
    await scratch?.drop();
  });

  it("limits a client by its own address, whatever X-Forwarded-For it makes up", async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 50; i++) answers.push(await signIn(direct, { from: "127.0.1.1", headers: { "x-forwarded-for": `198.51.100.${i + 1}` } }));
    expect(answers.slice(0, ALLOWED).map((a) => a.status)).toEqual([401, 401, 401]);
    expect(limited(answers.slice(ALLOWED))).toEqual(Array(50 - ALLOWED).fill(true));
  });

  it("behind a trusted proxy, limits each forwarded client separately", async () => {
    const others: Answer[] = [];
    for (let i = 0; i < 20; i++) others.push(await signIn(proxied, { from: "127.0.1.2", headers: { "x-forwarded-for": `203.0.113.${i + 1}` } }));
    expect(limited(others)).toEqual(Array(20).fill(false));
    const same: Answer[] = [];
    for (let i = 0; i < 6; i++) same.push(await signIn(proxied, { from: "127.0.1.2", headers: { "x-forwarded-for": "192.0.2.77, 203.0.113.200" } }));
    expect(limited(same)).toEqual([false, false, false, true, true, true]);
  });

  it("counts attempts on either replica as one limit, also when they arrive at once", async () => {
    const alternating: Answer[] = [];
    for (let i = 0; i < 8; i++) alternating.push(await signIn(i % 2 ? proxied : direct, { from: "127.0.2.1" }));
    expect(limited(alternating)).toEqual([false, false, false, true, true, true, true, true]);
    // Concurrent attempts: exactly 3 of each burst get through, round after round (10 rounds, one address each).
    for (let round = 0; round < 10; round++) {
      const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => signIn(i % 2 ? proxied : direct, { from: `127.0.3.${round + 1}` })));
      expect(limited(burst).filter((l) => !l).length, `round ${round}`).toBe(ALLOWED);
    }
  });

  it("answers a limited attempt with 429 and says to try again later", async () => {
    const answers: Answer[] = [];
    for (let i = 0; i <= ALLOWED; i++) answers.push(await signIn(direct, { from: "127.0.4.1" }));
    expect(answers.at(-1)).toMatchObject({ status: 429, body: { message: "Too many requests. Please try again later." } });
  });

  it("sets a Secure __Secure- cookie when a trusted proxy says the client used https", async () => {
    const answer = await signIn(proxied, {
      from: "127.0.5.1",
      password: "scalecast-demo",
      headers: { "x-forwarded-proto": "https", origin: `https://127.0.0.1:${proxied.port}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.setCookie[0]).toMatch(/^__Secure-better-auth\.session_token=[^;]+;.*; Secure/);
  });

  it("ignores X-Forwarded-Proto from a peer that is not a trusted proxy: a plain cookie, as over http", async () => {
    const answer = await signIn(direct, { from: "127.0.5.2", password: "scalecast-demo", headers: { "x-forwarded-proto": "https" } });
    expect(answer.status).toBe(200);
    expect(answer.setCookie[0]).toMatch(/^better-auth\.session_token=/);
    expect(answer.setCookie[0]).not.toMatch(/; Secure/i);
  });

  it("refuses a sign-in posted from another site's page", async () => {
    for (const origin of ["http://evil.example", "https://evil.example", `http://127.0.0.1:${direct.port + 1}`]) {
      const answer = await signIn(direct, { from: "127.0.5.3", password: "scalecast-demo", headers: { origin } });
      expect(answer, origin).toMatchObject({ status: 403, setCookie: [] });
    }
  });

  it("accepts a sign-in from this host's https page behind a TLS proxy it was not told to trust", async () => {
    const answer = await signIn(direct, { from: "127.0.5.4", password: "scalecast-demo", headers: { origin: `https://127.0.0.1:${direct.port}` } });
    expect(answer.status).toBe(200);
    expect(answer.setCookie[0]).toMatch(/^better-auth\.session_token=/);
  });
});
