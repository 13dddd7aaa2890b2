import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotifyVirtualCardChangeRequest } from '../../../shared/api/callbacks';
import type { TokenEvent, TokenEventOf } from '../../../shared/api/token-event';
import { TrainingClock } from '../../../shared/api/training';
import { knownFixtures } from '../../../sandbox/index';
import { directDeletesPolicy } from '../../support/direct-deletes';
import { errorOf, startHarness, type Harness } from './harness';
import { eventually } from './sse-client';

/**
 * The notifications the sandbox sends for the platform, over real HTTP: rendered from
 * the issuer's template in the cardholder's language, kept with channel, template, language and a
 * masked destination, shown in the token's timeline; none when the issuer sends its own OTP; and
 * exactly one step-up reminder on the training clock.
 */
let h: Harness;
let agent: Record<string, string>;
let admin: Record<string, string>;
const { yellowPath, foreignResident, lifecycle, bulkCard } = knownFixtures;

beforeAll(async () => {
  h = await startHarness({ actionPolicy: directDeletesPolicy(), tspConfirmDelayMs: 30, reminderCheckMs: 0 });
  agent = await h.agentHeaders();
  admin = await h.agentHeaders('admin.tanaka');
});

afterAll(async () => {
  await h.close();
});

const store = () => h.sandbox.store;

type NotificationSent = TokenEventOf<'NOTIFICATION_SENT'>;
const notifications = (virtualCardId: string): NotificationSent[] =>
  store()
    .storedEvents(virtualCardId)
    .filter((event: TokenEvent): event is NotificationSent => event.kind === 'NOTIFICATION_SENT');

const notify = async (body: NotifyVirtualCardChangeRequest, correlationId: string): Promise<Response> =>
  h.post('/tsh/v1/notifyVirtualCardChange', body, await h.platformHeaders({ 'x-correlation-id': correlationId }));

const deleteBody = (virtualCardId: string, source: 'WALLET' | 'TSP' = 'TSP'): NotifyVirtualCardChangeRequest => {
  const token = store().tokens.get(virtualCardId);
  if (!token) throw new Error(`no token ${virtualCardId}`);
  return { issuerCardRefId: token.issuerCardRefId, virtualCardId, walletProviderId: token.tokenRequestor.walletProviderId, tokenStorageId: token.device.tokenStorageId, isPrimary: token.isPrimary, action: 'DELETE', source };
};

const advance = async (hours: number): Promise<TrainingClock> => {
  const response = await h.post('/training/v1/clock', { hours }, await h.platformHeaders());
  expect(response.status, await response.clone().text()).toBe(200);
  return TrainingClock.parse(await response.json());
};

/** A full card number, built at run time. */
const fullNumber = (): string => ['4111', '1111', '1111', '1111'].join('');

describe('a notification sent', () => {
  it("after an Option D activation: the template in the cardholder's language, by SMS to the masked number, in the timeline and kept in full", async () => {
    const accepted = await h.post(
      `/api/v1/tokens/${yellowPath.virtualCardId}/operations:activate`,
      { reasonCode: 'CUSTOMER_SERVICE_VERIFIED', reason: 'Verified by agent', expectedState: 'INACTIVE', verifiers: ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'SECURITY_WORD'], callAnswers: { inbound: true, askedToShareCode: false } },
      { ...agent, 'x-correlation-id': 'notify-optd-1' },
    );
    expect(accepted.status).toBe(202);
    const { operationId } = (await accepted.json()) as { operationId: string };
    await eventually(() => notifications(yellowPath.virtualCardId).some((event) => event.correlationId === 'notify-optd-1'), 3000);
    const sent = notifications(yellowPath.virtualCardId).find((event) => event.correlationId === 'notify-optd-1');
    const phone = store().cardholders.get(yellowPath.cardholderId)?.contacts.find((contact) => contact.channel === 'PHONE')?.value ?? '';
    expect(sent?.detail).toMatchObject({ status: 'QUEUED', template: 'ACTIVATION_CONFIRMED', channel: 'SMS', language: 'ja', operationId });
    const destination = String(sent?.detail.destination);
    expect(destination).toMatch(/\*{4}/);
    expect(destination.slice(-4)).toBe(phone.slice(-4));
    expect(destination).not.toBe(phone);
    const text = String(sent?.detail.text);
    expect(text).toContain(`末尾${yellowPath.cardLastFour}`);
    expect(text).toContain('Apple Pay');
    expect(text).toContain('0120-000-123');
    expect(text).toContain('iPhone 15 Pro');
    expect(text).not.toMatch(/\{\{|\}\}/);
    const kept = store().sentNotifications.get(String(sent?.detail.notificationId));
    expect(kept).toMatchObject({ virtualCardId: yellowPath.virtualCardId, eventId: sent?.eventId, template: 'ACTIVATION_CONFIRMED', channel: 'SMS', language: 'ja', destination, subject: null, text });
  });

  it('in English for a cardholder without a Japanese name, after a deletion by the TSP', async () => {
    const token = store().tokensOfCard(foreignResident.issuerCardRefId).find((each) => each.state === 'ACTIVE');
    if (!token) throw new Error('no active token');
    expect((await notify(deleteBody(token.virtualCardId), 'notify-en-1')).status).toBe(200);
    const [sent] = notifications(token.virtualCardId).filter((event) => event.correlationId === 'notify-en-1');
    expect(sent?.detail).toMatchObject({ template: 'TOKEN_DELETED', language: 'en', channel: 'SMS', status: 'QUEUED' });
    expect(String(sent?.detail.text)).toMatch(new RegExp(`^Your card ending ${foreignResident.cardLastFour} was removed from ${token.tokenRequestor.name}\\.`));
    // No reason from the platform: the optional sentence is left out whole.
    expect(String(sent?.detail.text)).not.toMatch(/Reason:/);
  });

  it("after an agent's deletion: the reason worded for the cardholder, never the agent's comment or the token-service text", async () => {
    const accepted = await h.post(
      `/api/v1/tokens/VCLOSTGOLD01/operations:delete`,
      { reasonCode: 'DEVICE_LOST', reason: 'Lost phone on the train', comment: '電車で紛失したとのこと', expectedState: 'ACTIVE' },
      { ...agent, 'x-correlation-id': 'notify-agent-delete-1' },
    );
    expect(accepted.status).toBe(202);
    await eventually(() => notifications('VCLOSTGOLD01').some((event) => event.correlationId === 'notify-agent-delete-1'), 3000);
    const sent = notifications('VCLOSTGOLD01').find((event) => event.correlationId === 'notify-agent-delete-1');
    expect(sent?.detail).toMatchObject({ template: 'TOKEN_DELETED', language: 'ja', status: 'QUEUED' });
    const text = String(sent?.detail.text);
    expect(text).toContain('削除の理由は端末の紛失です。');
    expect(text).not.toContain('Lost phone');
    expect(text).not.toContain('電車');
  });

  it("uses the administrator's saved template from then on", async () => {
    const body = 'TEST {{fpanLastDigits}} removed from {{wallet}}. {{ Device: {{deviceName}}. }} Call {{customerServiceNumber}}.';
    expect((await h.post('/api/v1/notification-templates/TOKEN_DELETED/SMS/ja', { subject: null, body }, admin)).status).toBe(200);
    const id = bulkCard.active[0];
    expect((await notify(deleteBody(id, 'WALLET'), 'notify-edited-1')).status).toBe(200);
    const [sent] = notifications(id).filter((event) => event.correlationId === 'notify-edited-1');
    const device = store().tokens.get(id)?.device.name;
    expect(String(sent?.detail.text)).toBe(`TEST ${store().tokens.get(id)?.fundingLastFour ?? ''} removed from Google Pay. Device: ${device ?? ''}. Call 0120-000-123.`);
  });

  it('never renders a full card number, even one a wallet put in the device name', async () => {
    const response = await h.post(
      '/tsh/v1/requestCardDigitization',
      { issuerCardRefId: bulkCard.issuerCardRefId, virtualCardId: 'VCPANNAMETEST1', walletProviderId: 'GOOGLE_PAY', device: { name: `Pixel ${fullNumber()}`, type: 'PHONE', tokenStorageId: 'HCE-PANNAMETEST' }, isPrimary: true },
      await h.platformHeaders({ 'x-correlation-id': 'enr-pan-name-1' }),
    );
    expect(response.status).toBe(200);
    expect(store().tokens.get('VCPANNAMETEST1')?.device.name).toBe('Pixel ****1111');
    expect((await notify({ ...deleteBody('VCPANNAMETEST1', 'WALLET'), action: 'DELETE_FROM_APP' }, 'enr-pan-name-1')).status).toBe(200);
    const [sent] = notifications('VCPANNAMETEST1');
    expect(sent?.detail.template).toBe('ACTIVATION_DECLINED');
    expect(JSON.stringify(store().toState(new Date()))).not.toContain(fullNumber());
    expect(JSON.stringify(sent)).not.toMatch(/\d{13,19}/);
  });

  it('a platform identifier that looks like a card number is refused by name, nothing stored', async () => {
    const position = store().changes.position;
    const refused = await notify({ ...deleteBody(bulkCard.active[1]), tokenStorageId: `SE-${fullNumber()}` }, 'notify-pan-id-1');
    expect(refused.status).toBe(400);
    expect(await errorOf(refused)).toMatchObject({ category: 'D', field: 'tokenStorageId' });
    expect(store().changes.position).toBe(position);
  });

  it('with no contact on file: nothing sent, and the timeline says there was no channel', async () => {
    expect((await notify(deleteBody(lifecycle.operationFailed), 'notify-nochannel-1')).status).toBe(200);
    const [sent] = notifications(lifecycle.operationFailed).filter((event) => event.correlationId === 'notify-nochannel-1');
    expect(sent?.detail).toMatchObject({ status: 'NO_CHANNEL', channel: null, template: 'TOKEN_DELETED' });
  });

  it('when the issuer sends its own OTP: none sent, and the timeline says so', async () => {
    const settings = { customerServiceNumber: '0120-000-123', issuerSendsOwnOtp: true, reminderAfterHours: 24 };
    expect((await h.post('/api/v1/notification-settings', settings, admin)).status).toBe(200);
    try {
      const count = store().sentNotifications.size;
      const id = bulkCard.suspendedByIssuer;
      expect((await notify(deleteBody(id), 'notify-off-1')).status).toBe(200);
      const [sent] = notifications(id).filter((event) => event.correlationId === 'notify-off-1');
      expect(sent?.detail).toMatchObject({ status: 'OFF', why: 'ISSUER_SENDS_OWN_OTP', template: 'TOKEN_DELETED', channel: null });
      expect(store().sentNotifications.size).toBe(count);
    } finally {
      await h.post('/api/v1/notification-settings', { ...settings, issuerSendsOwnOtp: false }, admin);
    }
  });
});

describe('the step-up reminder on the training clock', () => {
  it('one STEP_UP_REMINDER after the configured 24 hours, never one per check', async () => {
    const decided = await h.post(
      '/tsh/v1/requestCardDigitization',
      { issuerCardRefId: foreignResident.issuerCardRefId, virtualCardId: 'VCREMINDTEST1', walletProviderId: 'APPLE_PAY', device: { name: 'iPhone 16', type: 'PHONE', tokenStorageId: 'SE-REMINDTESTPHN' }, isPrimary: true },
      await h.platformHeaders({ 'x-correlation-id': 'enr-remind-1' }),
    );
    expect(decided.status).toBe(200);
    expect(store().tokens.get('VCREMINDTEST1')?.state).toBe('INACTIVE');
    const reminders = (): NotificationSent[] => notifications('VCREMINDTEST1').filter((event) => event.detail.template === 'STEP_UP_REMINDER');

    const before = TrainingClock.parse(await (await h.get('/training/v1/clock', await h.platformHeaders())).json());
    const afterWait = await advance(23);
    expect(afterWait.aheadByMinutes).toBe(before.aheadByMinutes + 23 * 60);
    expect(Date.parse(afterWait.now) - Date.parse(before.now)).toBe(23 * 3_600_000);
    expect(reminders()).toHaveLength(0);

    await advance(2);
    expect(reminders()).toHaveLength(1);
    const [reminder] = reminders();
    expect(reminder).toMatchObject({ correlationId: 'enr-remind-1', occurredAt: expect.any(String), detail: { status: 'QUEUED', language: 'en', channel: 'SMS' } });
    expect(String(reminder?.detail.text)).toContain('is not active yet');

    await advance(48);
    await advance(1);
    expect(reminders()).toHaveLength(1);
    // The seeded tokens already reminded in their history got no second one either.
    expect(notifications(knownFixtures.yellowPath.virtualCardId).filter((event) => event.detail.template === 'STEP_UP_REMINDER')).toHaveLength(0);
  });

  it('token events follow the training clock; sign-ins and bearer tokens keep the real one', async () => {
    const clock = TrainingClock.parse(await (await h.get('/training/v1/clock', await h.platformHeaders())).json());
    expect(clock.aheadByMinutes).toBeGreaterThan(0);
    const id = bulkCard.recent[0];
    const body = { ...deleteBody(id, 'WALLET'), action: 'SUSPEND' as const };
    expect((await notify(body, 'clock-suspend-1')).status).toBe(200);
    const event = store().storedEvents(id).find((each) => each.correlationId === 'clock-suspend-1');
    expect(event?.occurredAt).toBe(clock.now);
    // The agent's session, signed in before the clock moved, still works.
    expect((await h.get(`/api/v1/tokens/${id}`, agent)).status).toBe(200);
  });

  it('moves only forward, by at least a minute', async () => {
    const zero = await h.post('/training/v1/clock', { hours: 0 }, await h.platformHeaders());
    expect(zero.status).toBe(400);
    expect((await errorOf(zero)).field).toBe('hours');
    const back = await h.post('/training/v1/clock', { hours: -1 }, await h.platformHeaders());
    expect(back.status).toBe(400);
  });
});
