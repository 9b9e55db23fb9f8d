import type { NextConfig } from "next";

const config: NextConfig = {
  // Our packages are not bundled into the server: it imports @scalecast/api at run time, as compiled to dist/
  // by `turbo build` (see src/server/api.ts). Client components bundle what they import of
  // @scalecast/core and @scalecast/api's browser-safe entries (limits, metric-bounds, transformer).
  // Loaded from node_modules at run time: PGlite finds its WASM next to its own files (bundling it would copy
  // ~15 MB into the public static folder), and fs-native-extensions its prebuilt addon for the data-folder lock.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg", "fs-native-extensions", "pg-boss"],
  typedRoutes: false,
  poweredByHeader: false,
};

export default config;
