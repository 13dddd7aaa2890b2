import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationTemplate, NotificationTemplates } from '../../../shared/api/notifications';
import { TokenActionPolicy } from '../../../shared/api/policy';
import { problemFromField, validateTemplate } from '../../../shared/domain/notification-template';
import { errorOf, startHarness, type Harness } from './harness';

/**
 * The notification templates and settings over real HTTP: every role reads them, the
 * training defaults are valid by the shared validator, only an administrator saves, and an
 * invalid template or setting is a 422 naming the problem with nothing saved.
 */
let h: Harness;
let agent: Record<string, string>;
let admin: Record<string, string>;

beforeAll(async () => {
  h = await startHarness();
  agent = await h.agentHeaders('agent.sato');
  admin = await h.agentHeaders('admin.tanaka');
});

afterAll(async () => {
  await h.close();
});

const read = async (headers: Record<string, string> = agent): Promise<NotificationTemplates> => {
  const response = await h.get('/api/v1/notification-templates', headers);
  expect(response.status).toBe(200);
  return NotificationTemplates.parse(await response.json());
};

const save = (path: string, body: unknown, headers: Record<string, string> = admin): Promise<Response> =>
  h.post(`/api/v1/notification-templates/${path}`, body, headers);

/** A full card number, built at run time (never a literal in the tree). */
const fullNumber = (): string => ['4111', '1111', '1111', '1111'].join('');

describe('GET /api/v1/notification-templates', () => {
  it('serves every event, SMS and e-mail, in Japanese and English, all valid, with the training settings', async () => {
    for (const headers of [agent, await h.agentHeaders('supervisor.suzuki'), admin]) {
      const { templates, settings } = await read(headers);
      expect(templates).toHaveLength(6 * 2 * 2);
      expect(settings).toEqual({ customerServiceNumber: '0120-000-123', issuerSendsOwnOtp: false, reminderAfterHours: 24 });
      for (const template of templates) {
        expect(validateTemplate(template, settings), `${template.event}/${template.channel}/${template.language}`).toEqual([]);
        expect(template.channel === 'EMAIL' ? template.subject : null).toBe(template.subject);
      }
    }
  });
});

describe('POST /api/v1/notification-templates/{event}/{channel}/{language}', () => {
  it('saves a valid template for an administrator, dated and signed, and serves it', async () => {
    const body = 'Card ending {{fpanLastDigits}} was removed from {{wallet}}. {{ Reason: {{reason}}. }} Questions: {{customerServiceNumber}}.';
    const response = await save('TOKEN_DELETED/SMS/en', { subject: null, body });
    expect(response.status, await response.clone().text()).toBe(200);
    const saved = NotificationTemplate.parse(await response.json());
    expect(saved).toMatchObject({ event: 'TOKEN_DELETED', channel: 'SMS', language: 'en', subject: null, body, updatedBy: 'admin.tanaka' });
    expect((await read()).templates.find((t) => t.event === 'TOKEN_DELETED' && t.channel === 'SMS' && t.language === 'en')?.body).toBe(body);
  });

  it.each([
    { why: 'an unknown placeholder', content: { subject: null, body: 'Hello {{cardNumber}}, call {{customerServiceNumber}}.' }, code: 'UNKNOWN_PLACEHOLDER' },
    { why: 'an optional placeholder outside an optional sentence', content: { subject: null, body: 'Removed because {{reason}}. Call {{customerServiceNumber}}.' }, code: 'OPTIONAL_OUTSIDE_SENTENCE' },
    { why: 'no customer-service number', content: { subject: null, body: 'Card ending {{fpanLastDigits}} removed.' }, code: 'CUSTOMER_SERVICE_NUMBER_MISSING' },
    { why: 'a full card number', content: { subject: null, body: `Card ${fullNumber()} removed. Call {{customerServiceNumber}}.` }, code: 'CARD_NUMBER' },
    { why: 'an e-mail without a subject', content: { subject: null, body: 'Call {{customerServiceNumber}}.' }, code: 'SUBJECT_REQUIRED', path: 'TOKEN_DELETED/EMAIL/ja' },
  ])('refuses $why with 422 TEMPLATE_INVALID naming the problem, saving nothing', async ({ content, code, path }) => {
    const before = await read();
    const response = await save(path ?? 'TOKEN_DELETED/SMS/ja', content);
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code: 'TEMPLATE_INVALID', category: 'D' });
    expect(problemFromField(error.field ?? '')?.code).toBe(code);
    expect(error.message).not.toContain(fullNumber());
    expect(await read()).toEqual(before);
  });

  it('is for administrators only: an agent or a supervisor gets FORBIDDEN_ROLE', async () => {
    for (const headers of [agent, await h.agentHeaders('supervisor.suzuki')]) {
      const response = await save('TOKEN_DELETED/SMS/ja', { subject: null, body: 'Call {{customerServiceNumber}}.' }, headers);
      expect(response.status).toBe(403);
      expect((await errorOf(response)).code).toBe('FORBIDDEN_ROLE');
    }
  });
});

describe('POST /api/v1/notification-settings', () => {
  it('saves the settings for an administrator; issuerSendsOwnOtp turns the policy’s platform notifications off', async () => {
    const response = await h.post('/api/v1/notification-settings', { customerServiceNumber: '03-1234-5678', issuerSendsOwnOtp: true, reminderAfterHours: 48 }, admin);
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await read()).settings).toEqual({ customerServiceNumber: '03-1234-5678', issuerSendsOwnOtp: true, reminderAfterHours: 48 });
    const policy = TokenActionPolicy.parse(await (await h.get('/api/v1/policies/token-actions', agent)).json());
    expect(policy.platformNotifications).toBe(false);

    const back = await h.post('/api/v1/notification-settings', { customerServiceNumber: '0120-000-123', issuerSendsOwnOtp: false, reminderAfterHours: 24 }, admin);
    expect(back.status).toBe(200);
    expect(TokenActionPolicy.parse(await (await h.get('/api/v1/policies/token-actions', agent)).json()).platformNotifications).toBe(true);
  });

  it('refuses a missing customer-service number or a bad reminder time, naming the field, saving nothing', async () => {
    const before = (await read()).settings;
    const missing = await h.post('/api/v1/notification-settings', { customerServiceNumber: null, issuerSendsOwnOtp: false, reminderAfterHours: 24 }, admin);
    expect(missing.status).toBe(422);
    expect(problemFromField((await errorOf(missing)).field ?? '')?.code).toBe('CUSTOMER_SERVICE_NUMBER_NOT_SET');
    const zero = await h.post('/api/v1/notification-settings', { customerServiceNumber: '0120-000-123', issuerSendsOwnOtp: false, reminderAfterHours: 0 }, admin);
    expect(zero.status).toBe(400);
    expect((await errorOf(zero)).field).toBe('reminderAfterHours');
    expect((await h.post('/api/v1/notification-settings', before, agent)).status).toBe(403);
    expect((await read()).settings).toEqual(before);
  });
});
