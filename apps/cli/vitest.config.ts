import { defineConfig } from "vitest/config";
import { resolveFromSource } from "../../tooling/build/vitest-source.ts";

export default defineConfig({
  ...resolveFromSource,
  test: { include: ["src/**/*.test.ts", "test/**/*.test.ts"], testTimeout: 60_000, globalSetup: ["test/global-setup.ts"] },
});
