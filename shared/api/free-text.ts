import { z } from 'zod';
import { cardNumberRuns } from '../domain/card-number-runs';

/**
 * The one rule for free text at every border, whoever writes it (an agent's comment, a search, a
 * platform's callback, a report from the renderer): no run of digits a reader would take for a card
 * number, by the one detector in shared/domain/card-number-runs.ts. Such text is refused, never
 * quietly cleaned, so the person who typed it sees where and takes it out, and nothing with a card
 * number is stored, sent or logged. Every schema that carries free text is built with it; the
 * renderer words the refusal with the one message key `freeText.cardNumber`.
 */

/** What every refusal says: what is wrong, never the digits themselves. */
export const CARD_NUMBER_IN_TEXT = 'holds a run of digits like a card number';

/** Where the first card-number run stands, as 1-based character positions (what a person counts). */
export interface CardNumberPlace {
  readonly from: number;
  readonly to: number;
}

const characters = (text: string): number => Array.from(text).length;

export const cardNumberPlace = (text: string): CardNumberPlace | null => {
  const [run] = cardNumberRuns(text);
  if (run === undefined) return null;
  const from = characters(text.slice(0, run.start)) + 1;
  return { from, to: from + characters(text.slice(run.start, run.end)) - 1 };
};

const refuseCardNumber = (value: string, context: z.RefinementCtx): void => {
  const place = cardNumberPlace(value);
  if (place !== null) context.addIssue({ code: 'custom', message: CARD_NUMBER_IN_TEXT, params: { ...place } });
};

/** `schema`, refusing a card number as well. */
export const withoutCardNumber = <S extends z.ZodString>(schema: S): S => schema.superRefine(refuseCardNumber);

/** Free text of at most `max` characters, without a card number. */
export const FreeText = (max: number) => withoutCardNumber(z.string().max(max));
