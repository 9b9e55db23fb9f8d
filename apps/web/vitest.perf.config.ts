import { defineConfig } from "vitest/config";
import { resolveFromSource } from "../../tooling/build/vitest-source.ts";

/** `npm run bench`: the dashboard's and the served API's speed measurements (printed, not asserted). */
export default defineConfig({
  ...resolveFromSource,
  test: {
    include: ["test/**/*.bench-test.ts"],
    globalSetup: ["../../packages/db/src/testing/global-setup.ts"],
    testTimeout: 900_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
