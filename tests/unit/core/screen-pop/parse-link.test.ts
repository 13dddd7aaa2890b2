import { describe, expect, it } from 'vitest';
import { SCREEN_POP_MAX_LENGTH } from '../../../../shared/contract/screen-pop-link';
import { linkFromArgv } from '../../../../electron/core/screen-pop/link-from-argv';
import { maskCallerNumber } from '../../../../electron/core/screen-pop/mask-caller-number';
import { parseScreenPopLink } from '../../../../electron/core/screen-pop/parse-link';
import { testPan } from '../../electron/helpers/card-numbers';

/** Built at run time: the tree holds no Luhn-valid card number. */
const PAN = testPan();

/**
 * The screen-pop link as core reads it: exactly `token-desk://call` with at most ani, customerId
 * and callId, each once and of its form; anything else is refused whole with a typed reason, and a
 * card number anywhere is refused before any other check looks at the link.
 */
describe('a valid link', () => {
  it('carries the caller number (masked), the cardholder to look up and the phone system id', () => {
    expect(parseScreenPopLink('token-desk://call?ani=%2B819012345678&customerId=C0000001&callId=PBX-2026-000123')).toEqual({
      ok: true,
      pop: { telephony: { callId: 'PBX-2026-000123', callerNumber: '+8190****5678' }, prefill: { customerId: 'C0000001' } },
    });
  });

  it.each([
    ['an unencoded + (phone systems put it so; it is the number’s, not a space)', 'token-desk://call?ani=+819012345678', '+8190****5678'],
    ['a domestic number', 'token-desk://call?ani=0312345678', '03****5678'],
    ['a trailing slash after the target, as some launchers add', 'token-desk://call/?ani=09012345678', '090****5678'],
    ['the target in capitals', 'token-desk://CALL?ani=09012345678', '090****5678'],
  ])('reads %s', (_case, link, masked) => {
    expect(parseScreenPopLink(link)).toMatchObject({ ok: true, pop: { telephony: { callerNumber: masked } } });
  });

  it('takes a link with nothing or only some parameters: a withheld number is an empty ani', () => {
    expect(parseScreenPopLink('token-desk://call')).toEqual({ ok: true, pop: { telephony: null, prefill: { customerId: null } } });
    expect(parseScreenPopLink('token-desk://call?ani=&customerId=C0000002')).toEqual({ ok: true, pop: { telephony: null, prefill: { customerId: 'C0000002' } } });
    expect(parseScreenPopLink('token-desk://call?callId=q-1.2:3')).toEqual({ ok: true, pop: { telephony: { callId: 'q-1.2:3', callerNumber: null }, prefill: { customerId: null } } });
  });
});

describe('a hostile or broken link is refused whole, saying why', () => {
  it.each([
    ['a card number as the caller number', `token-desk://call?ani=${PAN}`, 'CARD_NUMBER', undefined],
    ['a card number as the call id', 'token-desk://call?callId=4111-1111-1111-1111', 'CARD_NUMBER', undefined],
    ['a card number in an unknown parameter', `token-desk://call?customerId=C0000001&pan=${PAN}`, 'CARD_NUMBER', undefined],
    ['a card number as a parameter name', `token-desk://call?${PAN}=1`, 'CARD_NUMBER', undefined],
    ['a card number in the path', `token-desk://call/${PAN}`, 'CARD_NUMBER', undefined],
    ['a card number percent-encoded', 'token-desk://call?callId=%34%31%31%31%31%31%31%31%31%31%31%31%31%31%31%31', 'CARD_NUMBER', undefined],
    ['a card number in full-width digits', 'token-desk://call?callId=４１１１１１１１１１１１１１１１', 'CARD_NUMBER', undefined],
    ['a card number split by dots', 'token-desk://call?ani=4111.1111.1111.1111', 'CARD_NUMBER', undefined],
    ['another scheme', 'https://call?customerId=C0000001', 'WRONG_SCHEME', undefined],
    ['a script', 'javascript:alert(1)//token-desk://call', 'WRONG_SCHEME', undefined],
    ['a file', 'file:///etc/passwd', 'WRONG_SCHEME', undefined],
    ['a look-alike scheme', 'token-desk-evil://call', 'WRONG_SCHEME', undefined],
    ['another target', 'token-desk://actions?customerId=C0000001', 'WRONG_TARGET', undefined],
    ['a path after the target', 'token-desk://call/suspend?customerId=C0000001', 'WRONG_TARGET', undefined],
    ['a user and password', 'token-desk://admin:secret@call?customerId=C0000001', 'WRONG_TARGET', undefined],
    ['a port', 'token-desk://call:8080?customerId=C0000001', 'WRONG_TARGET', undefined],
    ['a fragment', 'token-desk://call?customerId=C0000001#suspend', 'FRAGMENT', undefined],
    ['an unknown parameter', 'token-desk://call?customerId=C0000001&action=suspend', 'UNKNOWN_PARAMETER', 'action'],
    ['a parameter that names a token action', 'token-desk://call?operation=delete&virtualCardId=VCYELLOW0001', 'UNKNOWN_PARAMETER', 'operation'],
    ['an unreadable parameter name', 'token-desk://call?%E3%81%82=1', 'UNKNOWN_PARAMETER', '(unreadable)'],
    ['a repeated parameter', 'token-desk://call?customerId=C0000001&customerId=C0000002', 'REPEATED_PARAMETER', 'customerId'],
    ['a customer id of the wrong form', 'token-desk://call?customerId=C1', 'BAD_VALUE', 'customerId'],
    ['a caller number with letters', 'token-desk://call?ani=tel:0312345678', 'BAD_VALUE', 'ani'],
    ['a caller number with a + inside', 'token-desk://call?ani=0312+345678', 'BAD_VALUE', 'ani'],
    // Longer than E.164's fifteen digits is thirteen or more: it reads as a card number first.
    ['a caller number of sixteen digits', 'token-desk://call?ani=0123456789012345', 'CARD_NUMBER', undefined],
    ['a call id with markup', 'token-desk://call?callId=<script>', 'BAD_VALUE', 'callId'],
    ['a call id too long', `token-desk://call?callId=${'A'.repeat(65)}`, 'BAD_VALUE', 'callId'],
    ['a broken percent-encoding', 'token-desk://call?callId=%E0%A4%A', 'BAD_VALUE', 'callId'],
    ['a NUL byte', 'token-desk://call?callId=a%00b', 'BAD_VALUE', 'callId'],
    ['not a URL', 'call?customerId=C0000001', 'NOT_A_LINK', undefined],
    ['an oversized link', `token-desk://call?callId=A&${'x'.repeat(SCREEN_POP_MAX_LENGTH)}`, 'TOO_LONG', undefined],
  ])('%s', (_case, link, reason, parameter) => {
    const parsed = parseScreenPopLink(link);
    expect(parsed).toEqual(parameter === undefined ? { ok: false, reason } : { ok: false, reason, parameter });
  });

  it('never names a value in its answer', () => {
    const parsed = parseScreenPopLink('token-desk://call?customerId=C0000001&secret=hunter2');
    expect(JSON.stringify(parsed)).not.toContain('hunter2');
    expect(JSON.stringify(parsed)).not.toContain('C0000001');
  });
});

describe('the caller number, masked', () => {
  it.each([
    ['+819012345678', '+8190****5678'],
    ['09012345678', '090****5678'],
    ['0312345678', '03****5678'],
    ['123456789012345', '1234*******2345'],
    ['110', '*10'],
    ['5', '*'],
  ])('%s → %s', (number, masked) => {
    expect(maskCallerNumber(number)).toBe(masked);
  });
});

describe('the link among a command line', () => {
  it('finds the one link after the switches Chromium adds, and takes none of two', () => {
    expect(linkFromArgv(['/opt/Token Desk/token-desk', '--allow-file-access-from-files', 'token-desk://call?callId=1'])).toEqual({ link: 'token-desk://call?callId=1', several: false });
    expect(linkFromArgv(['C:\\Program Files\\Token Desk\\Token Desk.exe', 'TOKEN-DESK://call'])).toEqual({ link: 'TOKEN-DESK://call', several: false });
    expect(linkFromArgv(['token-desk', 'token-desk://call?callId=1', 'token-desk://call?callId=2'])).toEqual({ link: null, several: true });
    expect(linkFromArgv(['token-desk', '--validate-config', 'x.json'])).toEqual({ link: null, several: false });
  });
});
