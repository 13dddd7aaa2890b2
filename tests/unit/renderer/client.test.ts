import { describe, expect, it, vi } from 'vitest';
import { failure, type EventEnvelope, type TypedError } from '../../../shared/contract';
import { createClient } from '../../../renderer/services/client';
import { buildAppInfo, fakeTransport, sequentialIds } from './builders';

describe('createClient', () => {
  it('passes a valid answer through, typed', async () => {
    const info = buildAppInfo();
    const { transport, invocations } = fakeTransport({ 'app.info': () => ({ ok: true, data: info }) });
    const result = await createClient(transport).call('app.info', {});
    expect(result).toEqual({ ok: true, data: info });
    expect(invocations).toEqual([{ name: 'app.info', input: {} }]);
  });

  it('passes a typed failure from main through without reporting it (main logged it)', async () => {
    const onLocalFailure = vi.fn();
    const { transport } = fakeTransport({ 'settings.get': () => failure('INTERNAL', 'main-1') });
    const result = await createClient(transport, { onLocalFailure }).call('settings.get', {});
    expect(result).toEqual(failure('INTERNAL', 'main-1'));
    expect(onLocalFailure).not.toHaveBeenCalled();
  });

  it('turns an answer that breaks the contract into INVALID_OUTPUT with a new correlation id', async () => {
    const onLocalFailure = vi.fn();
    const { transport } = fakeTransport({
      'app.info': () => ({ ok: true, data: { ...buildAppInfo(), mode: 'live', extra: 1 } }),
    });
    const client = createClient(transport, { onLocalFailure, newCorrelationId: sequentialIds() });
    const result = await client.call('app.info', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'INVALID_OUTPUT', messageKey: 'errors.invalidOutput', correlationId: 'local-1' });
    expect(onLocalFailure).toHaveBeenCalledWith('app.info', result.error);
  });

  it('treats a non-envelope, or a failure with a malformed error, as INVALID_OUTPUT', async () => {
    const { transport } = fakeTransport({
      'app.info': () => 'hello',
      'settings.get': () => ({ ok: false, error: { code: 'NOPE', messageKey: 'errors.x', correlationId: 'c' } }),
    });
    const client = createClient(transport);
    expect(await client.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'INVALID_OUTPUT' } });
    expect(await client.call('settings.get', {})).toMatchObject({ ok: false, error: { code: 'INVALID_OUTPUT' } });
  });

  it('uses crypto.randomUUID for correlation ids by default', async () => {
    const { transport } = fakeTransport({ 'app.info': () => null });
    const result = await createClient(transport).call('app.info', {});
    if (result.ok) throw new Error('expected a failure');
    expect(result.error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns a throwing transport into TRANSPORT and reports it, unless the caller aborted', async () => {
    const onLocalFailure = vi.fn();
    const { transport } = fakeTransport({});
    const client = createClient(transport, { onLocalFailure, newCorrelationId: sequentialIds() });
    expect(await client.call('app.info', {})).toEqual(failure('TRANSPORT', 'local-1'));
    expect(onLocalFailure).toHaveBeenCalledTimes(1);

    const controller = new AbortController();
    controller.abort();
    const aborted = fakeTransport({ 'app.info': () => failure('TRANSPORT', 'gone') });
    const quiet = createClient(aborted.transport, { onLocalFailure });
    expect(await quiet.call('app.info', {}, { signal: controller.signal })).toEqual(failure('TRANSPORT', 'gone'));
    expect(onLocalFailure).toHaveBeenCalledTimes(1);
  });

  it('does not report a failure of the reporting call itself', async () => {
    const onLocalFailure = vi.fn();
    const { transport } = fakeTransport({ 'log.rendererError': () => failure('TRANSPORT', 'net') });
    const client = createClient(transport, { onLocalFailure });
    const report = { message: 'x', source: 'react' } as const;
    expect(await client.call('log.rendererError', report)).toEqual(failure('TRANSPORT', 'net'));
    expect(onLocalFailure).not.toHaveBeenCalled();
  });

  it('delivers valid events and drops invalid ones', () => {
    const fake = fakeTransport({});
    const received: EventEnvelope[] = [];
    const unsubscribe = createClient(fake.transport).onEvent((event) => received.push(event));
    fake.emit({ name: 'settings.changed', payload: { language: 'en' } });
    fake.emit({ name: 'settings.changed', payload: { language: 'fr' } });
    fake.emit({ name: 'no.such', payload: {} });
    fake.emit({ name: 'settings.changed', payload: { language: 'ja' }, extra: true });
    fake.emit('garbage');
    expect(received).toEqual([{ name: 'settings.changed', payload: { language: 'en' } }]);
    unsubscribe();
    expect(fake.listenerCount()).toBe(0);
  });

  it('keeps error field paths within the TypedError bounds', async () => {
    const data = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, i]));
    const { transport } = fakeTransport({ 'app.info': () => ({ ok: true, data }) });
    const result = await createClient(transport).call('app.info', {});
    if (result.ok) throw new Error('expected a failure');
    const error: TypedError = result.error;
    expect(error.fields?.length ?? 0).toBeLessThanOrEqual(50);
  });
});
