import { describe, expect, it } from 'vitest';
import { isTrustedSender, senderOrigin, type InvokeEventLike } from '../../../electron/main/ipc/trusted-sender';
import { frameEvent } from './helpers/fake-ipc-main';

describe('isTrustedSender', () => {
  it.each(['app://token-desk/', 'app://token-desk/index.html', 'app://token-desk/#/tokens?q=1'])(
    'trusts the top frame of the console at %s',
    (url) => {
      expect(isTrustedSender(frameEvent(url))).toBe(true);
    },
  );

  it.each([
    ['a foreign https origin', 'https://evil.com/'],
    ['file://', 'file:///C:/Users/agent/Downloads/evil.html'],
    ['another host under app:', 'app://other-host/'],
    ['a look-alike host', 'app://token-desk.evil.com/'],
    ['a port on the app host', 'app://token-desk:444/'],
    ['credentials on the app host', 'app://evil@token-desk/'],
    ['http on the app host name', 'http://token-desk/'],
    ['about:blank', 'about:blank'],
    ['data:', 'data:text/html,<script></script>'],
    ['an empty URL', ''],
    ['devtools', 'devtools://devtools/bundled/inspector.html'],
  ])('refuses %s', (_label, url) => {
    expect(isTrustedSender(frameEvent(url))).toBe(false);
  });

  it('refuses a sub-frame, even of the console origin', () => {
    const top = { url: 'app://token-desk/', parent: null };
    expect(isTrustedSender(frameEvent('app://token-desk/', top))).toBe(false);
  });

  it('refuses an event without a frame (navigated away or destroyed)', () => {
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
  });

  it('refuses a frame that throws when read, as a disposed frame does', () => {
    const disposed: InvokeEventLike = {
      senderFrame: {
        get url(): string {
          throw new Error('Render frame was disposed before WebFrameMain could be accessed');
        },
        parent: null,
      },
    };
    expect(isTrustedSender(disposed)).toBe(false);
    expect(senderOrigin(disposed)).toBe('(unreadable)');
  });
});

describe('senderOrigin', () => {
  it('names the origin only', () => {
    expect(senderOrigin(frameEvent('https://evil.com/path?secret=1'))).toBe('https://evil.com');
    expect(senderOrigin(frameEvent('file:///etc/passwd'))).toBe('file:');
    expect(senderOrigin(frameEvent('app://other-host/x?y=1'))).toBe('app://other-host');
    expect(senderOrigin({ senderFrame: null })).toBe('(no frame)');
  });
});
