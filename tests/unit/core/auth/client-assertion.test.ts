import { decodeProtectedHeader, exportPKCS8, generateKeyPair, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { ASSERTION_LIFETIME_SECONDS, importSigningKey, signClientAssertion } from '../../../../electron/core/auth/client-assertion';

const TOKEN_URL = 'https://api.example.test/banking/oauth2/token';

describe('client assertion (RFC 7523)', () => {
  it('is an ES256 JWT with kid, iss = sub = client id, aud = token URL, a short life and a unique jti', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const signingKey = await importSigningKey(await exportPKCS8(pair.privateKey), 'kid-123');
    const now = Date.UTC(2026, 0, 5, 9, 0, 0);
    const first = await signClientAssertion({ clientId: 'client-a', tokenUrl: TOKEN_URL, signingKey, now: () => now });
    const second = await signClientAssertion({ clientId: 'client-a', tokenUrl: TOKEN_URL, signingKey, now: () => now });

    expect(decodeProtectedHeader(first)).toEqual({ alg: 'ES256', kid: 'kid-123' });
    const { payload } = await jwtVerify(first, pair.publicKey, {
      algorithms: ['ES256'],
      issuer: 'client-a',
      subject: 'client-a',
      audience: TOKEN_URL,
      currentDate: new Date(now + 1000),
    });
    expect(payload.iat).toBe(now / 1000);
    expect(payload.exp).toBe(now / 1000 + ASSERTION_LIFETIME_SECONDS);
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(300);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    const { payload: other } = await jwtVerify(second, pair.publicKey, { currentDate: new Date(now) });
    expect(other.jti).not.toBe(payload.jti);
  });

  it('imports the key as non-extractable: once loaded for signing, it cannot be exported', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const signingKey = await importSigningKey(await exportPKCS8(pair.privateKey), 'k');
    expect(signingKey.key.extractable).toBe(false);
    await expect(exportPKCS8(signingKey.key)).rejects.toThrow();
  });
});
