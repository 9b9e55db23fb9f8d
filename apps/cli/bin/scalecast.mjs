#!/usr/bin/env node
// Runs the TypeScript sources directly: tsx compiles them on the fly, so no build step is needed.
import { register } from "tsx/esm/api";

register();
await import(new URL("../src/main.ts", import.meta.url).href);
