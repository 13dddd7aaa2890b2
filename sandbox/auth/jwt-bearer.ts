import { decodeProtectedHeader, errors, importJWK, importSPKI, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import type { TokenResponse, TokenScope } from '../../shared/api/endpoints';
import { ApiFailure } from '../http/errors';
import type { SandboxStore } from '../store/store';
import { issueAccessToken, type ClientKindOf } from './access-tokens';

/**
 * The OAuth 2.0 JWT-bearer grant (RFC 7523) as D1 runs it, verified strictly:
 * ES256 only, `kid` naming a registered key, `iss` = `sub` = that key's client, `aud` = this
 * token URL, `exp` present and at most 5 minutes ahead, `jti` never seen before.
 */
export type ClientKey = {
  readonly kid: string;
  /** `iss` and `sub` of this key's assertions; D1 uses the issuer id when there is no aggregator. */
  readonly clientId?: string;
  /**
   * A workstation's key (the default) or the token platform's: its tokens have that scope, and only
   * the platform's may make the platform's callbacks and the training calls.
   */
  readonly kind?: TokenScope;
} & ({ readonly publicJwk: JWK; readonly publicKeyPem?: never } | { readonly publicKeyPem: string; readonly publicJwk?: never });

interface RegisteredKey {
  readonly clientId: string;
  readonly kind: TokenScope;
  readonly key: CryptoKey;
}

export const ASSERTION_MAX_LIFETIME_S = 300;
export const CLOCK_TOLERANCE_S = 30;

/**
 * Imports the registered public keys once, refusing anything that is not an ES256 key, and a client
 * id registered both as a workstation and as the platform (its tokens could not have one scope).
 */
export const importClientKeys = async (keys: readonly ClientKey[], defaultClientId: string): Promise<Map<string, RegisteredKey>> => {
  const registered = new Map<string, RegisteredKey>();
  const kinds = new Map<string, TokenScope>();
  for (const entry of keys) {
    if (registered.has(entry.kid)) throw new Error(`Client key id "${entry.kid}" is registered twice.`);
    if (entry.publicJwk && 'd' in entry.publicJwk) throw new Error(`Client key "${entry.kid}" is a private key; register the public key only.`);
    const clientId = entry.clientId ?? defaultClientId;
    const kind = entry.kind ?? 'workstation';
    if ((kinds.get(clientId) ?? kind) !== kind) throw new Error(`Client id "${clientId}" is registered as a workstation and as the platform; each needs its own.`);
    kinds.set(clientId, kind);
    const imported = entry.publicJwk ? await importJWK(entry.publicJwk, 'ES256') : await importSPKI(entry.publicKeyPem, 'ES256');
    if (imported instanceof Uint8Array) throw new Error(`Client key "${entry.kid}" is a symmetric key; ES256 needs an EC P-256 public key.`);
    registered.set(entry.kid, { clientId, kind, key: imported });
  }
  return registered;
};

const invalidGrant = (message: string): ApiFailure => new ApiFailure('INVALID_GRANT', message, 'assertion');

/** Says what was wrong with an assertion without repeating any of its content. */
const describeFailure = (error: unknown): ApiFailure => {
  if (error instanceof errors.JWTExpired) return invalidGrant('The assertion has expired (exp).');
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'aud':
        return invalidGrant('The assertion audience (aud) must be this token endpoint’s URL.');
      case 'iss':
      case 'sub':
        return invalidGrant('The assertion iss and sub must both be the registered client id.');
      case 'nbf':
        return invalidGrant('The assertion is not valid yet (nbf).');
      default:
        return invalidGrant(`The assertion claim ${error.claim} is missing or not valid.`);
    }
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalidGrant('The assertion signature does not verify with the registered key.');
  if (error instanceof errors.JOSEAlgNotAllowed) return invalidGrant('The assertion must be signed with ES256.');
  return invalidGrant('The assertion is not a valid signed JWT.');
};

export class JwtBearerGrant {
  constructor(
    private readonly keys: ReadonlyMap<string, RegisteredKey>,
    private readonly store: SandboxStore,
    /** The token endpoint's own URL, the only accepted `aud`; known once the server listens. */
    private readonly tokenUrl: () => string,
  ) {}

  async exchange(assertion: string, now: Date): Promise<TokenResponse> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(assertion);
    } catch {
      throw invalidGrant('The assertion is not a signed JWT.');
    }
    // Checked before any key is touched: `none`, HS256 (a public key used as an HMAC secret) and
    // every other algorithm are refused outright.
    if (header.alg !== 'ES256') throw invalidGrant('The assertion must be signed with ES256.');
    if (typeof header.kid !== 'string' || header.kid === '') throw invalidGrant('The assertion header must name its key (kid).');
    const registered = this.keys.get(header.kid);
    if (!registered) throw new ApiFailure('INVALID_CLIENT', 'No client key is registered under this kid.', 'assertion');

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(assertion, registered.key, {
        algorithms: ['ES256'],
        issuer: registered.clientId,
        subject: registered.clientId,
        audience: this.tokenUrl(),
        currentDate: now,
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['exp', 'jti'],
      }));
    } catch (error) {
      throw describeFailure(error);
    }

    const nowS = Math.floor(now.getTime() / 1000);
    const exp = payload.exp ?? 0;
    if (payload.iat !== undefined && payload.iat > nowS + CLOCK_TOLERANCE_S) throw invalidGrant('The assertion was issued in the future (iat).');
    // A short-lived assertion limits what a stolen one is worth: at most 5 minutes from iat or now.
    if (exp - (payload.iat ?? nowS) > ASSERTION_MAX_LIFETIME_S || exp - nowS > ASSERTION_MAX_LIFETIME_S + CLOCK_TOLERANCE_S) {
      throw invalidGrant('The assertion may live at most 5 minutes (exp - iat ≤ 300 s).');
    }
    const jti = payload.jti;
    if (typeof jti !== 'string' || jti.length === 0 || jti.length > 256) throw invalidGrant('The assertion needs a jti of 1–256 characters.');

    this.store.sweep(now);
    const seenKey = `${registered.clientId}\u0000${jti}`;
    if (this.store.seenAssertions.has(seenKey)) throw invalidGrant('This assertion was already used (jti seen before).');
    // Remembered until the assertion could no longer pass the exp check anyway.
    this.store.seenAssertions.set(seenKey, {
      clientId: registered.clientId,
      jti,
      expiresAt: new Date((exp + CLOCK_TOLERANCE_S + 1) * 1000).toISOString(),
    });
    return issueAccessToken(this.store, { clientId: registered.clientId, kind: registered.kind }, now);
  }

  /** The platform's client ids are those its keys are registered under; every other id is a workstation's. */
  readonly kindOf: ClientKindOf = (clientId) => {
    for (const registered of this.keys.values()) if (registered.clientId === clientId) return registered.kind;
    return 'workstation';
  };
}
