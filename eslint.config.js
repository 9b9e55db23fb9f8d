// One lint configuration for the monorepo. Besides the TypeScript rules it enforces the dependency
// arrows: web/cli → api → core, db (and the seed generator → core, db). core imports nothing of ours.
import tseslint from "typescript-eslint";

const workspace = (...names) => names.map((name) => ({ group: [`@scalecast/${name}`, `@scalecast/${name}/*`], message: `this package must not import @scalecast/${name} (dependency arrows: web/cli → api → core, db)` }));

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/.next/**", "**/generated/**", "**/dist/**", "**/next-env.d.ts"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: ["packages/core/src/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [...workspace("db", "api", "seed", "web", "cli"), { group: ["node:*", "fs", "path", "child_process"], message: "core is pure: no I/O" }] }],
      "no-restricted-properties": ["error", { object: "Math", property: "random", message: "use createRandom(seed): core is deterministic" }, { object: "Date", property: "now", message: "core is deterministic: no clock" }],
    },
  },
  { files: ["packages/db/src/**"], rules: { "no-restricted-imports": ["error", { patterns: workspace("core", "api", "seed", "web", "cli") }] } },
  { files: ["packages/api/src/**"], rules: { "no-restricted-imports": ["error", { patterns: workspace("web", "cli") }] } },
  { files: ["apps/web/src/**", "apps/cli/src/**"], rules: { "no-restricted-imports": ["error", { patterns: workspace("db", "seed") }] } },
);
