import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendError } from '../../../../electron/core/backend/backend-error';
import { templateRefusal } from '../../../../electron/core/services/notification-service';
import { problemFromField } from '../../../../shared/domain/notification-template';
import { startCore, type CoreHarness } from '../session/support/core-harness';

/**
 * notifications.templates and notifications.saveTemplate through the real dispatcher, against the
 * in-process training backend over real HTTP: every role reads, only an administrator saves, and an
 * invalid template is refused by core with the place of each problem before anything is sent.
 */
let h: CoreHarness;
beforeAll(async () => {
  h = await startCore();
}, 30_000);
afterAll(async () => {
  await h.close();
});

const sato = { agentId: 'agent.sato', password: 'Training-Sato-2026' };
const tanaka = { agentId: 'admin.tanaka', password: 'Training-Tanaka-2026' };
const key = { event: 'TOKEN_DELETED', channel: 'SMS', language: 'en' } as const;

const saveCalls = (): number =>
  h.logLines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((record) => record.msg === 'backend call' && record.endpoint === 'saveNotificationTemplate').length;

describe('as an agent', () => {
  beforeAll(async () => {
    await h.ok('session.signIn', sato);
  });
  afterAll(async () => {
    await h.ok('session.signOut');
  });

  it('reads every template and the settings they are sent with', async () => {
    const { templates, settings } = await h.ok('notifications.templates');
    expect(templates).toHaveLength(24);
    expect(settings.customerServiceNumber).not.toBeNull();
  });

  it('may not save one: refused in core, nothing sent', async () => {
    const before = saveCalls();
    const error = await h.fail('notifications.saveTemplate', { key, content: { subject: null, body: 'Removed. Call {{customerServiceNumber}}.' } });
    expect(error.code).toBe('FORBIDDEN_ROLE');
    expect(saveCalls()).toBe(before);
  });
});

describe('as an administrator', () => {
  beforeAll(async () => {
    await h.ok('session.signIn', tanaka);
  });
  afterAll(async () => {
    await h.ok('session.signOut');
  });

  it('saves a valid template, which is then what everyone reads', async () => {
    const body = 'Your card ending {{fpanLastDigits}} left {{wallet}}. {{ Reason: {{reason}}. }} Call {{customerServiceNumber}}.';
    const saved = await h.ok('notifications.saveTemplate', { key, content: { subject: null, body } });
    expect(saved).toMatchObject({ ...key, body, subject: null, updatedBy: 'admin.tanaka' });
    const { templates } = await h.ok('notifications.templates');
    expect(templates.find((template) => template.event === key.event && template.channel === key.channel && template.language === key.language)?.body).toBe(body);
  });

  it('refuses an invalid template with each problem and its place, before anything is sent', async () => {
    const before = saveCalls();
    const body = `Card {{fpanLast4}} removed {{reason}}. Ref ${['4111', '1111', '1111', '1111'].join(' ')}.`;
    const error = await h.fail('notifications.saveTemplate', { key, content: { subject: null, body } });
    expect(error.code).toBe('TEMPLATE_INVALID');
    const problems = (error.fields ?? []).map(problemFromField);
    expect(problems.map((problem) => problem?.code)).toEqual(['UNKNOWN_PLACEHOLDER', 'OPTIONAL_OUTSIDE_SENTENCE', 'CARD_NUMBER', 'CUSTOMER_SERVICE_NUMBER_MISSING']);
    expect(problems[0]).toMatchObject({ field: 'body', start: 5, end: 18 });
    // Paths only: the refusal never carries the text that was refused.
    expect(JSON.stringify(error)).not.toContain('1111');
    expect(saveCalls()).toBe(before);
  });

  it('refuses an e-mail without a subject', async () => {
    const error = await h.fail('notifications.saveTemplate', {
      key: { ...key, channel: 'EMAIL' },
      content: { subject: null, body: 'Removed. Call {{customerServiceNumber}}.' },
    });
    expect(error).toMatchObject({ code: 'TEMPLATE_INVALID', fields: ['subject:SUBJECT_REQUIRED'] });
  });
});

describe('a refusal from the backend', () => {
  const failure = (field: string | undefined) =>
    new BackendError(
      { kind: 'api', status: 422, code: 'TEMPLATE_INVALID', category: 'D', message: 'refused', ...(field !== undefined ? { field } : {}) },
      { endpoint: 'saveNotificationTemplate', correlationId: 'c-1', attempts: 1 },
    );

  it('is TEMPLATE_INVALID with the problem the backend named, for the editor to mark', () => {
    const error = templateRefusal(failure('body:CARD_NUMBER:10-29'));
    expect(error).toMatchObject({ code: 'TEMPLATE_INVALID', fields: ['body:CARD_NUMBER:10-29'], backend: { code: 'TEMPLATE_INVALID', category: 'D' } });
  });

  it('is left to the general mapping when it names no template problem', () => {
    expect(templateRefusal(failure(undefined))).toBeNull();
    expect(templateRefusal(failure('body'))).toBeNull();
  });
});
