import { findChromium } from '../../scripts/lib/find-chromium';

/**
 * The Chromium the e2e tests and the bench both launch, with the same switches, so the bench
 * measures the browser the e2e tests run and a switch changed for one reaches the other. Found by
 * the one resolver `npm test` checks first (scripts/check-chromium.ts).
 */
export { CHROMIUM_ARGS } from '../../scripts/lib/find-chromium';

const lookup = findChromium();

/** The browser to launch; where none is found, the usual Debian path, so a launch fails naming it. */
export const CHROMIUM_PATH = lookup.found ? lookup.path : '/usr/bin/chromium';
