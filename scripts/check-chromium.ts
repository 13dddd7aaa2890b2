#!/usr/bin/env tsx
// The first step of `npm test`: the browser tests need a Chromium, and a newcomer without one should
// learn it in a second, with the command that installs one, not after typecheck, lint and build.
// Uses the very resolver the Playwright config launches (scripts/lib/find-chromium.ts, which tests/support/chromium.ts re-exports).
import { findChromium } from './lib/find-chromium';

const lookup = findChromium();
if (lookup.found) {
  console.log(`Chromium for the browser tests: ${lookup.path} (${lookup.source})`);
} else {
  console.error(`npm test needs a Chromium for the browser tests: ${lookup.reason}.`);
  console.error(`Install one:  ${lookup.install}`);
  process.exitCode = 1;
}
