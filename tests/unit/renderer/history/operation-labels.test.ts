import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TokenEvent } from '../../../../shared/api/model';
import { describeEvent } from '../../../../renderer/components/history/describe-event';
import { translator } from '../../../../renderer/components/history/ui-language';
import { createI18n } from '../../../../renderer/i18n/create-i18n';
import { keyFor, operationKey } from '../../../../renderer/i18n/lookup-label-keys';
import { explanationText } from '../../../../renderer/tokens/explanation-text';
import { buildEvent } from './builders';

/** The detail fields that name an operation: the platform's action, the D1 card operation, the agent's operation. */
const OPERATION_FIELDS = ['action', 'cardOperation', 'operation'] as const;

/** The string values a field's schema allows: an enum's options or a literal's values, optional or not. */
const valuesOf = (schema: z.ZodType): string[] => {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return valuesOf(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodEnum) return (schema.options as unknown[]).map(String);
  if (schema instanceof z.ZodLiteral) return [...schema.values].map(String);
  throw new Error(`an operation field of an unexpected kind: ${schema.constructor.name}`);
};

/** Read from the event schema itself, so a code added there later is checked here too. */
const codesInEvents = (): string[] => {
  const codes = new Set<string>();
  for (const option of TokenEvent.options) {
    const detail = option.shape.detail as z.ZodObject;
    for (const field of OPERATION_FIELDS) {
      const schema = detail.shape[field] as z.ZodType | undefined;
      if (schema !== undefined) for (const code of valuesOf(schema)) codes.add(code);
    }
  }
  return [...codes].sort();
};

const codes = codesInEvents();
/** The code as a word of its own, whatever its case: "suspend" in a sentence, not "suspension". */
const asWord = (code: string): RegExp => new RegExp(`(^|[^A-Za-z_])${code}($|[^A-Za-z_])`, 'i');

it('reads every operation code the typed events carry', () => {
  expect(codes).toEqual(expect.arrayContaining(['ACTIVATE', 'SUSPEND', 'RESUME', 'DELETE', 'DELETE_FROM_APP', 'DIGITIZE', 'activate', 'suspend', 'resume', 'delete']));
});

describe.each(['ja', 'en'] as const)('operation labels in %s', (language) => {
  const i18n = createI18n(language);
  const t = translator(i18n.t);

  it.each(codes)('%s has a label of its own', (code) => {
    const key = keyFor(operationKey, code);
    expect(key).toBeDefined();
    const text = i18n.t(key ?? '');
    expect(text.trim()).not.toBe('');
    expect(text).not.toBe(key);
    expect(text).not.toMatch(asWord(code));
  });

  it.each(['activate', 'suspend', 'resume', 'delete'] as const)("an agent's %s is worded, never shown as its code", (operation) => {
    const sentence = describeEvent(
      buildEvent({ kind: 'AGENT_ACTION', actor: { source: 'ISSUER', agentId: 'agent.sato' }, detail: { operation, operationId: 'OP00001T000001', status: 'ACCEPTED' } }),
      t,
      language,
    );
    expect(sentence).toContain(i18n.t(operationKey[operation]));
    expect(sentence).not.toMatch(asWord(operation));
  });

  it.each(['ACTIVATE', 'SUSPEND', 'RESUME', 'DELETE', 'DELETE_FROM_APP'] as const)('a failed, duplicate or late %s is worded', (action) => {
    for (const event of [
      buildEvent({ kind: 'OPERATION_FAILED', detail: { action, errorCode: '221' } }),
      buildEvent({ kind: 'CALLBACK_DUPLICATE', detail: { action, duplicateOf: 'EV00001T000000' } }),
      buildEvent({ kind: 'CALLBACK_LATE', detail: { action, rule: 'TOKEN_DELETED', stateAtArrival: 'DELETED' } }),
    ]) {
      const sentence = describeEvent(event, t, language);
      expect(sentence, event.kind).toContain(i18n.t(operationKey[action]));
      expect(sentence, event.kind).not.toMatch(asWord(action));
    }
  });

  it('a repeated card operation and a duplicate of the agent\'s operation are worded', () => {
    const digitize = describeEvent(buildEvent({ kind: 'CALLBACK_DUPLICATE', detail: { cardOperation: 'DIGITIZE', duplicateOf: 'EV00001T000000' } }), t, language);
    expect(digitize).toContain(i18n.t(operationKey.DIGITIZE));
    const agents = describeEvent(buildEvent({ kind: 'CALLBACK_DUPLICATE', detail: { operation: 'resume', duplicateOf: 'EV00001T000000' } }), t, language);
    expect(agents).toContain(i18n.t(operationKey.resume));
    expect(agents).not.toMatch(asWord('resume'));
  });

  it("the token's explanation words an agent's operation the same way", () => {
    const text = explanationText([{ key: 'notifications.callbacks.explain.failed', at: '2026-11-20T05:02:00.000Z', operation: 'suspend' }], i18n.t, language, 'Asia/Tokyo');
    expect(text).toContain(i18n.t(operationKey.suspend));
    expect(text).not.toMatch(asWord('suspend'));
  });
});
