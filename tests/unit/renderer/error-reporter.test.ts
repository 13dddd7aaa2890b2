import { describe, expect, it, vi } from 'vitest';
import { RendererErrorReport } from '../../../shared/contract';
import {
  createErrorReporter,
  installGlobalErrorReporting,
  toRendererErrorReport,
  type ReportSink,
} from '../../../renderer/services/error-reporter';

describe('toRendererErrorReport', () => {
  it('builds a report main accepts, scrubbed of card numbers', () => {
    const error = new Error('lookup failed for 4111 1111 1111 1111');
    const report = toRendererErrorReport({ source: 'react', error, stack: 'in App' });
    expect(RendererErrorReport.safeParse(report).success).toBe(true);
    expect(report.message).toBe('Error: lookup failed for [redacted-pan]');
    expect(report.stack).toContain('in App');
  });

  it('bounds long messages and takes the correlation id from the error when it has one', () => {
    const report = toRendererErrorReport({ source: 'call', error: { correlationId: 'abc-1', detail: 'x'.repeat(5000) } });
    expect(report.message.length).toBe(2000);
    expect(report.correlationId).toBe('abc-1');
    expect(RendererErrorReport.safeParse(report).success).toBe(true);
  });

  it('never sends an empty message', () => {
    expect(toRendererErrorReport({ source: 'window.onerror', error: '' }).message).toBe('unknown error');
  });
});

describe('createErrorReporter', () => {
  it('sends each distinct error once, up to the limit, and swallows a failed delivery', async () => {
    const send = vi.fn<ReportSink>(() => Promise.reject(new Error('main is gone')));
    const reporter = createErrorReporter(send, 2);
    reporter.report({ source: 'react', error: 'a' });
    reporter.report({ source: 'react', error: 'a' });
    reporter.report({ source: 'react', error: 'b' });
    reporter.report({ source: 'react', error: 'c' });
    await Promise.resolve();
    expect(send.mock.calls.map(([report]) => report.message)).toEqual(['a', 'b']);
  });
});

describe('installGlobalErrorReporting', () => {
  it('reports error events and unhandled rejections until uninstalled', () => {
    const target = new EventTarget();
    const report = vi.fn();
    const uninstall = installGlobalErrorReporting(target, { report });
    target.dispatchEvent(Object.assign(new Event('error'), { error: new Error('boom') }));
    target.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: 'nope' }));
    expect(report.mock.calls.map(([input]) => input)).toEqual([
      { source: 'window.onerror', error: new Error('boom') },
      { source: 'unhandledrejection', error: 'nope' },
    ]);
    uninstall();
    target.dispatchEvent(new Event('error'));
    expect(report).toHaveBeenCalledTimes(2);
  });
});
