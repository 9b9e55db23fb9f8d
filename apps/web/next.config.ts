import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ["@scalecast/api", "@scalecast/core", "@scalecast/db", "@scalecast/seed"],
  // Loaded from node_modules at run time: PGlite finds its WASM next to its own files (bundling it would copy
  // ~15 MB into the public static folder), and fs-native-extensions its prebuilt addon for the data-folder lock.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg", "fs-native-extensions", "pg-boss"],
  typedRoutes: false,
  poweredByHeader: false,
};

export default config;
