import type { TokenResponse, TokenScope } from '../../shared/api/endpoints';
import { unauthorized } from '../http/errors';
import type { SandboxStore } from '../store/store';
import { hashSecret, newSecret } from './secrets';

/** D1 bearer tokens live 15 minutes. */
export const ACCESS_TOKEN_TTL_S = 900;

export interface ClientIdentity {
  readonly clientId: string;
  /** A workstation's client, or the token platform's: what its registration says, never what a request claims. */
  readonly kind: TokenScope;
}

/** The kind of a registered client id; an id no key is registered under now is a workstation's. */
export type ClientKindOf = (clientId: string) => TokenScope;

/** Issues an opaque bearer token; the store keeps only its hash and expiry. */
export const issueAccessToken = (store: SandboxStore, client: ClientIdentity, now: Date): TokenResponse => {
  const { clientId } = client;
  const accessToken = newSecret();
  store.sweep(now);
  store.accessTokens.set(hashSecret(accessToken), {
    tokenHash: hashSecret(accessToken),
    clientId,
    expiresAt: new Date(now.getTime() + ACCESS_TOKEN_TTL_S * 1000).toISOString(),
  });
  store.changed();
  return { access_token: accessToken, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_S, scope: client.kind };
};

/**
 * The client behind an `Authorization: Bearer …` header, or a 401 that says why not. Its kind
 * comes from the key registration, looked up by the client id the token was issued to.
 */
export const authenticateBearer = (store: SandboxStore, header: string | undefined, now: Date, kindOf: ClientKindOf): ClientIdentity => {
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]{20,4096})$/.exec(header) : null;
  if (!match?.[1]) throw unauthorized('A bearer token from POST /oauth2/token is required.');
  const record = store.accessTokens.get(hashSecret(match[1]));
  if (!record || record.expiresAt <= now.toISOString()) {
    throw unauthorized('The bearer token is unknown or has expired; get a new one from POST /oauth2/token.');
  }
  return { clientId: record.clientId, kind: kindOf(record.clientId) };
};
