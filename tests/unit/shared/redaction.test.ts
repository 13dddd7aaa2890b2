import { describe, expect, it } from 'vitest';
import { REDACTED, redactText, redactValue } from '../../../shared/domain/redaction';
import { grouped, testPan } from '../electron/helpers/card-numbers';

const digitsOf = (value: unknown) => JSON.stringify(value).replace(/\D/g, '');

describe('redactText', () => {
  it.each([
    ['a 16-digit Visa-like number', testPan('4', 16)],
    ['a 15-digit Amex-like number', testPan('37', 15)],
    ['a 13-digit number', testPan('4', 13)],
    ['a 19-digit number', testPan('62', 19)],
    ['a number grouped by spaces', grouped(testPan('5', 16), ' ')],
    ['a number grouped by dashes', grouped(testPan('5', 16), '-')],
  ])('removes %s', (_label, pan) => {
    const out = redactText(`card ${pan} on file`);
    expect(out).toBe('card [redacted-pan] on file');
  });

  it('keeps short numbers an agent needs: amounts, dates, last four digits, 12-digit references', () => {
    const text = 'amount 12000 JPY on 2026-11-23, card ending 1111, ref 123456789012';
    expect(redactText(text)).toBe(text);
  });

  it('removes a PEM block, even one cut off before its END line', () => {
    const block = ['-----BEGIN EC PRIVATE KEY-----', 'MHcCAQEEI' + 'a'.repeat(30), '-----END EC PRIVATE KEY-----'].join('\n');
    expect(redactText(`key: ${block} loaded`)).toBe('key: [redacted-key] loaded');
    expect(redactText(`-----BEGIN PRIVATE KEY-----\nMIIE${'b'.repeat(30)}`)).toBe('[redacted-key]');
  });

  it('removes a JWT', () => {
    const jwt = `eyJhbGciOiJFUzI1NiJ9.${Buffer.from('{"sub":"a"}').toString('base64url')}.${'c'.repeat(40)}`;
    expect(redactText(`assertion ${jwt}`)).not.toContain('c'.repeat(40));
  });

  it('removes bearer and basic credentials but says which scheme it was', () => {
    expect(redactText(`Authorization: Bearer ${'x'.repeat(20)}`)).toBe('Authorization: Bearer [redacted]');
    expect(redactText('authorization: basic Zm9vOmJhcmJheg==')).toBe('authorization: basic [redacted]');
  });

  it.each(['password=hunter2', 'passwd: hunter2', 'client_secret="hunter2"', "api-key='hunter2'", 'access_token=hunter2&x=1', 'private_key: hunter2', 'enrolmentCode: hunter2'])(
    'removes the value in %s',
    (text) => {
      expect(redactText(text)).not.toContain('hunter2');
      expect(redactText(text)).toContain('[redacted]');
    },
  );
});

describe('redactValue', () => {
  it("hides the installer's enrolment code a key call carries, whatever it looks like", () => {
    expect(redactValue({ call: 'credentials.generateKey', input: { enrolmentCode: 'ABCD-1234' } })).toEqual({
      call: 'credentials.generateKey',
      input: { enrolmentCode: '[redacted]' },
    });
  });

  it('redacts strings anywhere in a structure', () => {
    const pan = testPan();
    const out = redactValue({ a: [{ b: `x ${pan}` }], c: 'fine' });
    expect(digitsOf(out)).not.toContain(pan);
    expect(out).toMatchObject({ c: 'fine' });
  });

  it('redacts a card number given as a number or a bigint', () => {
    const pan = testPan();
    expect(redactValue(Number(pan))).toBe('[redacted-pan]');
    expect(redactValue(BigInt(pan))).toBe('[redacted-pan]');
    expect(redactValue(42)).toBe(42);
  });

  it.each(['password', 'Password', 'secret', 'clientSecret', 'client_secret', 'privateKeyPem', 'authorization', 'Cookie', 'set-cookie', 'accessToken', 'refresh_token', 'idToken', 'assertion', 'client_assertion', 'apiKey', 'pan', 'dpan', 'FPAN'])(
    'replaces the whole value of a field named %s',
    (key) => {
      expect(redactValue({ [key]: 'harmless-looking', other: 'kept' })).toEqual({ [key]: REDACTED, other: 'kept' });
    },
  );

  it('replaces the private members of a JWK and keeps the public ones', () => {
    const out = redactValue({ kty: 'RSA', n: 'N', e: 'AQAB', d: 'D', p: 'P', q: 'Q', dp: 'DP', dq: 'DQ', qi: 'QI' });
    expect(out).toEqual({ kty: 'RSA', n: 'N', e: 'AQAB', d: REDACTED, p: REDACTED, q: REDACTED, dp: REDACTED, dq: REDACTED, qi: REDACTED });
  });

  it('leaves a public JWK alone (no d)', () => {
    expect(redactValue({ kty: 'EC', crv: 'P-256', x: 'X', y: 'Y' })).toEqual({ kty: 'EC', crv: 'P-256', x: 'X', y: 'Y' });
  });

  it('turns an error into name, message and stack, all redacted', () => {
    const pan = testPan();
    const out = redactValue(new TypeError(`bad ${pan}`));
    expect(out).toMatchObject({ name: 'TypeError', message: 'bad [redacted-pan]' });
    expect(digitsOf(out)).not.toContain(pan);
  });

  it('cuts cycles and very deep values instead of following them', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(redactValue(cyclic)).toEqual({ name: 'loop', self: '[circular]' });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 20; i += 1) deep = { deeper: deep };
    expect(JSON.stringify(redactValue(deep))).toContain('[truncated]');
  });

  it('does not change the value it was given', () => {
    const input = { password: 'p', list: ['a'] };
    redactValue(input);
    expect(input).toEqual({ password: 'p', list: ['a'] });
  });
});
