import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../../../shared/api/endpoints';
import { backendScript } from '../../../support/backend-script';
import { startCore, type CoreHarness } from '../session/support/core-harness';
import { eventually, watchServerRequests } from '../support/server-requests';

// Built at run time so that no Luhn-valid card number stands in the source tree.
const TEST_PAN = ['4111', '1111', '1111', '1111'].join('');

/**
 * The agent's reads through the real dispatcher, against the in-process training backend over
 * real HTTP: each call's answer, unknown ids, the session guard, the full card number refused in
 * core, and cancellation that really aborts the backend request.
 */
let h: CoreHarness;
beforeAll(async () => {
  h = await startCore();
}, 30_000);
afterAll(async () => {
  await h.close();
});

const sato = { agentId: 'agent.sato', password: 'Training-Sato-2026' };
/** The fault controls with the platform's own key: they take no workstation's, so not core's client. */
const faults = () => {
  const started = h.training.started[0];
  if (!started) throw new Error('no training backend');
  return backendScript(started.credentials);
};
const backendCalls = (endpoint: string): Array<Record<string, unknown>> =>
  h.logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((record) => record.msg === 'backend call' && record.endpoint === endpoint);

let requestSeq = 0;
const requestId = (): string => `req-${String((requestSeq += 1)).padStart(6, '0')}`;

describe('signed in', () => {
  beforeAll(async () => {
    await h.ok('session.signIn', sato);
  });
  afterAll(async () => {
    await h.ok('session.signOut');
  });
  afterEach(async () => {
    await faults().clearFaults();
  });

  it('searches and says what kind of query it took the text for', async () => {
    const byName = await h.ok('cardholders.search', { q: 'ﾀｶﾊｼ 3056', requestId: requestId() });
    expect(byName.queryKind).toBe('NAME_AND_LAST_FOUR');
    expect(byName.items.map((item) => item.cardholderId)).toEqual(['C0000002']);
    const byToken = await h.ok('cardholders.search', { q: 'VCYELLOW0001', requestId: requestId() });
    expect(byToken).toMatchObject({ queryKind: 'VIRTUAL_CARD_ID', items: [{ cardholderId: 'C0000001' }] });
  });

  it('pages a search by cursor', async () => {
    const first = await h.ok('cardholders.search', { q: '佐藤', requestId: requestId() });
    expect(first.items.length).toBeGreaterThan(0);
    if (first.nextCursor === null) return;
    const second = await h.ok('cardholders.search', { q: '佐藤', cursor: first.nextCursor, requestId: requestId() });
    const ids = new Set(first.items.map((item) => item.cardholderId));
    expect(second.items.some((item) => ids.has(item.cardholderId))).toBe(false);
  });

  it('reads a cardholder, a card’s tokens, a token and its history', async () => {
    const cardholder = await h.ok('cardholders.get', { cardholderId: 'C0000001' });
    expect(cardholder).toMatchObject({ cardholderId: 'C0000001', name: { latin: 'Hanako Sato' } });
    expect(cardholder.cards.map((card) => card.issuerCardRefId)).toContain('CR000001GOLD');

    const tokens = await h.ok('cards.tokens', { issuerCardRefId: 'CR000001GOLD' });
    expect(tokens.items.map((token) => token.virtualCardId)).toEqual(expect.arrayContaining(['VCYELLOW0001', 'VCWATCH00001']));

    expect(await h.ok('tokens.get', { virtualCardId: 'VCYELLOW0001' })).toMatchObject({ virtualCardId: 'VCYELLOW0001', state: 'INACTIVE' });

    const page = await h.ok('tokens.events', { virtualCardId: 'VCHISTORY0001', limit: 50 });
    expect(page.items).toHaveLength(50);
    expect(page.nextCursor).not.toBeNull();
    const next = await h.ok('tokens.events', { virtualCardId: 'VCHISTORY0001', limit: 50, cursor: page.nextCursor ?? undefined });
    // Newest first, and the second page goes on where the first stopped.
    const times = [...page.items, ...next.items].map((event) => event.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set([...page.items, ...next.items].map((event) => event.eventId)).size).toBe(100);
  });

  it('answers NOT_FOUND for an unknown id, with the backend’s code and the call’s correlation id', async () => {
    const correlationId = 'corr-unknown-cardholder';
    const result = await h.call('cardholders.get', { cardholderId: 'C9999999' }, correlationId);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        messageKey: 'errors.notFound',
        correlationId,
        fields: ['cardholderId'],
        backend: { code: '114', category: 'D', field: 'cardholderId' },
      },
    });
    // The correlation id support quotes is the one the backend logged the request under.
    expect(backendCalls('getCardholder').at(-1)).toMatchObject({ correlationId, status: 404 });

    expect(await h.fail('cards.tokens', { issuerCardRefId: 'CR999999NONE' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.fail('tokens.get', { virtualCardId: 'VCNOSUCHTOKEN' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.fail('tokens.events', { virtualCardId: 'VCNOSUCHTOKEN' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('maps a broken backend answer and a failing backend to their own codes', async () => {
    await faults().fault({ match: { method: 'GET', pathPrefix: '/api/v1/tokens/' }, fault: 'schema-break', times: 1 });
    expect(await h.fail('tokens.get', { virtualCardId: 'VCYELLOW0001' })).toMatchObject({ code: 'BACKEND_INVALID_RESPONSE' });
    await faults().fault({ match: { method: 'GET', pathPrefix: '/api/v1/tokens/' }, fault: 'status-503', times: 10 });
    expect(await h.fail('tokens.get', { virtualCardId: 'VCYELLOW0001' })).toMatchObject({ code: 'BACKEND_UNAVAILABLE', backend: { category: 'S' } });
  });

  it('refuses a full card number in core, never sends it, and never logs it', async () => {
    const before = backendCalls('searchCardholders').length;
    for (const pan of [TEST_PAN, TEST_PAN.replace(/(\d{4})(?=\d)/g, '$1 '), TEST_PAN.replace(/(\d{4})(?=\d)/g, '$1-').replace(/\d/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0)), `card ${TEST_PAN} please`]) {
      expect(await h.fail('cardholders.search', { q: pan, requestId: requestId() })).toMatchObject({ code: 'INVALID_INPUT', fields: ['q'] });
    }
    expect(backendCalls('searchCardholders')).toHaveLength(before);
    for (const line of h.logLines) expect(line).not.toMatch(/4111.?1111.?1111.?1111/);
  });

  it('cancels a search in flight: CANCELLED, and the backend sees its connection close', async () => {
    const watch = watchServerRequests(endpoints.searchCardholders.path);
    try {
      await faults().fault({ match: { method: 'GET', pathPrefix: endpoints.searchCardholders.path }, fault: 'delay', delayMs: 10_000, times: 1 });
      const id = requestId();
      const search = h.call('cardholders.search', { q: '佐藤', requestId: id });
      const seen = await eventually(() => {
        const request = watch.last();
        if (!request) throw new Error('the search has not reached the backend yet');
        return request;
      });
      expect(seen.isClosed()).toBe(false);
      expect(await h.ok('calls.cancel', { requestId: id })).toEqual({ cancelled: true });
      expect(await search).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
      await seen.closed;
      // Finished now: a second cancel finds nothing.
      expect(await h.ok('calls.cancel', { requestId: id })).toEqual({ cancelled: false });
    } finally {
      watch.stop();
    }
  });

  it('answers false for an id that finished or never existed, and cleans up after every call', async () => {
    const id = requestId();
    await h.ok('cardholders.search', { q: '高橋', requestId: id });
    expect(await h.ok('calls.cancel', { requestId: id })).toEqual({ cancelled: false });
    expect(await h.ok('calls.cancel', { requestId: 'never-started-0001' })).toEqual({ cancelled: false });
    await h.fail('cardholders.search', { q: TEST_PAN, requestId: requestId() });
  });

  it('lets a window cancel only its own searches, whatever id another window guesses', async () => {
    await faults().fault({ match: { method: 'GET', pathPrefix: endpoints.searchCardholders.path }, fault: 'delay', delayMs: 300, times: 1 });
    const id = requestId();
    const search = h.call('cardholders.search', { q: '佐藤', requestId: id }, undefined, 'window:1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await h.call('calls.cancel', { requestId: id }, undefined, 'window:2')).toEqual({ ok: true, data: { cancelled: false } });
    expect(await search).toMatchObject({ ok: true, data: { queryKind: 'NAME' } });
  });

  it('refuses a request id already in flight for the same window', async () => {
    await faults().fault({ match: { method: 'GET', pathPrefix: endpoints.searchCardholders.path }, fault: 'delay', delayMs: 300, times: 1 });
    const id = requestId();
    const first = h.call('cardholders.search', { q: '佐藤', requestId: id });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await h.fail('cardholders.search', { q: '鈴木', requestId: id })).toMatchObject({ code: 'INVALID_INPUT', fields: ['requestId'] });
    expect((await first).ok).toBe(true);
  });
});

describe('not signed in, or locked', () => {
  const reads = [
    ['cardholders.search', { q: '佐藤', requestId: 'guard-000001' }],
    ['cardholders.get', { cardholderId: 'C0000001' }],
    ['cards.tokens', { issuerCardRefId: 'CR000001GOLD' }],
    ['tokens.get', { virtualCardId: 'VCYELLOW0001' }],
    ['tokens.events', { virtualCardId: 'VCYELLOW0001' }],
  ] as const;

  it('answers SIGNED_OUT before anything reaches the backend', async () => {
    const before = h.logLines.length;
    for (const [name, input] of reads) expect(await h.fail(name, input)).toMatchObject({ code: 'SIGNED_OUT' });
    expect(h.logLines.slice(before).some((line) => line.includes('"backend call"'))).toBe(false);
  });

  it('answers SESSION_LOCKED while the console is locked, and reads again after unlock', async () => {
    await h.ok('session.signIn', sato);
    await h.ok('session.lock');
    for (const [name, input] of reads) expect(await h.fail(name, input)).toMatchObject({ code: 'SESSION_LOCKED' });
    await h.ok('session.unlock', { password: sato.password });
    expect(await h.ok('tokens.get', { virtualCardId: 'VCYELLOW0001' })).toMatchObject({ virtualCardId: 'VCYELLOW0001' });
    await h.ok('session.signOut');
  });

  it('forgets the session when the backend says it has ended, and says SIGNED_OUT', async () => {
    await h.ok('session.signIn', sato);
    const sandbox = h.training.started[0]?.sandbox;
    sandbox?.store.sessions.clear();
    expect(await h.fail('tokens.get', { virtualCardId: 'VCYELLOW0001' })).toMatchObject({ code: 'SIGNED_OUT' });
    expect((await h.ok('session.status')).state).toBe('signedOut');
  });

  it('still answers calls.cancel and live.status, which reveal nothing', async () => {
    expect(await h.ok('calls.cancel', { requestId: 'anything-0001' })).toEqual({ cancelled: false });
    expect(await h.ok('live.status')).toMatchObject({ state: 'idle', attempt: 0, retryAt: null });
  });
});
