import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveDatabaseConfig } from "../src";

describe("resolveDatabaseConfig", () => {
  it("uses the embedded database in ./.scalecast/data without DATABASE_URL", () => {
    expect(resolveDatabaseConfig({})).toEqual({ kind: "pglite", dataDir: resolve(".scalecast/data") });
  });

  it("uses SCALECAST_DATA_DIR for the embedded folder", () => {
    expect(resolveDatabaseConfig({ SCALECAST_DATA_DIR: "/tmp/sc" })).toEqual({ kind: "pglite", dataDir: "/tmp/sc" });
  });

  it("reads host, port and database from a PostgreSQL URL", () => {
    expect(resolveDatabaseConfig({ DATABASE_URL: "postgresql://u:p@db.internal:6543/scale" })).toEqual({
      kind: "postgres",
      url: "postgresql://u:p@db.internal:6543/scale",
      host: "db.internal",
      port: 6543,
      database: "scale",
    });
  });

  it.each([
    ["not a url", "DATABASE_URL is not a valid URL; expected postgresql://user:password@host:5432/database"],
    ["mysql://u@h/db", "DATABASE_URL must start with postgresql:// (got mysql://); unset it to use the embedded database"],
    ["postgresql://u@host", "DATABASE_URL must name a host and a database, e.g. postgresql://user:password@host:5432/scalecast"],
  ])("rejects DATABASE_URL=%s with a clear message", (url, message) => {
    expect(() => resolveDatabaseConfig({ DATABASE_URL: url })).toThrow(message);
  });
});
