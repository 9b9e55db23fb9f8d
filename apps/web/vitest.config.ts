import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { resolveFromSource } from "../../tooling/build/vitest-source.ts";

export default defineConfig({
  ...resolveFromSource,
  // The app's own "~/" imports (tsconfig paths), for tests of its modules.
  resolve: { alias: { "~": fileURLToPath(new URL("./src", import.meta.url)) } },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["../../packages/db/src/testing/global-setup.ts"],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // The tests start the built app as separate servers; running files one at a time keeps the 2-core machine responsive.
    fileParallelism: false,
    // A page's answer to a click can take seconds on a loaded 2-core machine: polls wait up to 20 s (vitest's default is 1 s).
    expect: { poll: { timeout: 20_000 } },
  },
});
