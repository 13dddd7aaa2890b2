import { z } from 'zod';

/**
 * The workstation key as the UI may see it: its status and its public half. There is no call
 * that returns the private key; importing one is write-only.
 */
export const CredentialStatus = z.strictObject({
  configured: z.boolean(),
  keyId: z.string().max(128).nullable(),
  /** Which OS store holds it: gnome_libsecret, kwallet, dpapi, keychain, basic_text, memory… */
  storageBackend: z.string().min(1).max(64),
  /** False when the key lives in memory only and is gone after a restart. */
  persisted: z.boolean(),
  /** A first key set up signed out needs the installer's one-time enrolment code: ask for it. */
  enrolmentCodeRequired: z.boolean(),
});
export type CredentialStatus = z.infer<typeof CredentialStatus>;

const Base64Url = z.string().regex(/^[A-Za-z0-9_-]{20,200}$/);

/** A public EC P-256 JWK, strictly: a private member such as `d` fails validation at the border. */
const PublicJwk = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: Base64Url,
  y: Base64Url,
  kid: z.string().min(1).max(128),
  alg: z.literal('ES256'),
  use: z.literal('sig'),
});

export const PublicKeyView = z.strictObject({
  keyId: z.string().min(1).max(128),
  publicJwk: PublicJwk,
  publicKeyPem: z
    .string()
    .max(2000)
    .regex(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n?$/),
});
export type PublicKeyView = z.infer<typeof PublicKeyView>;

/**
 * The one-time code the installer hands out for a seat's first enrolment. Write-only like a PEM:
 * core compares its hash and neither logs nor stores it. Spaces at either end are typing noise.
 */
const EnrolmentCode = z.string().trim().min(1).max(200);

export const GenerateKeyInput = z.strictObject({
  enrolmentCode: EnrolmentCode.optional(),
});

export const ImportKeyInput = z.strictObject({
  /** PKCS#8 PEM of an EC P-256 private key. Write-only: it is never sent back. */
  pem: z.string().min(50).max(10_000),
  enrolmentCode: EnrolmentCode.optional(),
});
