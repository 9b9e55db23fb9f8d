import { defineConfig } from "vitest/config";
import { resolveFromSource } from "../../tooling/build/vitest-source.ts";

export default defineConfig({
  ...resolveFromSource,
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["../db/src/testing/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
