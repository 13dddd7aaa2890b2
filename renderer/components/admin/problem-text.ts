import type { TFunction } from 'i18next';
import type { Language } from '../../../shared/contract';
import { OPTIONAL_PLACEHOLDERS, type TemplateField, type TemplateProblem } from '../../../shared/domain/notification-template';
import type { MessageKey } from '../../../shared/i18n';
import { formatList } from '../../format/date-time';

/**
 * A template problem in the administrator's words, with where it is. Template syntax goes in as
 * values: written in the catalogue, i18next would take `{{reason}}` for one of its own placeholders.
 */
const PROBLEM_KEY = {
  UNKNOWN_PLACEHOLDER: 'notifications.problems.UNKNOWN_PLACEHOLDER',
  PLACEHOLDER_NOT_EXACT: 'notifications.problems.PLACEHOLDER_NOT_EXACT',
  OPTIONAL_OUTSIDE_SENTENCE: 'notifications.problems.OPTIONAL_OUTSIDE_SENTENCE',
  SENTENCE_WITHOUT_OPTIONAL: 'notifications.problems.SENTENCE_WITHOUT_OPTIONAL',
  NESTED_SENTENCE: 'notifications.problems.NESTED_SENTENCE',
  UNCLOSED_SENTENCE: 'notifications.problems.UNCLOSED_SENTENCE',
  UNMATCHED_CLOSE: 'notifications.problems.UNMATCHED_CLOSE',
  STRAY_BRACE: 'notifications.problems.STRAY_BRACE',
  CARD_NUMBER: 'notifications.problems.CARD_NUMBER',
  CUSTOMER_SERVICE_NUMBER_MISSING: 'notifications.problems.CUSTOMER_SERVICE_NUMBER_MISSING',
  CUSTOMER_SERVICE_NUMBER_NOT_SET: 'notifications.problems.CUSTOMER_SERVICE_NUMBER_NOT_SET',
  BODY_REQUIRED: 'notifications.problems.BODY_REQUIRED',
  SUBJECT_REQUIRED: 'notifications.problems.SUBJECT_REQUIRED',
  SUBJECT_NOT_ALLOWED: 'notifications.problems.SUBJECT_NOT_ALLOWED',
  SUBJECT_MULTILINE: 'notifications.problems.SUBJECT_MULTILINE',
  VALUE_MISSING: 'notifications.problems.VALUE_MISSING',
} as const satisfies Record<TemplateProblem['code'], MessageKey>;

const FIELD_KEY = {
  subject: 'notifications.fields.subject',
  body: 'notifications.fields.body',
  settings: 'notifications.fields.settings',
  values: 'notifications.fields.values',
} as const satisfies Record<string, MessageKey>;

const braced = (name: string): string => `{{${name}}}`;

/** A template's optional sentence, in the language the administrator reads. */
export const optionalSentenceExample = (language: Language): string =>
  language === 'ja' ? '{{ 削除の理由は{{reason}}です。 }}' : '{{ Reason: {{reason}}. }}';

/** The message, without the place. */
export const problemMessage = (problem: TemplateProblem, t: TFunction, language: Language): string => {
  const values = {
    placeholder: braced(problem.placeholder ?? ''),
    suggestion: problem.suggestion !== undefined ? braced(problem.suggestion) : '',
    example: optionalSentenceExample(language),
    optional: formatList(OPTIONAL_PLACEHOLDERS.map(braced), language),
    open: '{{',
    close: '}}',
    fpan: braced('fpanLastDigits'),
    csn: braced('customerServiceNumber'),
  };
  const message = t(PROBLEM_KEY[problem.code], values);
  // "Did you mean …?" after an unknown name; the not-exact message names the right spelling itself.
  return problem.code === 'UNKNOWN_PLACEHOLDER' && problem.suggestion !== undefined
    ? `${message}${language === 'ja' ? '' : ' '}${t('notifications.problems.suggestion', values)}`
    : message;
};

const fieldLabel = (field: TemplateField, t: TFunction): string => {
  if (field === 'subject' || field === 'body') return t(FIELD_KEY[field]);
  return t(field.startsWith('values.') ? FIELD_KEY.values : FIELD_KEY.settings);
};

/** 1-based line and character of a UTF-16 offset, as a person counts them (a surrogate pair is one). */
export const lineAndColumn = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  const last = lines[lines.length - 1] ?? '';
  return { line: lines.length, column: Array.from(last).length + 1 };
};

/** "本文 2行目 14文字目" / "Body, line 2, character 14"; just the field when the whole of it is at fault. */
export const problemPlace = (problem: TemplateProblem, fieldText: string, t: TFunction): string => {
  const field = fieldLabel(problem.field, t);
  if (problem.start === null) return t('notifications.positionWhole', { field });
  const { line, column } = lineAndColumn(fieldText, problem.start);
  return t('notifications.position', { field, line: String(line), column: String(column) });
};
