import { describe, expect, it } from 'vitest';
import { EventKind } from '../../../../shared/api/model';
import { describeEvent } from '../../../../renderer/components/history/describe-event';
import { translator } from '../../../../renderer/components/history/ui-language';
import { createI18n } from '../../../../renderer/i18n/create-i18n';
import { kindLabelKey } from '../../../../renderer/i18n/lookup-label-keys';
import { buildEvent } from './builders';

/** Every kind the backend may send has a label and a sentence in both languages, even with the least its detail must carry. */
describe.each(['ja', 'en'] as const)('every event kind in %s', (language) => {
  const i18n = createI18n(language);
  const t = translator(i18n.t);

  it.each(EventKind.options)('%s has a label and a sentence', (kind) => {
    const labelText = i18n.t(kindLabelKey[kind]);
    expect(labelText.trim()).not.toBe('');
    expect(labelText).not.toBe(kindLabelKey[kind]);
    const sentence = describeEvent(buildEvent({ kind }), t, language);
    expect(sentence.trim()).not.toBe('');
    expect(sentence).not.toMatch(/\{\{|\}\}|undefined|(history|notifications)\.[a-z]/);
  });
});
