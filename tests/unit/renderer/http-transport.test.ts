import { afterEach, describe, expect, it, vi } from 'vitest';
import { failure } from '../../../shared/contract';
import { createHttpTransport, type EventSourceLike } from '../../../renderer/transport/http-transport';
import { buildAppInfo, sequentialIds } from './builders';

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createHttpTransport: calls', () => {
  it('POSTs the input as JSON to /rpc/<name> with same-origin credentials and its correlation id', async () => {
    const answer = { ok: true, data: buildAppInfo() };
    const fetchStub = vi.fn<typeof fetch>(async () => json(answer));
    vi.stubGlobal('fetch', fetchStub);
    const transport = createHttpTransport({ newCorrelationId: sequentialIds('http') });
    expect(await transport.invoke('settings.set', { language: 'en' })).toEqual(answer);
    const [url, init] = fetchStub.mock.calls[0] ?? [];
    expect(url).toBe('/rpc/settings.set');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"language":"en"}' });
    expect(new Headers(init?.headers).get('x-correlation-id')).toBe('http-1');
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
  });

  it('resolves a network failure to a TRANSPORT error rather than rejecting', async () => {
    const transport = createHttpTransport({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      newCorrelationId: sequentialIds('http'),
    });
    expect(await transport.invoke('app.info', {})).toEqual(failure('TRANSPORT', 'http-1'));
  });

  it('keeps a typed failure sent with an error status, and treats any other error status as TRANSPORT', async () => {
    const forbidden = failure('FORBIDDEN_SENDER', 'bridge-1');
    const transport = createHttpTransport({
      fetch: vi
        .fn<typeof fetch>()
        .mockResolvedValueOnce(json(forbidden, 403))
        .mockResolvedValueOnce(json({ ok: false, reason: 'open the session URL' }, 401))
        .mockResolvedValueOnce(new Response('<html>', { status: 502 })),
      newCorrelationId: sequentialIds('http'),
    });
    expect(await transport.invoke('app.info', {})).toEqual(forbidden);
    expect(await transport.invoke('app.info', {})).toEqual(failure('TRANSPORT', 'http-2'));
    expect(await transport.invoke('app.info', {})).toEqual(failure('TRANSPORT', 'http-3'));
  });

  it('honours the abort signal', async () => {
    const transport = createHttpTransport({
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
      newCorrelationId: sequentialIds('http'),
    });
    const controller = new AbortController();
    const pending = transport.invoke('app.info', {}, { signal: controller.signal });
    controller.abort();
    expect(await pending).toEqual(failure('TRANSPORT', 'http-1'));

    const fetchStub = vi.fn<typeof fetch>();
    const early = createHttpTransport({ fetch: fetchStub, newCorrelationId: sequentialIds('early') });
    expect(await early.invoke('app.info', {}, { signal: controller.signal })).toEqual(failure('TRANSPORT', 'early-1'));
    expect(fetchStub).not.toHaveBeenCalled();
  });
});

describe('createHttpTransport: events', () => {
  const fakeEventSource = () => {
    const opened: { url: string; source: EventSourceLike & { closed: boolean } }[] = [];
    const open = (url: string) => {
      const source = { onmessage: null, closed: false, close: () => (source.closed = true) } as EventSourceLike & {
        closed: boolean;
      };
      opened.push({ url, source });
      return source;
    };
    const deliver = (data: string) => opened.at(-1)?.source.onmessage?.(new MessageEvent('message', { data }));
    return { opened, open, deliver };
  };

  it('shares one /events stream, parses each message and closes when the last listener leaves', () => {
    const events = fakeEventSource();
    const transport = createHttpTransport({ openEventSource: events.open });
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = transport.subscribe((envelope) => first.push(envelope));
    const stopSecond = transport.subscribe((envelope) => second.push(envelope));
    expect(events.opened.map((each) => each.url)).toEqual(['/events']);

    events.deliver('{"name":"settings.changed","payload":{"language":"en"}}');
    events.deliver('not json');
    expect(first).toEqual([{ name: 'settings.changed', payload: { language: 'en' } }]);
    expect(second).toEqual(first);

    stopFirst();
    expect(events.opened[0]?.source.closed).toBe(false);
    stopSecond();
    expect(events.opened[0]?.source.closed).toBe(true);
  });
});
