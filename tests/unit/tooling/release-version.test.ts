// Which release is newer: the policy refuses anything not newer than the running version.
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../../electron/core/updates/release-version';
import { inAppUpdatesSupported } from '../../../electron/main/adapters/electron-update-feed';

describe('compareVersions', () => {
  it.each([
    ['0.2.0', '0.1.0', 1],
    ['0.1.0', '0.2.0', -1],
    ['1.0.0', '0.99.99', 1],
    ['0.10.0', '0.9.0', 1],
    ['0.1.0', '0.1.0', 0],
    ['0.2.0-pilot.1', '0.1.0', 1],
    ['0.2.0-pilot.1', '0.2.0', -1],
    ['0.2.0-pilot.2', '0.2.0-pilot.10', -1],
    ['0.2.0-pilot.1', '0.2.0-pilot', 1],
    ['0.2.0+build.7', '0.2.0', 0],
  ])('%s against %s is %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });

  it('answers null for what is not a version, so it is refused rather than guessed', () => {
    expect(compareVersions('latest', '0.1.0')).toBeNull();
    expect(compareVersions('0.2', '0.1.0')).toBeNull();
  });
});

describe('inAppUpdatesSupported', () => {
  it('updates a packaged Windows install and an AppImage, never a deb or a development run', () => {
    expect(inAppUpdatesSupported('win32', {}, true)).toBe(true);
    expect(inAppUpdatesSupported('linux', { APPIMAGE: '/opt/token-desk/token-desk.AppImage' }, true)).toBe(true);
    expect(inAppUpdatesSupported('linux', {}, true)).toBe(false);
    expect(inAppUpdatesSupported('win32', {}, false)).toBe(false);
    expect(inAppUpdatesSupported('darwin', {}, true)).toBe(false);
  });
});
