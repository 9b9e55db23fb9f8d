import { describe, expect, inject, it } from "vitest";
import { testDatabaseTargets } from "@scalecast/db/testing";
import type { Database } from "@scalecast/db";
import { createContext } from "../src";
import { hashApiToken } from "../src/services/access/api-token-secret";
import { callerFor, openForSuite, testServices, unique, userActor } from "./helpers";
import { buildWorld, runFor, type World } from "./world";

describe.each(testDatabaseTargets(inject("postgresUrl")))("procedures on $kind", (target) => {
  let db: Database;
  let w: World;
  openForSuite(target, async (opened) => {
    db = opened;
    w = await buildWorld(db);
  });

  it("team.create makes the signed-in creator its owner; team.get shows members and the viewer's rights", async () => {
    const slug = unique("gamma").toLowerCase();
    const team = await callerFor(db, w.actors.outsider).team.create({ slug, name: "Gamma" });
    expect(team).toMatchObject({ slug, name: "Gamma" });
    const memberships = await db.prisma.membership.findMany({ where: { teamId: team.id } });
    expect(memberships).toMatchObject([{ userId: w.outsider.user.id, role: "owner" }]);
    const asOwner = userActor(w.outsider.user, [{ teamId: team.id, role: "owner" }]);
    const got = await callerFor(db, asOwner).team.get({ slug });
    expect(got.members).toEqual([{ userId: w.outsider.user.id, name: "outsider", email: w.outsider.user.email, role: "owner" }]);
    expect(got.viewer).toEqual({ role: "owner", canWrite: true, canManage: true });
    expect((await callerFor(db, w.actors.member).team.get({ slug })).viewer).toEqual({ role: null, canWrite: false, canManage: false });
  });

  it("team.create refuses a slug that is taken with 409 naming it", async () => {
    await expect(callerFor(db, w.actors.owner).team.create({ slug: w.teamA.slug, name: "again" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `a team with slug "${w.teamA.slug}" already exists`,
    });
  });

  it("member.add adds an existing account; member.remove keeps the last owner", async () => {
    const owner = callerFor(db, w.actors.owner);
    await expect(owner.member.add({ teamId: w.teamA.id, email: w.outsider.user.email.toUpperCase(), role: "member" })).resolves.toMatchObject({
      userId: w.outsider.user.id,
      role: "member",
    });
    expect((await owner.member.list({ teamId: w.teamA.id })).map((m) => m.email)).toContain(w.outsider.user.email);
    await expect(owner.member.add({ teamId: w.teamA.id, email: w.outsider.user.email, role: "member" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `${w.outsider.user.email} is already a member of this team`,
    });
    await expect(owner.member.add({ teamId: w.teamA.id, email: "nobody@example.com", role: "member" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "no account with email nobody@example.com; they sign up first (or an admin runs scalecast users create)",
    });
    await owner.member.remove({ teamId: w.teamA.id, userId: w.outsider.user.id });
    await expect(owner.member.remove({ teamId: w.teamA.id, userId: w.ownerA.user.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "a team must keep at least one owner; add another owner first",
    });
    await expect(owner.member.remove({ teamId: w.teamA.id, userId: w.outsider.user.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: `user ${w.outsider.user.id} is not a member of this team`,
    });
  });

  it("token.create shows the secret once and stores only its hash; a revoked token is refused", async () => {
    const owner = callerFor(db, w.actors.owner);
    const created = await owner.token.create({ teamId: w.teamA.id, name: "trainer" });
    expect(created.token).toMatch(/^sc_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 11));
    const stored = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.tokenHash).toBe(hashApiToken(created.token));
    expect(JSON.stringify(stored)).not.toContain(created.token);
    const listed = await owner.token.list({ teamId: w.teamA.id });
    expect(listed.find((t) => t.id === created.id)).toMatchObject({ name: "trainer", prefix: created.prefix, active: true, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const ctx = await createContext({ ...testServices(db), headers: new Headers({ authorization: `Bearer ${created.token}` }) });
    expect(ctx.actor).toEqual({ kind: "token", tokenId: created.id, teamId: w.teamA.id });
    const revoked = await owner.token.revoke({ tokenId: created.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect((await owner.token.revoke({ tokenId: created.id })).revokedAt).toEqual(revoked.revokedAt);
    await expect(createContext({ ...testServices(db), headers: new Headers({ authorization: `Bearer ${created.token}` }) })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "this API token was revoked",
    });
  });

  it("methodology.create, sweep.create, then sweep.get/list show them", async () => {
    const member = callerFor(db, w.actors.member);
    const methodology = await member.methodology.create({ teamId: w.teamA.id, name: "synthetic math", description: "generated problems" });
    await expect(member.methodology.create({ teamId: w.teamA.id, name: "synthetic math" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'this team already has a methodology named "synthetic math"',
    });
    const sweep = await callerFor(db, w.actors.tokenA).sweep.create({
      methodologyId: methodology.id,
      name: "D sweep",
      axes: ["D"],
      metric: "accuracy",
      direction: "higher",
      pinnedModel: "saturating-power-law",
      targetScale: 1e11,
    });
    expect(sweep).toMatchObject({ axes: ["D"], metric: "accuracy", direction: "higher", pinnedModel: "saturating-power-law", targetScale: 1e11 });
    const got = await callerFor(db, w.actors.outsider).sweep.get({ sweepId: sweep.id });
    expect(got).toMatchObject({ sweep: { id: sweep.id }, methodology: { id: methodology.id }, team: { id: w.teamA.id }, runs: [] });
    const listed = await callerFor(db, w.actors.outsider).sweep.list({ teamId: w.teamA.id });
    expect(listed.map((s) => s.id)).toContain(sweep.id);
    const methodologies = await callerFor(db, w.actors.outsider).methodology.list();
    expect(methodologies.find((m) => m.id === methodology.id)).toMatchObject({ team: { id: w.teamA.id }, sweepCount: 1 });
  });

  it("sweep.create rejects a default model core does not know, naming the field", async () => {
    await expect(
      callerFor(db, w.actors.member).sweep.create({
        methodologyId: w.methodology.id,
        name: "bad",
        axes: ["D"],
        metric: "loss",
        direction: "lower",
        pinnedModel: "cubic" as never,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^pinnedModel: must be one of log-linear, power-law/) });
  });

  it("run.ingest writes a batch, reports duplicates on a retry and changes nothing", async () => {
    const caller = callerFor(db, w.actors.tokenA);
    const runs = [runFor("i-1", 1e8, 2e9, 3.2), runFor("i-2", 2e8, 4e9, 3.0), { ...runFor("i-3", 4e8, 8e9, 2.8), seed: 3 }];
    const first = await caller.run.ingest({ sweepId: w.sweep.id, runs });
    expect(first).toEqual({ sweepId: w.sweep.id, inserted: 3, duplicates: 0, insertedRunKeys: ["i-1", "i-2", "i-3"], duplicateRunKeys: [] });
    const changed = runs.map((r) => ({ ...r, metrics: { loss: 9 } }));
    const again = await caller.run.ingest({ sweepId: w.sweep.id, runs: [...changed, runFor("i-4")] });
    expect(again).toEqual({ sweepId: w.sweep.id, inserted: 1, duplicates: 3, insertedRunKeys: ["i-4"], duplicateRunKeys: ["i-1", "i-2", "i-3"] });
    const stored = await db.prisma.run.findMany({ where: { sweepId: w.sweep.id, runKey: { startsWith: "i-" } }, orderBy: { runKey: "asc" } });
    expect(stored.map((r) => [r.runKey, (r.metrics as { loss: number }).loss, r.seed])).toEqual([
      ["i-1", 3.2, null],
      ["i-2", 3.0, null],
      ["i-3", 2.8, 3],
      ["i-4", 3.1, null],
    ]);
  });

  it("run.ingest rejects the whole batch when one row is bad, naming each bad row and writing nothing", async () => {
    const before = await db.prisma.run.count();
    const runs: { runKey: string; scales: Record<string, number>; metrics: Record<string, number> }[] = [
      runFor("b-1"),
      { runKey: "b-2", scales: { N: 1e8 }, metrics: { loss: 3 } },
      runFor("b-3"),
      { ...runFor("b-4"), metrics: { acc: 0.5 } },
      runFor("b-1"),
    ];
    await expect(callerFor(db, w.actors.member).run.ingest({ sweepId: w.sweep.id, runs })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message:
        '3 bad rows, nothing was written: row 2: scales.D: missing (sweep "N×D grid" has axes N, D); row 4: metrics.loss: missing (the sweep\'s metric); row 5: runKey: "b-1" repeats row 1 of this batch',
    });
    expect(await db.prisma.run.count()).toBe(before);
  });

  it("run.ingest reports schema problems with the row and the field", async () => {
    const runs = [runFor("s-1"), { ...runFor("s-2"), scales: { N: -1, D: 1e9 } }];
    await expect(callerFor(db, w.actors.member).run.ingest({ sweepId: w.sweep.id, runs })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "1 bad row, nothing was written: row 2: scales.N: scale values must be positive (they are read on a log axis)",
    });
  });

  it("run.import reads CSV, JSON, JSONL and a W&B export into the same runs", async () => {
    const caller = callerFor(db, w.actors.member);
    const methodology = await caller.methodology.create({ teamId: w.teamA.id, name: unique("imports") });
    const sweepIds: string[] = [];
    for (const format of ["csv", "json", "jsonl", "wandb"] as const) {
      const sweep = await caller.sweep.create({ methodologyId: methodology.id, name: format, axes: ["N", "D"], metric: "loss", direction: "lower" });
      sweepIds.push(sweep.id);
    }
    const files = {
      csv: "runKey,N,D,loss,acc,seed\nr1,1e8,2e9,3.1,0.41,1\nr2,2e8,4e9,2.9,,2\n\n",
      json: JSON.stringify({ runs: [{ runKey: "r1", scales: { N: 1e8, D: 2e9 }, metrics: { loss: 3.1, acc: 0.41 }, seed: 1 }, { runKey: "r2", scales: { N: 2e8, D: 4e9 }, metrics: { loss: 2.9 }, seed: 2 }] }),
      jsonl: '{"runKey":"r1","scales":{"N":1e8,"D":2e9},"metrics":{"loss":3.1,"acc":0.41},"seed":1}\n\n{"runKey":"r2","scales":{"N":2e8,"D":4e9},"metrics":{"loss":2.9},"seed":2}\n',
      wandb: [
        '"Name","ID","State","Notes","User","Tags","Created","Runtime","Sweep","config.N","config.D","config.lr","summary.loss","summary.acc","summary._step","summary.note"',
        '"r1-name","r1","finished","","ada","","2026-11-20T10:00:00.000Z","3600","","100000000","2000000000","0.001","3.1","0.41","100","ok"',
        '"r2-name","r2","finished","","ada","","2026-11-20T11:00:00.000Z","3600","","200000000","4000000000","0.001","2.9","","100","ok"',
        '"r3-name","r3","crashed","","ada","","2026-11-20T12:00:00.000Z","60","","400000000","8000000000","0.001","","","3",""',
      ].join("\n"),
    };
    for (const [i, format] of (["csv", "json", "jsonl", "wandb"] as const).entries()) {
      const result = await caller.run.import({ sweepId: sweepIds[i]!, format, content: files[format] });
      expect(result).toMatchObject({ inserted: 2, duplicates: 0, rows: 2, insertedRunKeys: ["r1", "r2"] });
      expect(result.skipped).toEqual(format === "wandb" ? [{ row: 4, reason: 'W&B run state is "crashed", not finished' }] : []);
      const stored = await db.prisma.run.findMany({ where: { sweepId: sweepIds[i]! }, orderBy: { runKey: "asc" } });
      const expected = [
        { runKey: "r1", scales: { N: 1e8, D: 2e9 }, metrics: { loss: 3.1, acc: 0.41 }, seed: format === "wandb" ? null : 1 },
        { runKey: "r2", scales: { N: 2e8, D: 4e9 }, metrics: { loss: 2.9 }, seed: format === "wandb" ? null : 2 },
      ];
      expect(stored.map(({ runKey, scales, metrics, seed }) => ({ runKey, scales, metrics, seed }))).toEqual(expected);
      const again = await caller.run.import({ sweepId: sweepIds[i]!, format, content: files[format] });
      expect(again).toMatchObject({ inserted: 0, duplicates: 2 });
    }
  });

  it("run.import reads an unprefixed W&B export: axes by name or mapping, other numeric columns as metrics", async () => {
    const caller = callerFor(db, w.actors.member);
    const content = ["Name,State,Runtime,params,tokens,loss,_runtime,Tags", "alpha,finished,10,1e8,2e9,3.1,10,x", "beta,finished,10,2e8,4e9,2.9,10,y"].join("\n");
    const result = await caller.run.import({ sweepId: w.sweep.id, format: "wandb", content, mapping: { N: "params", D: "tokens" } });
    expect(result).toMatchObject({ inserted: 2, insertedRunKeys: ["alpha", "beta"] });
    const alpha = await db.prisma.run.findUniqueOrThrow({ where: { sweepId_runKey: { sweepId: w.sweep.id, runKey: "alpha" } } });
    expect(alpha).toMatchObject({ scales: { N: 1e8, D: 2e9 }, metrics: { loss: 3.1 } });
  });

  it.each([
    ["csv", "runKey,N,D,loss\nok,1e8,2e9,3\nbad,abc,2e9,3\nneg,1e8,-5,3\n", "2 bad rows, nothing was written: row 3: column N: \"abc\" is not a number; row 4: scales.D: scale values must be positive (they are read on a log axis)"],
    ["csv", "name,N,D,loss\nx,1,2,3\n", "no run key column: expected runKey, run_key, key, id or run; columns are name, N, D, loss"],
    ["csv", "runKey,N,loss\nx,1,3\n", 'no column for axis "D"; columns are runKey, N, loss; name it with mapping {"D": "<column>"}'],
    ["jsonl", '{"runKey":"a","scales":{"N":1,"D":2},"metrics":{"loss":3}}\n{oops\n', "1 bad row, nothing was written: row 2: not valid JSON"],
    ["json", '{"rows": []}', 'JSON content must be an array of runs or an object {"runs": [...]}'],
    ["json", '[{"runKey":"a","scales":{"N":1,"D":2},"metrics":{"loss":3},"sede":1}]', '1 bad row, nothing was written: row 1: unknown field(s) "sede"'],
    ["csv", "runKey,N,D,loss\n", "the file holds no runs"],
  ] as const)("run.import rejects a bad %s file with a message naming the problem (%#)", async (format, content, message) => {
    const before = await db.prisma.run.count();
    await expect(callerFor(db, w.actors.member).run.import({ sweepId: w.sweep.id, format, content })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining(message),
    });
    expect(await db.prisma.run.count()).toBe(before);
  });

  it.each([
    ["methodology.create for a team that does not exist", (c: ReturnType<typeof callerFor>) => c.methodology.create({ teamId: "no-such-team", name: "x" }), "NOT_FOUND", "team no-such-team does not exist"],
    ["sweep.create for a methodology that does not exist", (c: ReturnType<typeof callerFor>) => c.sweep.create({ methodologyId: "no-such-methodology", name: "x", axes: ["D"], metric: "loss", direction: "lower" }), "NOT_FOUND", "methodology no-such-methodology does not exist"],
    ["token.revoke of a token that does not exist", (c: ReturnType<typeof callerFor>) => c.token.revoke({ tokenId: "no-such-token" }), "NOT_FOUND", "API token no-such-token does not exist"],
    ["run.ingest into a sweep that does not exist", (c: ReturnType<typeof callerFor>) => c.run.ingest({ sweepId: "no-such-sweep", runs: [runFor("x")] }), "NOT_FOUND", "sweep no-such-sweep does not exist"],
    ["team.get of a slug nobody has", (c: ReturnType<typeof callerFor>) => c.team.get({ slug: "no-such-team" }), "NOT_FOUND", 'no team with slug "no-such-team"'],
    ["sweep.create with the same axis twice", (c: ReturnType<typeof callerFor>) => c.sweep.create({ methodologyId: "m", name: "x", axes: ["D", "D"], metric: "loss", direction: "lower" }), "BAD_REQUEST", "axes: axes must be different"],
    ["sweep.create with five axes", (c: ReturnType<typeof callerFor>) => c.sweep.create({ methodologyId: "m", name: "x", axes: ["N", "M", "D", "U", "C"], metric: "loss", direction: "lower" }), "BAD_REQUEST", "axes: a sweep has at most four scale axes (N, M, D and U)"],
    ["sweep.create with three axes, one not a named scale", (c: ReturnType<typeof callerFor>) => c.sweep.create({ methodologyId: "m", name: "x", axes: ["N", "D", "C"], metric: "loss", direction: "lower" }), "BAD_REQUEST", "axes: a sweep of 3 axes takes them from N, M, D and U; C is not one of them"],
    ["sweep.create with unique tokens U but no D", (c: ReturnType<typeof callerFor>) => c.sweep.create({ methodologyId: "m", name: "x", axes: ["N", "U"], metric: "loss", direction: "lower" }), "BAD_REQUEST", "axes: unique tokens U need the axis D (the tokens trained on, U of them distinct)"],
    ["team.create with a bad slug", (c: ReturnType<typeof callerFor>) => c.team.create({ slug: "Bad Slug", name: "x" }), "BAD_REQUEST", "slug: slug must be 2–48 lowercase letters, digits or dashes, starting with a letter or digit"],
    ["member.add with a bad role", (c: ReturnType<typeof callerFor>) => c.member.add({ teamId: "t", email: "a@example.com", role: "admin" as never }), "BAD_REQUEST", "role: role must be owner or member"],
  ] as const)("%s answers %s: %s", async (_label, call, code, message) => {
    const c = callerFor(db, w.actors.owner);
    await expect(call(c)).rejects.toMatchObject({ code, message });
  });

  it("run.import names a mapped column that does not exist", async () => {
    const caller = callerFor(db, w.actors.member);
    await expect(caller.run.import({ sweepId: w.sweep.id, format: "csv", content: "runKey,N,D,loss\nx,1,2,3\n", mapping: { N: "params" } })).rejects.toMatchObject({
      message: 'column "params" (from mapping.N) does not exist; columns are runKey, N, D, loss; name it with mapping {"N": "<column>"}',
    });
    await expect(caller.run.import({ sweepId: w.sweep.id, format: "csv", content: "runKey,N,D,loss\nx,1,2,3\n", mapping: { loss: "val_loss" } })).rejects.toMatchObject({
      message: 'column "val_loss" (from mapping.loss) does not exist; columns are runKey, N, D, loss',
    });
  });
});
