import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotifyVirtualCardChangeRequest } from '../../../shared/api/callbacks';
import { CARD_NUMBER_IN_TEXT, FreeText } from '../../../shared/api/free-text';
import { operationRequestOf } from '../../../shared/api/operations';
import { SubmitActionInput } from '../../../shared/contract/actions';
import { maskCardNumbers } from '../../../shared/domain/card-number-runs';
import { redactText, redactValue } from '../../../shared/domain/redaction';
import { classifyQuery } from '../../../shared/domain/search-query';
import { SATO } from '../core/actions/support/desk';
import { SEED, checkProperty, innocentText, textWithCardNumber, type HostileText } from './free-text-arbitraries';
import { startFreeTextWorld, type FreeTextWorld } from './free-text-world';
import { longestDigitRun } from '../../support/digit-runs';

/**
 * The free-text rule as a property: a card number written any way the one detector must read
 * (every separator and width, any script's digits, Luhn-valid or not, 13–19 digits) anywhere in
 * random text is refused or removed at every border, and ordinary text with digits in it (phone
 * numbers, dates, times, amounts, correlation ids, 12-digit runs) passes every border untouched.
 * Seeded: a failure names the seed; FREE_TEXT_SEED replays it.
 */

/** Each script's zero the generator and the noise may use; a digit of another script shows as '?'. */
const ZEROS = [0x30, 0xff10, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50];

/** The digits a text shows, each as its ASCII value. */
const digitsShown = (text: string): string =>
  Array.from(text)
    .filter((char) => /\p{Nd}/u.test(char))
    .map((char) => {
      const point = char.codePointAt(0) ?? 0;
      // Mathematical digits: five sets of ten in a row, from bold zero.
      if (point >= 0x1d7ce && point <= 0x1d7ff) return String((point - 0x1d7ce) % 10);
      const zero = ZEROS.find((candidate) => point >= candidate && point < candidate + 10);
      return zero === undefined ? '?' : String(point - zero);
    })
    .join('');

const suspendBody = (comment: string, expectedState: 'ACTIVE' | 'SUSPENDED' = 'ACTIVE') => ({ reasonCode: 'DEVICE_LOST', reason: 'DEVICE LOST', comment, expectedState });
const submitInput = (comment: string, virtualCardId = 'VCWATCH00001') => ({
  actionId: randomUUID(),
  virtualCardId,
  operation: 'suspend',
  reasonCode: 'DEVICE_LOST',
  comment,
  expectedState: 'ACTIVE',
});

describe(`free text: one detector at every border (seed ${SEED})`, () => {
  it('the reader-view oracle itself sees the numbers the generator writes', async () => {
    await checkProperty(
      fc.property(textWithCardNumber, ({ text }: HostileText) => {
        expect(longestDigitRun(text)).toBeGreaterThanOrEqual(13);
      }),
      300,
    );
  });

  it('the shared schema refuses a card number with the one message, at the field, saying where it stands', async () => {
    const comment = FreeText(500);
    const suspend = operationRequestOf('suspend');
    await checkProperty(
      fc.property(textWithCardNumber, ({ text, number }: HostileText) => {
        const issues = comment.safeParse(text).error?.issues ?? [];
        expect(issues.map((issue) => issue.message)).toEqual([CARD_NUMBER_IN_TEXT]);
        const place = issues[0]?.code === 'custom' ? (issues[0].params as { from: number; to: number }) : null;
        if (place === null) throw new Error('no place given');
        // The place covers the number: its digits, in order, lie between from and to.
        expect(digitsShown(Array.from(text).slice(place.from - 1, place.to).join(''))).toContain(number.digits);
        const ipc = SubmitActionInput.safeParse(submitInput(text));
        expect(ipc.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['comment']);
        const api = suspend.safeParse(suspendBody(text));
        expect(api.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['comment']);
      }),
      400,
    );
  });

  it('the shared schema lets ordinary text with digits through', async () => {
    const suspend = operationRequestOf('suspend');
    await checkProperty(
      fc.property(innocentText, (text: string) => {
        expect(FreeText(500).safeParse(text).success).toBe(true);
        expect(SubmitActionInput.safeParse(submitInput(text)).success).toBe(true);
        expect(suspend.safeParse(suspendBody(text)).success).toBe(true);
      }),
      400,
    );
  });

  it("a platform's callback refuses a card number written into an identifier", async () => {
    const callback = (tokenStorageId: string) => ({
      issuerCardRefId: 'CR000001GOLD',
      virtualCardId: 'VCWATCH00001',
      walletProviderId: 'APPLE_PAY',
      tokenStorageId,
      isPrimary: true,
      action: 'SUSPEND',
      source: 'WALLET',
    });
    const printable = textWithCardNumber.map(({ text }) => Array.from(text).filter((char) => /[\x21-\x7e]/.test(char)).join('')).filter((text) => longestDigitRun(text) >= 13 && text.length <= 64);
    await checkProperty(
      fc.property(printable, (id: string) => {
        expect(NotifyVirtualCardChangeRequest.safeParse(callback(id)).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['tokenStorageId']);
      }),
      200,
    );
  });

  it('the log redactor leaves no run of a card number, in text and in any value, and leaves ordinary text as it was', async () => {
    await checkProperty(
      fc.property(textWithCardNumber, innocentText, ({ text, number }: HostileText, innocent: string) => {
        for (const redacted of [redactText(text), JSON.stringify(redactValue({ note: text, nested: [{ deeper: text }] }))]) {
          expect(longestDigitRun(redacted)).toBeLessThan(13);
          expect(digitsShown(redacted)).not.toContain(number.digits);
          expect(redacted).toContain('[redacted-pan]');
        }
        expect(redactText(innocent)).toBe(innocent);
      }),
      400,
    );
  });

  it("the audit journal's mask leaves at most the last four of a card number", async () => {
    await checkProperty(
      fc.property(textWithCardNumber, innocentText, ({ text, number }: HostileText, innocent: string) => {
        const masked = maskCardNumbers(text);
        expect(masked.masked).toBe(true);
        expect(longestDigitRun(masked.text)).toBeLessThan(13);
        expect(digitsShown(masked.text)).not.toContain(number.digits);
        expect(masked.text).toMatch(/\*{4}\p{Nd}{4}/u);
        expect(maskCardNumbers(innocent)).toEqual({ text: innocent, masked: false });
      }),
      300,
    );
  });

  it('the search classifier refuses a card number typed anywhere in a query, and only that', async () => {
    await checkProperty(
      fc.property(textWithCardNumber, innocentText, ({ text }: HostileText, innocent: string) => {
        expect(classifyQuery(text).kind).toBe('FULL_CARD_NUMBER');
        expect(classifyQuery(innocent).kind).not.toBe('FULL_CARD_NUMBER');
      }),
      400,
    );
  });
});

describe(`free text over real HTTP (seed ${SEED})`, () => {
  let world: FreeTextWorld;
  beforeAll(async () => {
    world = await startFreeTextWorld();
  }, 30_000);
  afterAll(async () => {
    await world.close();
  });

  const operate = (body: unknown) => world.post('/api/v1/tokens/VCWATCH00001/operations:suspend', body);

  it('the IPC call refuses a card number in the comment before main does anything, and takes ordinary text', async () => {
    await checkProperty(
      fc.asyncProperty(textWithCardNumber, innocentText, async ({ text }: HostileText, innocent: string) => {
        expect(await world.rpc('actions.submit', submitInput(text))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: ['comment'] } });
        // Ordinary text passes the contract: this one fails later, at a token the backend does not know.
        const unknownToken = await world.rpc('actions.submit', submitInput(innocent, 'VCNOSUCH0001'));
        expect(unknownToken.ok ? null : unknownToken.error.code).toBe('NOT_FOUND');
      }),
      25,
    );
    expect(world.desk.core.actions.list(SATO.agentId).filter((view) => view.virtualCardId === 'VCWATCH00001')).toEqual([]);
  });

  it('the backend route refuses a card number in the comment with a D error naming the field, and takes ordinary text', async () => {
    const before = (await world.backend.script.tokenEvents(world.backend.supervisor, 'VCWATCH00001')).length;
    await checkProperty(
      fc.asyncProperty(textWithCardNumber, innocentText, async ({ text }: HostileText, innocent: string) => {
        const refused = await operate(suspendBody(text));
        expect(refused.status).toBe(400);
        expect(refused.json).toMatchObject({ error: { category: 'D', field: 'comment' } });
        expect(JSON.stringify(refused.json)).not.toContain(text);
        // Ordinary text passes the schema: this one is refused only because the token is not suspended.
        const conflict = await operate(suspendBody(innocent, 'SUSPENDED'));
        expect(conflict.status).toBe(409);
      }),
      25,
    );
    expect(await world.backend.script.tokenEvents(world.backend.supervisor, 'VCWATCH00001')).toHaveLength(before);
  });
});
