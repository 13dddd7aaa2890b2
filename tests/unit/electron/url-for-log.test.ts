import { describe, expect, it } from 'vitest';
import { fileForLog, originForLog } from '../../../electron/main/url-for-log';

describe('URLs for the log', () => {
  it.each([
    ['https://a.example/p?q=1#f', 'https://a.example'],
    ['app://token-desk/assets/x.js?v=1', 'app://token-desk'],
    ['https://user:pw@a.example:8443/', 'https://a.example:8443'],
    ['data:text/html,secret', 'data:'],
    ['javascript:alert(1)', 'javascript:'],
    ['file:///etc/passwd', 'file:'],
    ['::', '(unparseable)'],
  ])('keeps only where %s pointed', (url, expected) => {
    expect(originForLog(url)).toBe(expected);
  });

  it('keeps the path of a script, not its query', () => {
    expect(fileForLog('app://token-desk/assets/app.js?v=secret#x')).toBe('app://token-desk/assets/app.js');
    expect(fileForLog('data:text/javascript,secret')).toBe('data:');
    expect(fileForLog('')).toBe('(unparseable)');
  });
});
