/**
 * Every mutating procedure (and POST /api/v1/runs) × every kind of caller, through the same request path
 * as the web app (session cookie or Authorization header → createContext → procedure):
 * allowed, or 401/403 with the message the caller sees.
 */
import { describe, expect, inject, it } from "vitest";
import { testDatabaseTargets } from "@scalecast/db/testing";
import type { Database } from "@scalecast/db";
import { handle, trpcMutation } from "./http";
import { openForSuite, signUp, unique } from "./helpers";
import { buildWorld, runFor, type World } from "./world";

const CALLERS = ["anonymous", "non-member", "member", "owner", "team token", "other team's token", "revoked token"] as const;
type Caller = (typeof CALLERS)[number];
type Outcome = "ok" | [401 | 403, string];

const SIGN_IN: Outcome = [401, "sign in to use Scalecast"];
const REVOKED: Outcome = [401, "this API token was revoked"];

/** Signed-in callers are browsers on the app's own pages: they send its Origin. */
const PAGE_ORIGIN = "http://scalecast.test";

function headersFor(w: World, caller: Caller): Record<string, string> {
  switch (caller) {
    case "anonymous":
      return {};
    case "non-member":
      return { cookie: w.outsider.cookie, origin: PAGE_ORIGIN };
    case "member":
      return { cookie: w.memberA.cookie, origin: PAGE_ORIGIN };
    case "owner":
      return { cookie: w.ownerA.cookie, origin: PAGE_ORIGIN };
    case "team token":
      return { authorization: `Bearer ${w.tokenA.secret}` };
    case "other team's token":
      return { authorization: `Bearer ${w.tokenB.secret}` };
    case "revoked token":
      return { authorization: `Bearer ${w.revokedA.secret}` };
  }
}

interface Row {
  procedure: string;
  input: (db: Database, w: World, caller: Caller) => Promise<unknown>;
  expected: (w: World) => Record<Caller, Outcome>;
}

const writeRule = (w: World): Record<Caller, Outcome> => ({
  anonymous: SIGN_IN,
  "non-member": [403, `you are not a member of team "${w.teamA.name}"; only its members can change it`],
  member: "ok",
  owner: "ok",
  "team token": "ok",
  "other team's token": [403, `this API token belongs to another team and cannot write to team "${w.teamA.name}"`],
  "revoked token": REVOKED,
});

const ownerRule = (w: World): Record<Caller, Outcome> => ({
  anonymous: SIGN_IN,
  "non-member": [403, `only owners of team "${w.teamA.name}" can manage its members and API tokens`],
  member: [403, `only owners of team "${w.teamA.name}" can manage its members and API tokens`],
  owner: "ok",
  "team token": [403, `API tokens cannot manage the members or tokens of team "${w.teamA.name}"; sign in as one of its owners`],
  "other team's token": [403, `API tokens cannot manage the members or tokens of team "${w.teamA.name}"; sign in as one of its owners`],
  "revoked token": REVOKED,
});

const slugOf = (caller: string) => caller.replace(/[^a-z]+/g, "-");

const ROWS: Row[] = [
  {
    procedure: "team.create",
    input: async (_db, w, caller) => ({ slug: `t-${w.tag}-${slugOf(caller)}`.slice(0, 48), name: `Team of ${caller}` }),
    expected: () => ({
      anonymous: SIGN_IN,
      "non-member": "ok",
      member: "ok",
      owner: "ok",
      "team token": [403, "API tokens cannot create teams; sign in to create one"],
      "other team's token": [403, "API tokens cannot create teams; sign in to create one"],
      "revoked token": REVOKED,
    }),
  },
  {
    procedure: "member.add",
    input: async (db, w) => ({ teamId: w.teamA.id, email: (await signUp(db, `${unique("new")}@example.com`)).user.email, role: "member" }),
    expected: ownerRule,
  },
  {
    procedure: "member.remove",
    input: async (db, w) => {
      const { user } = await signUp(db, `${unique("leaving")}@example.com`);
      await db.prisma.membership.create({ data: { teamId: w.teamA.id, userId: user.id, role: "member" } });
      return { teamId: w.teamA.id, userId: user.id };
    },
    expected: ownerRule,
  },
  {
    procedure: "invitation.create",
    input: async (_db, w, caller) => ({ teamId: w.teamA.id, email: `${unique(slugOf(caller))}@invited.example.com`, role: "member" }),
    expected: ownerRule,
  },
  {
    procedure: "invitation.revoke",
    input: async (db, w) => {
      const invitation = await db.prisma.invitation.create({ data: { teamId: w.teamA.id, email: "later@invited.example.com", codeHash: unique("code"), expiresAt: new Date(Date.now() + 86_400_000) } });
      return { invitationId: invitation.id };
    },
    expected: ownerRule,
  },
  // The world's first account (team A's owner) is the instance admin.
  {
    procedure: "instance.setSignUpPolicy",
    input: async () => ({ mode: "invitation" }),
    expected: () => ({
      anonymous: SIGN_IN,
      "non-member": [403, "only the instance admin can change who may sign up"],
      member: [403, "only the instance admin can change who may sign up"],
      owner: "ok",
      "team token": [403, "API tokens cannot change instance settings; sign in as the instance admin"],
      "other team's token": [403, "API tokens cannot change instance settings; sign in as the instance admin"],
      "revoked token": REVOKED,
    }),
  },
  { procedure: "token.create", input: async (_db, w) => ({ teamId: w.teamA.id, name: "ci" }), expected: ownerRule },
  {
    procedure: "token.revoke",
    input: async (db, w) => {
      const token = await db.prisma.apiToken.create({ data: { name: "old", prefix: "sc_old", tokenHash: unique("hash"), teamId: w.teamA.id } });
      return { tokenId: token.id };
    },
    expected: ownerRule,
  },
  { procedure: "methodology.create", input: async (_db, w, caller) => ({ teamId: w.teamA.id, name: `by ${caller}` }), expected: writeRule },
  {
    procedure: "sweep.create",
    input: async (_db, w, caller) => ({ methodologyId: w.methodology.id, name: `sweep by ${caller}`, axes: ["D"], metric: "loss", direction: "lower" }),
    expected: writeRule,
  },
  { procedure: "sweep.setMetricBounded", input: async (_db, w) => ({ sweepId: w.sweep.id, bounded: null }), expected: writeRule },
  {
    procedure: "sweep.pinModel",
    input: async (_db, w) => ({ sweepId: w.sweep.id, model: "chinchilla" }),
    expected: writeRule,
  },
  {
    procedure: "run.ingest",
    input: async (_db, w, caller) => ({ sweepId: w.sweep.id, runs: [runFor(`m-${slugOf(caller)}`)] }),
    expected: writeRule,
  },
  {
    procedure: "run.import",
    input: async (_db, w, caller) => ({ sweepId: w.sweep.id, format: "csv", content: `runKey,N,D,loss\nimp-${slugOf(caller)},1e8,2e9,3\n` }),
    expected: writeRule,
  },
  // Excluding, including and deleting a run are writes to its sweep's team.
  {
    procedure: "run.exclude",
    input: async (db, w, caller) => ({ sweepId: w.sweep.id, runKey: await worldRun(db, w, `ex-${slugOf(caller)}`), reason: "diverged" }),
    expected: writeRule,
  },
  {
    procedure: "run.include",
    input: async (db, w, caller) => {
      const runKey = await worldRun(db, w, `in-${slugOf(caller)}`);
      await db.prisma.run.update({ where: { sweepId_runKey: { sweepId: w.sweep.id, runKey } }, data: { excludedAt: new Date(), excludedBy: "someone", excludedReason: "test" } });
      return { sweepId: w.sweep.id, runKey };
    },
    expected: writeRule,
  },
  {
    procedure: "run.delete",
    input: async (db, w, caller) => ({ sweepId: w.sweep.id, runKey: await worldRun(db, w, `del-${slugOf(caller)}`) }),
    expected: writeRule,
  },
  // The fits engineer's mutations follow the same write rule (assertCanWrite on the team they write to).
  {
    procedure: "fit.create",
    input: async (db, w) => ({ sweepId: await oneAxisSweep(db, w), model: "power-law" }),
    expected: writeRule,
  },
  // Asking for the fit of a law no job fits is a reader's write: anyone signed in, as reading it is.
  {
    procedure: "fit.request",
    input: async (db, w) => ({ sweepId: await oneAxisSweep(db, w), model: "log-linear" }),
    expected: () => ({
      anonymous: SIGN_IN,
      "non-member": "ok",
      member: "ok",
      owner: "ok",
      "team token": "ok",
      "other team's token": "ok",
      "revoked token": REVOKED,
    }),
  },
  // A backtest is stored in the team's history, so running one is a write.
  {
    procedure: "analysis.backtest",
    input: async (db, w) => ({ sweepId: await oneAxisSweep(db, w), model: "power-law" }),
    expected: writeRule,
  },
  { procedure: "snapshot.create", input: async (_db, w, caller) => ({ teamId: w.teamA.id, title: `week of ${caller}` }), expected: writeRule },
  {
    procedure: "decision.create",
    input: async (_db, w, caller) => ({ title: `decided by ${caller}`, outcome: "other", methodologyId: w.methodology.id }),
    expected: writeRule,
  },
];

/** Adds a run `runKey` to the world's N×D sweep and returns its key. */
async function worldRun(db: Database, w: World, runKey: string): Promise<string> {
  await db.prisma.run.create({ data: { sweepId: w.sweep.id, ...runFor(runKey) } });
  return runKey;
}

const oneAxis = new WeakMap<World, Promise<string>>();
/** A D-only sweep of team A with eight clean power-law runs (what fit.create needs to succeed). */
function oneAxisSweep(db: Database, w: World): Promise<string> {
  let id = oneAxis.get(w);
  if (!id) {
    id = (async () => {
      const sweep = await db.prisma.sweep.create({ data: { methodologyId: w.methodology.id, name: "D sweep", axes: ["D"], metric: "loss" } });
      await db.prisma.run.createMany({
        data: Array.from({ length: 8 }, (_, i) => ({ sweepId: sweep.id, runKey: `d-${i}`, scales: { D: 1e6 * 3 ** i }, metrics: { loss: 20 * (1e6 * 3 ** i) ** -0.1 } })),
      });
      return sweep.id;
    })();
    oneAxis.set(w, id);
  }
  return id;
}

describe.each(testDatabaseTargets(inject("postgresUrl")))("access matrix on $kind", (target) => {
  let db: Database;
  let w: World;
  openForSuite(target, async (opened) => {
    db = opened;
    w = await buildWorld(db);
  });

  describe.each(ROWS)("$procedure", (row) => {
    it.each(CALLERS)("as %s", async (caller) => {
      const expected = row.expected(w)[caller];
      const result = await trpcMutation(db, row.procedure, await row.input(db, w, caller), headersFor(w, caller));
      if (expected === "ok") {
        expect(result.error, JSON.stringify(result.error)).toBeUndefined();
        expect(result.status).toBe(200);
      } else {
        expect({ status: result.status, message: result.error?.message }).toEqual({ status: expected[0], message: expected[1] });
      }
    });
  });

  describe("POST /api/v1/runs", () => {
    it.each(CALLERS)("as %s", async (caller) => {
      const outcome = writeRule(w)[caller];
      const body = { sweepId: w.sweep.id, ...runFor(`rest-${slugOf(caller)}`) };
      const response = await handle(
        db,
        new Request("http://scalecast.test/api/v1/runs", { method: "POST", headers: { "content-type": "application/json", ...headersFor(w, caller) }, body: JSON.stringify(body) }),
      );
      const json = (await response.json()) as { inserted?: number; error?: { message: string } };
      if (outcome === "ok") expect({ status: response.status, inserted: json.inserted }).toEqual({ status: 200, inserted: 1 });
      else {
        const message = caller === "anonymous" ? `${outcome[1]}: send "Authorization: Bearer <API token>"` : outcome[1];
        expect({ status: response.status, message: json.error?.message }).toEqual({ status: outcome[0], message });
      }
    });
  });

  it("analysis.backtest refused to another team's owner, its token and an outsider writes no Backtest row", async () => {
    const sweepId = await oneAxisSweep(db, w);
    await db.prisma.backtest.deleteMany({ where: { sweepId } });
    const refused: [Record<string, string>, number][] = [
      [{ cookie: w.ownerB.cookie }, 403],
      [{ cookie: w.outsider.cookie }, 403],
      [{ authorization: `Bearer ${w.tokenB.secret}` }, 403],
      [{}, 401],
    ];
    for (const [headers, status] of refused) {
      const result = await trpcMutation(db, "analysis.backtest", { sweepId, model: "power-law" }, headers);
      expect(result.status).toBe(status);
    }
    expect(await db.prisma.backtest.count({ where: { sweepId } })).toBe(0);
  });

  it("shows a team's member emails to its members and tokens only; others read names", async () => {
    const read = async (path: string, input: unknown, caller: Caller) => {
      const response = await handle(db, new Request(`http://scalecast.test/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers: headersFor(w, caller) }));
      const body = (await response.json()) as { result: { data: { json: unknown } } };
      return body.result.data.json;
    };
    for (const caller of ["non-member", "member", "team token", "other team's token"] as const) {
      const team = (await read("team.get", { slug: w.teamA.slug }, caller)) as { members: { name: string; email: string | null }[] };
      const list = (await read("member.list", { teamId: w.teamA.id }, caller)) as { name: string; email: string | null }[];
      const sees = caller === "member" || caller === "team token";
      for (const members of [team.members, list]) {
        expect(members.map((m) => m.name), caller).toEqual(expect.arrayContaining(["owner-a", "member-a"]));
        const emails = members.map((m) => m.email);
        expect(emails, caller).toEqual(sees ? expect.arrayContaining([w.ownerA.user.email, w.memberA.user.email]) : emails.map(() => null));
        if (sees) expect(emails.every((e) => typeof e === "string"), caller).toBe(true);
      }
    }
  });

  it("lets everyone signed in read every team, and nobody else", async () => {
    for (const caller of ["non-member", "member", "team token", "other team's token"] as const) {
      const response = await handle(
        db,
        new Request(`http://scalecast.test/api/trpc/sweep.get?input=${encodeURIComponent(JSON.stringify({ json: { sweepId: w.sweep.id } }))}`, { headers: headersFor(w, caller) }),
      );
      expect(response.status, caller).toBe(200);
    }
    const anonymous = await handle(db, new Request(`http://scalecast.test/api/trpc/sweep.get?input=${encodeURIComponent(JSON.stringify({ json: { sweepId: w.sweep.id } }))}`));
    expect(anonymous.status).toBe(401);
  });
});
