import { describe, expect, it } from 'vitest';
import {
  decideDevicePermission,
  decidePermissionCheck,
  decidePermissionRequest,
  decideWindowOpen,
  normaliseAllowlist,
  shouldAllowNavigation,
} from '../../../electron/main/navigation-policy';

const allowlist = ['support.issuer.example', 'Docs.Issuer.Example'];

describe('shouldAllowNavigation', () => {
  it.each(['app://token-desk/other', 'https://support.issuer.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url'])(
    'refuses %s: the console is a single page',
    (url) => {
      expect(shouldAllowNavigation(url)).toBe(false);
    },
  );
});

describe('decideWindowOpen', () => {
  it('opens an allowlisted https link in the system browser, normalised', () => {
    expect(decideWindowOpen('https://support.issuer.example/help?topic=1', allowlist)).toEqual({
      action: 'deny',
      openExternal: 'https://support.issuer.example/help?topic=1',
    });
    expect(decideWindowOpen('HTTPS://SUPPORT.ISSUER.EXAMPLE/a/../b', allowlist).openExternal).toBe('https://support.issuer.example/b');
  });

  it('matches allowlist entries regardless of letter case', () => {
    expect(decideWindowOpen('https://docs.issuer.example/', allowlist).openExternal).toBe('https://docs.issuer.example/');
  });

  it.each([
    ['plain http', 'http://support.issuer.example/'],
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['file:', 'file:///C:/Windows/System32/calc.exe'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['credentials before an allowlisted host', 'https://support.issuer.example@evil.test/'],
    ['an allowlisted host as user name', 'https://evil.test@support.issuer.example/'],
    ['an allowlisted host as a sub-domain', 'https://support.issuer.example.evil.test/'],
    ['a suffix look-alike', 'https://evilsupport.issuer.example/'],
    ['a parent domain', 'https://issuer.example/'],
    ['a non-default port', 'https://support.issuer.example:8443/'],
    ['a trailing-dot host', 'https://support.issuer.example./'],
    ['an unlisted host', 'https://evil.test/'],
    ['the app origin', 'app://token-desk/'],
    ['garbage', 'https://'],
    ['an empty string', ''],
  ])('denies %s without opening anything', (_label, url) => {
    expect(decideWindowOpen(url, allowlist)).toEqual({ action: 'deny', openExternal: null });
  });

  it('opens nothing when the allowlist is empty', () => {
    expect(decideWindowOpen('https://support.issuer.example/', [])).toEqual({ action: 'deny', openExternal: null });
  });
});

describe('normaliseAllowlist', () => {
  it('keeps plain host names, lower-cased, and ignores anything else', () => {
    expect([...normaliseAllowlist(['a.example', 'B.EXAMPLE', 'c.example:443', 'd.example/path', 'u@e.example', '*.f.example', '', 'https://g.example'])]).toEqual([
      'a.example',
      'b.example',
    ]);
  });
});

describe('permission decisions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'unknown'])('denies %s', (permission) => {
    expect(decidePermissionRequest(permission)).toBe(false);
    expect(decidePermissionCheck(permission)).toBe(false);
  });

  it('denies device access', () => {
    expect(decideDevicePermission()).toBe(false);
  });
});
