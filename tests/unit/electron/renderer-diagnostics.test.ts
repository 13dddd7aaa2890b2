import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../../electron/main/app-menu';
import { logRendererDiagnostics, type ConsoleMessageLike, type DiagnosedWebContents } from '../../../electron/main/renderer-diagnostics';
import { testPan } from './helpers/card-numbers';
import { memoryLogger } from './helpers/memory-logger';

const setup = () => {
  const listeners = new Map<string, (...args: never[]) => void>();
  const contents: DiagnosedWebContents = { on: (event: string, listener: (...args: never[]) => void) => void listeners.set(event, listener) };
  const memory = memoryLogger();
  logRendererDiagnostics(contents, memory.logger);
  const consoleMessage = (details: ConsoleMessageLike) => (listeners.get('console-message') as (d: ConsoleMessageLike) => void)(details);
  const gone = (details: { reason: string; exitCode: number }) =>
    (listeners.get('render-process-gone') as (e: unknown, d: { reason: string; exitCode: number }) => void)({}, details);
  return { memory, consoleMessage, gone };
};

describe('logRendererDiagnostics', () => {
  it('logs a crashed renderer at error level', () => {
    const { memory, gone } = setup();
    gone({ reason: 'crashed', exitCode: 139 });
    expect(memory.records()[0]).toMatchObject({ level: 50, reason: 'crashed', exitCode: 139, msg: 'renderer process gone' });
  });

  it('logs console errors, redacted, with the file but not its query', () => {
    const { memory, consoleMessage } = setup();
    const pan = testPan();
    consoleMessage({ level: 'error', message: `failed for ${pan}`, sourceId: 'app://token-desk/assets/app.js?v=secret', lineNumber: 12 });
    const [record] = memory.records();
    expect(record).toMatchObject({ level: 50, source: 'renderer-console', file: 'app://token-desk/assets/app.js', line: 12 });
    expect(memory.text()).not.toContain(pan);
    expect(memory.text()).not.toContain('v=secret');
  });

  it('ignores console info, debug and warnings', () => {
    const { memory, consoleMessage } = setup();
    for (const level of ['info', 'debug', 'warning']) consoleMessage({ level, message: 'chatter', sourceId: '', lineNumber: 1 });
    expect(memory.records()).toHaveLength(0);
  });
});

describe('buildMenuTemplate', () => {
  it('uses roles only, so Electron labels the menu in the system language', () => {
    const walk = (items: unknown): unknown[] =>
      Array.isArray(items) ? items.flatMap((item: { submenu?: unknown }) => [item, ...walk(item.submenu)]) : [];
    for (const item of walk(buildMenuTemplate({ isDev: false, platform: 'win32' }))) {
      expect(item).not.toHaveProperty('label');
      expect(item).not.toHaveProperty('click');
    }
  });

  it('adds the app menu on macOS only', () => {
    expect(JSON.stringify(buildMenuTemplate({ isDev: false, platform: 'darwin' }))).toContain('appMenu');
    expect(JSON.stringify(buildMenuTemplate({ isDev: false, platform: 'linux' }))).not.toContain('appMenu');
  });
});
