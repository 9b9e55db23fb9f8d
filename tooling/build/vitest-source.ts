// For the vitest configs: tests load workspace packages from their TypeScript source (the "source" export
// condition, listed first in each package's exports) rather than from their build, so they need no build.
// Vitest runs test files in Vite's server (SSR) environment; its default conditions follow ours.
export const resolveFromSource = { ssr: { resolve: { conditions: ["source", "module", "node", "development|production"] } } };
