import { randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8, type CryptoKey } from 'jose';

export const ASSERTION_ALG = 'ES256';

/** RFC 7523 asks for a short life; the token endpoint rejects more than 300 s, 120 s leaves room for clock skew. */
export const ASSERTION_LIFETIME_SECONDS = 120;

/** A private key ready to sign, with the `kid` the backend knows its public half by. */
export interface SigningKey {
  readonly keyId: string;
  readonly key: CryptoKey;
}

export interface AssertionClaims {
  /** The OAuth client: both `iss` and `sub` (RFC 7523 §3, private_key_jwt). */
  readonly clientId: string;
  /** The token endpoint's URL, exactly as requested: the `aud`. */
  readonly tokenUrl: string;
  readonly signingKey: SigningKey;
  /** Milliseconds since the epoch; injectable so tests and the token cache share one clock. */
  readonly now?: () => number;
}

/** Imports a PKCS#8 PEM as a non-extractable ES256 signing key: once imported, it cannot be exported again. */
export const importSigningKey = async (pkcs8Pem: string, keyId: string): Promise<SigningKey> => ({
  keyId,
  key: await importPKCS8(pkcs8Pem, ASSERTION_ALG, { extractable: false }),
});

/** Signs a client assertion: a one-time JWT (unique `jti`) proving this workstation holds its key. */
export const signClientAssertion = async ({ clientId, tokenUrl, signingKey, now = Date.now }: AssertionClaims): Promise<string> => {
  const issuedAt = Math.floor(now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: ASSERTION_ALG, kid: signingKey.keyId })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrl)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ASSERTION_LIFETIME_SECONDS)
    .setJti(randomUUID())
    .sign(signingKey.key);
};
