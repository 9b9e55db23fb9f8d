#!/usr/bin/env node
// Runs the TypeScript sources directly: tsx compiles them on the fly, so no build step is needed. Workspace
// packages resolve to their sources too: the "source" export condition, added to every resolution here.
import { register as registerHooks } from "node:module";
import { register } from "tsx/esm/api";

registerHooks(
  "data:text/javascript,export const resolve = (specifier, context, next) => next(specifier, { ...context, conditions: [...context.conditions, 'source'] });",
);
register();
await import(new URL("../src/main.ts", import.meta.url).href);
