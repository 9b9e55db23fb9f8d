#!/usr/bin/env node
// Runs the bundle dist/scalecast.mjs (scripts/bundle.mjs). When it is missing or older than its sources (a fresh
// clone, an edit, a branch switch) it is rebuilt first, which takes well under a second, so `npx scalecast`
// always runs the current sources without a build step.
import { BUNDLE_PATH, bundleIsCurrent } from "../scripts/bundle-state.mjs";

if (!bundleIsCurrent()) await (await import("../scripts/bundle.mjs")).buildBundle();
await import(BUNDLE_PATH);
