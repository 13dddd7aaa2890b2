import { describe, expect, it } from 'vitest';
import { grouped, isLuhnValid, testPan } from './helpers/card-numbers';
import { memoryLogger } from './helpers/memory-logger';

const pan = testPan();
const digitsOf = (text: string) => text.replace(/\D/g, '');

// Parts of a PEM block and a JWT are built at run time too, so the tree holds no key-shaped text.
const pem = ['-----BEGIN PRIVATE KEY-----', 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg' + 'k'.repeat(40), '-----END PRIVATE KEY-----'].join('\n');
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = `${b64url({ alg: 'ES256', typ: 'JWT' })}.${b64url({ sub: 'agent-7', scope: 'tokens' })}.${'s'.repeat(43)}`;
const bearer = `Bearer ${'abcDEF123'.repeat(4)}`;

describe('the logger redacts before writing', () => {
  it('uses a card number that really is Luhn-valid', () => {
    expect(pan).toHaveLength(16);
    expect(isLuhnValid(pan)).toBe(true);
  });

  it.each([
    ['plain', pan],
    ['grouped by spaces', grouped(pan, ' ')],
    ['grouped by dashes', grouped(pan, '-')],
  ])('removes a card number %s from the message and from fields', (_label, shown) => {
    const { logger, text } = memoryLogger();
    logger.info(`caller read out ${shown} twice`);
    logger.warn({ note: `card ${shown}`, nested: { deeper: [shown] } }, 'lookup');
    logger.error({ pan: shown, fpan: shown }, 'by key name');
    expect(text()).not.toContain(shown);
    expect(digitsOf(text())).not.toContain(pan);
    expect(text()).toContain('[redacted');
  });

  it('removes a card number given as a number', () => {
    const { logger, text } = memoryLogger();
    logger.info({ value: Number(pan) }, 'numeric');
    expect(digitsOf(text())).not.toContain(pan.slice(0, 13));
  });

  it('removes a PEM private key', () => {
    const { logger, text } = memoryLogger();
    logger.info({ config: { signingKey: pem } }, `loaded ${pem}`);
    expect(text()).not.toContain('BEGIN PRIVATE KEY');
    expect(text()).not.toContain('k'.repeat(40));
  });

  it('removes a JWT and a bearer token', () => {
    const { logger, text } = memoryLogger();
    logger.info({ headers: { 'x-assertion-copy': jwt } }, `sent ${bearer} and ${jwt}`);
    expect(text()).not.toContain(jwt.split('.')[1]);
    expect(text()).not.toContain('abcDEF123abcDEF123');
  });

  it('removes password and secret fields, by name and inside text', () => {
    const { logger, text } = memoryLogger();
    logger.info({ password: 'hunter2-pw', client_secret: 'cs-value-1', apiKey: 'ak-value-1', authorization: 'Basic Zm9vOmJhcg==' }, 'login');
    logger.info('retry with password=hunter3-pw and client_secret: "cs-value-2"');
    for (const secret of ['hunter2-pw', 'hunter3-pw', 'cs-value-1', 'cs-value-2', 'ak-value-1', 'Zm9vOmJhcg==']) {
      expect(text()).not.toContain(secret);
    }
  });

  it("removes a private JWK's private parts and keeps the public ones", () => {
    const { logger, records } = memoryLogger();
    const d = 'D'.repeat(43);
    logger.info({ jwk: { kty: 'EC', crv: 'P-256', x: 'X'.repeat(43), y: 'Y'.repeat(43), d } }, 'key loaded');
    const line = JSON.stringify(records());
    expect(line).not.toContain(d);
    expect(line).toContain('X'.repeat(43));
  });

  it('redacts an error and its stack', () => {
    const { logger, text } = memoryLogger();
    const error = new Error(`declined for ${pan}`);
    logger.error({ err: error }, 'backend said no');
    expect(digitsOf(text())).not.toContain(pan);
    expect(text()).toContain('declined for [redacted-pan]');
  });

  it('redacts the bindings of a child logger', () => {
    const { logger, text } = memoryLogger();
    const child = logger.child({ authorization: bearer, card: pan, call: 'tokens.search' });
    child.child({ password: 'hunter4-pw' }).info('inside a child');
    expect(text()).not.toContain('abcDEF123abcDEF123');
    expect(text()).not.toContain('hunter4-pw');
    expect(digitsOf(text())).not.toContain(pan);
    expect(text()).toContain('tokens.search');
  });

  it('still writes one parseable JSON line per entry', () => {
    const { logger, records } = memoryLogger();
    logger.info({ a: 1 }, 'one');
    logger.warn('two %s', 'args');
    expect(records().map((record) => record.msg)).toEqual(['one', 'two args']);
  });
});
