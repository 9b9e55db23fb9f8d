import { defineConfig } from "vitest/config";

/** `npm run bench`: the dashboard speed measurements (printed, not asserted). */
export default defineConfig({
  test: {
    include: ["test/**/*.bench-test.ts"],
    testTimeout: 900_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
