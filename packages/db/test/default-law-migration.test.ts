import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedMigrations } from "../src/generated/migrations";
import { migrate, openDatabase, type Database } from "../src";

/**
 * The default-law migration on a database that already has sweeps: an explicit law other than the old
 * column default stays pinned; "power-law" (indistinguishable from no choice) and seeded synthetic sweeps
 * are left to model selection.
 */
describe("migration 20261203061000_default_law on existing sweeps", () => {
  const dir = mkdtempSync(join(tmpdir(), "scalecast-migration-"));
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ kind: "pglite", dataDir: join(dir, "data") });
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("pins explicit non-default laws of real sweeps and unpins the rest", async () => {
    const at = embeddedMigrations.findIndex((m) => m.name === "20261203061000_default_law");
    expect(at).toBeGreaterThan(0);
    await migrate(db.sql, embeddedMigrations.slice(0, at));
    await db.sql.exec(`
      INSERT INTO "Team" ("id", "slug", "name") VALUES ('t', 't', 'T');
      INSERT INTO "Methodology" ("id", "teamId", "name") VALUES ('m', 't', 'M');
      INSERT INTO "Sweep" ("id", "methodologyId", "name", "axes", "metric", "defaultModel", "synthetic", "updatedAt") VALUES
        ('a', 'm', 'explicit', ARRAY['D'], 'loss', 'bnsl', false, now()),
        ('b', 'm', 'column default', ARRAY['D'], 'loss', 'power-law', false, now()),
        ('c', 'm', 'seeded demo', ARRAY['N', 'D'], 'loss', 'kaplan', true, now());`);
    expect(await migrate(db.sql)).toContain("20261203061000_default_law");
    const rows = await db.sql.query<{ id: string; pinnedModel: string | null }>(`SELECT "id", "pinnedModel" FROM "Sweep" ORDER BY "id"`);
    expect(rows).toEqual([
      { id: "a", pinnedModel: "bnsl" },
      { id: "b", pinnedModel: null },
      { id: "c", pinnedModel: null },
    ]);
  });
});
