import type { NotificationChannel, TemplateContent } from '../api/notifications';
import { asciiDigits, cardNumberRuns, maskCardNumbers } from './card-number-runs';

/**
 * Cardholder notification templates (docs/domain.md, "Cardholder notifications"): how they are
 * written, checked and rendered. The backend checks on save and renders what it sends, core checks
 * before it sends a save, the editor checks and previews as the administrator types: all with this
 * one module.
 *
 * The syntax, as the platform writes it:
 * - a placeholder is its name in double braces, exactly: `{{wallet}}` (not `{{ wallet }}`);
 * - an optional placeholder (`{{reason}}`, `{{deviceName}}`, `{{cardProductName}}`) stands only
 *   inside an optional sentence, the sentence wrapped in its own double braces with a space inside:
 *   `{{ 削除の理由は {{reason}}. }}`. The sentence is rendered only when every optional placeholder
 *   in it has a value; otherwise all of it is left out, with the space it leaves;
 * - any other brace is a mistake, reported rather than sent to a cardholder.
 *
 * The customer-service number is checked twice, by decision: the setting must be configured,
 * because the platform sends no notification without it, and every body must print
 * `{{customerServiceNumber}}` outside optional sentences, because a cardholder told about a card
 * they did not add to a wallet must be able to call the issuer: that call is how a fraudulent
 * digitization is found.
 */

export const PLACEHOLDERS = ['fpanLastDigits', 'wallet', 'deviceName', 'reason', 'customerServiceNumber', 'cardProductName'] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];

/** The values the wallet, the platform or the configuration may not provide. */
export const OPTIONAL_PLACEHOLDERS: readonly PlaceholderName[] = ['deviceName', 'reason', 'cardProductName'];

const isPlaceholderName = (name: string): name is PlaceholderName => (PLACEHOLDERS as readonly string[]).includes(name);
export const isOptionalPlaceholder = (name: PlaceholderName): boolean => OPTIONAL_PLACEHOLDERS.includes(name);

export const TEMPLATE_PROBLEM_CODES = [
  /** `{{name}}` that is not one of the six placeholders. */
  'UNKNOWN_PLACEHOLDER',
  /** A known placeholder written with spaces inside its braces: `{{ wallet }}`. */
  'PLACEHOLDER_NOT_EXACT',
  /** `{{reason}}`, `{{deviceName}}` or `{{cardProductName}}` outside an optional sentence. */
  'OPTIONAL_OUTSIDE_SENTENCE',
  /** An optional sentence with no optional placeholder in it: it would always show. */
  'SENTENCE_WITHOUT_OPTIONAL',
  /** An optional sentence inside another. */
  'NESTED_SENTENCE',
  /** `{{ ` that no `}}` closes. */
  'UNCLOSED_SENTENCE',
  /** `}}` that closes nothing. */
  'UNMATCHED_CLOSE',
  /** A single `{` or `}`. */
  'STRAY_BRACE',
  /** 13 or more digits in a row (spaces and dashes allowed), counting the four of `{{fpanLastDigits}}`. */
  'CARD_NUMBER',
  /** The body never prints `{{customerServiceNumber}}` (outside an optional sentence). */
  'CUSTOMER_SERVICE_NUMBER_MISSING',
  /** The customer-service number is not configured: the platform sends no notification without it. */
  'CUSTOMER_SERVICE_NUMBER_NOT_SET',
  'BODY_REQUIRED',
  /** An e-mail without a subject. */
  'SUBJECT_REQUIRED',
  /** An SMS with a subject. */
  'SUBJECT_NOT_ALLOWED',
  /** A subject on more than one line (a line break in a mail header is refused, not folded). */
  'SUBJECT_MULTILINE',
  /** Rendering only: a value the notification cannot go without is missing. */
  'VALUE_MISSING',
] as const;
export type TemplateProblemCode = (typeof TEMPLATE_PROBLEM_CODES)[number];

export type TemplateField = 'subject' | 'body' | 'settings.customerServiceNumber' | `values.${PlaceholderName}`;

/** One thing wrong with a template, where it is, for a message at that place in the editor. */
export interface TemplateProblem {
  readonly code: TemplateProblemCode;
  readonly field: TemplateField;
  /** UTF-16 offsets into the field's text (a textarea's selection); null when the whole field is at fault. */
  readonly start: number | null;
  readonly end: number | null;
  /** The placeholder concerned, as written (names only: templates hold no cardholder data). */
  readonly placeholder?: string;
  /** The placeholder that was probably meant, for UNKNOWN_PLACEHOLDER and PLACEHOLDER_NOT_EXACT. */
  readonly suggestion?: PlaceholderName;
}

// ---------------------------------------------------------------------------------------------
// Parsing

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'placeholder'; readonly name: PlaceholderName };

type Segment = Part | { readonly kind: 'sentence'; readonly parts: readonly Part[] };

interface Parsed {
  readonly segments: Segment[];
  readonly problems: TemplateProblem[];
}

const EXACT_PLACEHOLDER = /\{\{([A-Za-z][A-Za-z0-9_]*)\}\}/y;
const SPACED_PLACEHOLDER = /\{\{\s+([A-Za-z][A-Za-z0-9_]*)\s*\}\}|\{\{([A-Za-z][A-Za-z0-9_]*)\s+\}\}/y;

/** The placeholder probably meant by a name that is not one: the same letters in another case, or one letter off. */
const suggestionFor = (name: string): PlaceholderName | undefined => {
  const lower = name.toLowerCase();
  const sameLetters = PLACEHOLDERS.find((known) => known.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  return PLACEHOLDERS.find((known) => editDistanceAtMostOne(known.toLowerCase(), lower));
};

const editDistanceAtMostOne = (a: string, b: string): boolean => {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i += 1;
      j += 1;
      continue;
    }
    edits += 1;
    if (edits > 1) return false;
    if (a.length > b.length) i += 1;
    else if (b.length > a.length) j += 1;
    else {
      i += 1;
      j += 1;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
};

const withSuggestion = (problem: TemplateProblem, suggestion: PlaceholderName | undefined): TemplateProblem =>
  suggestion ? { ...problem, suggestion } : problem;

/**
 * Reads one field into text, placeholders and optional sentences, noting every problem on the way
 * instead of stopping at the first, so the editor can mark all of them at once.
 */
const parseField = (source: string, field: 'subject' | 'body'): Parsed => {
  const segments: Segment[] = [];
  const problems: TemplateProblem[] = [];
  let sentence: { start: number; parts: Part[]; hasOptional: boolean } | null = null;
  let text = '';

  const flushText = (): void => {
    if (text === '') return;
    (sentence ? sentence.parts : segments).push({ kind: 'text', text });
    text = '';
  };
  const at = (start: number, end: number, code: TemplateProblemCode): TemplateProblem => ({ code, field, start, end });

  let index = 0;
  while (index < source.length) {
    if (source.startsWith('{{', index)) {
      EXACT_PLACEHOLDER.lastIndex = index;
      const exact = EXACT_PLACEHOLDER.exec(source);
      if (exact) {
        const name = exact[1] ?? '';
        const end = index + exact[0].length;
        if (!isPlaceholderName(name)) {
          problems.push(withSuggestion({ ...at(index, end, 'UNKNOWN_PLACEHOLDER'), placeholder: name }, suggestionFor(name)));
        } else {
          flushText();
          if (isOptionalPlaceholder(name) && !sentence) {
            problems.push({ ...at(index, end, 'OPTIONAL_OUTSIDE_SENTENCE'), placeholder: name });
          }
          if (sentence && isOptionalPlaceholder(name)) sentence.hasOptional = true;
          (sentence ? sentence.parts : segments).push({ kind: 'placeholder', name });
        }
        index = end;
        continue;
      }
      SPACED_PLACEHOLDER.lastIndex = index;
      const spaced = SPACED_PLACEHOLDER.exec(source);
      if (spaced) {
        const name = spaced[1] ?? spaced[2] ?? '';
        const end = index + spaced[0].length;
        const known = isPlaceholderName(name) ? name : suggestionFor(name);
        problems.push(
          withSuggestion({ ...at(index, end, known === name ? 'PLACEHOLDER_NOT_EXACT' : 'UNKNOWN_PLACEHOLDER'), placeholder: name }, known),
        );
        index = end;
        continue;
      }
      // Any other `{{` opens an optional sentence.
      if (sentence) {
        problems.push(at(index, index + 2, 'NESTED_SENTENCE'));
      } else {
        flushText();
        sentence = { start: index, parts: [], hasOptional: false };
      }
      index += 2;
      continue;
    }
    if (source.startsWith('}}', index)) {
      if (sentence) {
        flushText();
        if (!sentence.hasOptional) problems.push(at(sentence.start, index + 2, 'SENTENCE_WITHOUT_OPTIONAL'));
        segments.push({ kind: 'sentence', parts: sentence.parts });
        sentence = null;
      } else {
        problems.push(at(index, index + 2, 'UNMATCHED_CLOSE'));
      }
      index += 2;
      continue;
    }
    const char = source[index] ?? '';
    if (char === '{' || char === '}') {
      problems.push(at(index, index + 1, 'STRAY_BRACE'));
    } else {
      text += char;
    }
    index += 1;
  }
  flushText();
  if (sentence) {
    problems.push(at(sentence.start, sentence.start + 2, 'UNCLOSED_SENTENCE'));
    // Read on as if the brace were not there, so one mistake is reported once, not again as a
    // missing customer-service number that sits in the unclosed sentence.
    segments.push(...sentence.parts);
  }

  // `{{fpanLastDigits}}` prints four digits: nine typed beside it make a card number too.
  for (const run of cardNumberRuns(source, [{ text: '{{fpanLastDigits}}', digits: 4 }])) {
    problems.push(at(run.start, run.end, 'CARD_NUMBER'));
  }
  return { segments, problems };
};

// ---------------------------------------------------------------------------------------------
// Validation

export interface TemplateToCheck extends TemplateContent {
  readonly channel: NotificationChannel;
}

export interface TemplateSettings {
  readonly customerServiceNumber: string | null;
}

const blank = (value: string | null): boolean => value === null || value.trim() === '';

const printsCustomerServiceNumber = (segments: readonly Segment[]): boolean =>
  segments.some((segment) => segment.kind === 'placeholder' && segment.name === 'customerServiceNumber');

/**
 * Every problem with a template, in the order they appear (subject first). Empty means it may be
 * saved. `settings` is the issuer's notification settings the template will be sent with.
 */
export const validateTemplate = (template: TemplateToCheck, settings: TemplateSettings): TemplateProblem[] => {
  const problems: TemplateProblem[] = [];
  const whole = (field: TemplateField, code: TemplateProblemCode): TemplateProblem => ({ code, field, start: null, end: null });

  if (template.channel === 'EMAIL') {
    if (blank(template.subject)) problems.push(whole('subject', 'SUBJECT_REQUIRED'));
  } else if (template.subject !== null && template.subject !== '') {
    problems.push(whole('subject', 'SUBJECT_NOT_ALLOWED'));
  }
  if (template.subject !== null && template.subject !== '') {
    const lineBreak = template.subject.search(/[\r\n\u2028\u2029]/);
    if (lineBreak >= 0) problems.push({ code: 'SUBJECT_MULTILINE', field: 'subject', start: lineBreak, end: lineBreak + 1 });
    problems.push(...parseField(template.subject, 'subject').problems);
  }

  if (blank(template.body)) {
    problems.push(whole('body', 'BODY_REQUIRED'));
  } else {
    const body = parseField(template.body, 'body');
    problems.push(...body.problems);
    if (!printsCustomerServiceNumber(body.segments)) problems.push(whole('body', 'CUSTOMER_SERVICE_NUMBER_MISSING'));
  }

  if (blank(settings.customerServiceNumber)) problems.push(whole('settings.customerServiceNumber', 'CUSTOMER_SERVICE_NUMBER_NOT_SET'));
  return problems;
};

// ---------------------------------------------------------------------------------------------
// Wire form: TypedError `fields` and the backend's ApiError `field` carry paths, not values.

const FIELD_PATTERN = /^(subject|body|settings\.customerServiceNumber|values\.[A-Za-z]+):([A-Z_]+)(?::(\d+)-(\d+))?$/;

/** `body:UNKNOWN_PLACEHOLDER:12-24`: one problem as a field path a typed error may carry (no value in it). */
export const problemField = (problem: TemplateProblem): string =>
  `${problem.field}:${problem.code}${problem.start !== null && problem.end !== null ? `:${String(problem.start)}-${String(problem.end)}` : ''}`;

/** The problem a field path names, or null for a path that is not one (a plain `body`, say). */
export const problemFromField = (path: string): TemplateProblem | null => {
  const match = FIELD_PATTERN.exec(path);
  if (!match) return null;
  const [, field = '', code = '', start, end] = match;
  if (!(TEMPLATE_PROBLEM_CODES as readonly string[]).includes(code)) return null;
  if (field.startsWith('values.') && !isPlaceholderName(field.slice('values.'.length))) return null;
  return {
    code: code as TemplateProblemCode,
    field: field as TemplateField,
    start: start === undefined ? null : Number(start),
    end: end === undefined ? null : Number(end),
  };
};

// ---------------------------------------------------------------------------------------------
// Rendering

/** What is known about the event the notification is for. Missing optional values drop their sentence. */
export interface NotificationValues {
  readonly fpanLastDigits: string;
  readonly wallet: string;
  readonly customerServiceNumber: string;
  readonly deviceName?: string | null;
  readonly reason?: string | null;
  readonly cardProductName?: string | null;
}

export type RenderResult =
  | {
      readonly ok: true;
      readonly subject: string | null;
      readonly body: string;
      /** A card number was found in a value (or formed by values meeting) and masked to its last four. */
      readonly masked: boolean;
    }
  | { readonly ok: false; readonly problems: TemplateProblem[] };

/** Longest value printed; a wallet's device name or a reason is a few words, never a paragraph. */
const MAX_VALUE_LENGTH = 100;
const CONTROL = /[\p{Cc}\u2028\u2029]+/gu;

/** A value fit for one line of a message: no control characters or line breaks, trimmed, bounded. */
const cleanValue = (value: string): string => {
  const oneLine = value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(oneLine);
  return chars.length > MAX_VALUE_LENGTH ? `${chars.slice(0, MAX_VALUE_LENGTH - 1).join('')}…` : oneLine;
};

/** Each value as it will be printed, card numbers masked; null for a value that is missing. */
const printableValues = (values: NotificationValues): { printed: Record<PlaceholderName, string | null>; masked: boolean } => {
  let masked = false;
  const printed = {} as Record<PlaceholderName, string | null>;
  for (const name of PLACEHOLDERS) {
    const raw = values[name];
    if (raw === undefined || raw === null) {
      printed[name] = null;
      continue;
    }
    if (name === 'fpanLastDigits') {
      // Last digits only, whatever was passed: a full PAN given here prints as its last four.
      const digits = asciiDigits(raw);
      masked ||= digits.length > 4;
      printed[name] = digits === '' ? null : digits.slice(-4);
      continue;
    }
    const cleaned = maskCardNumbers(cleanValue(raw));
    masked ||= cleaned.masked;
    printed[name] = cleaned.text === '' ? null : cleaned.text;
  }
  return { printed, masked };
};

const TRAILING_SPACE = /[ \t\u3000]+$/;
const LEADING_SPACE = /^[ \t\u3000]+/;
/** Punctuation that sits against the word before it: "Pay." and "端末。", never "Pay ." */
const CLOSING_PUNCTUATION = /^[\p{Po}\p{Pe}\p{Pf}]/u;

/**
 * Joins the segments, leaving out each optional sentence that lacks a value together with the
 * space it stood in: the spaces around the gap become one space, or none before punctuation, at a
 * line's start or end, or where the text had none (Japanese).
 */
const renderSegments = (segments: readonly Segment[], printed: Record<PlaceholderName, string | null>): string => {
  const print = (part: Part): string => (part.kind === 'text' ? part.text : (printed[part.name] ?? ''));
  let out = '';
  // After a dropped sentence: whether it left a gap to close, and whether the text had a space there.
  let inGap = false;
  let gapHadSpace = false;
  const append = (piece: string): void => {
    if (!inGap) {
      out += piece;
      return;
    }
    const rest = piece.replace(LEADING_SPACE, '');
    gapHadSpace ||= rest.length !== piece.length;
    if (rest === '') return;
    const lineStart = out === '' || out.endsWith('\n');
    if (gapHadSpace && !lineStart && !rest.startsWith('\n') && !CLOSING_PUNCTUATION.test(rest)) out += ' ';
    out += rest;
    inGap = false;
    gapHadSpace = false;
  };
  for (const segment of segments) {
    if (segment.kind !== 'sentence') {
      append(print(segment));
      continue;
    }
    const complete = segment.parts.every((part) => part.kind === 'text' || printed[part.name] !== null);
    if (complete) {
      append(segment.parts.map(print).join('').trim());
      continue;
    }
    const trimmed = out.replace(TRAILING_SPACE, '');
    gapHadSpace ||= trimmed.length !== out.length;
    inGap = true;
    out = trimmed;
  }
  return out;
};

/**
 * Renders a template for one cardholder. Refuses (with the problems) a template that is not valid
 * or values the message cannot go without; never prints a full card number: values that look like
 * one are masked to their last four, and so is any run that forms where values meet the text.
 */
export const renderTemplate = (template: TemplateToCheck, values: NotificationValues): RenderResult => {
  const problems = validateTemplate(template, { customerServiceNumber: values.customerServiceNumber });
  const { printed, masked: maskedValues } = printableValues(values);
  for (const name of PLACEHOLDERS) {
    if (!isOptionalPlaceholder(name) && printed[name] === null) {
      problems.push({ code: 'VALUE_MISSING', field: `values.${name}`, start: null, end: null, placeholder: name });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const renderField = (source: string, field: 'subject' | 'body'): { text: string; masked: boolean } =>
    maskCardNumbers(renderSegments(parseField(source, field).segments, printed));
  const body = renderField(template.body, 'body');
  const subject = template.subject === null || template.subject === '' ? null : renderField(template.subject, 'subject');
  return {
    ok: true,
    subject: subject?.text ?? null,
    body: body.text,
    masked: maskedValues || body.masked || (subject?.masked ?? false),
  };
};
