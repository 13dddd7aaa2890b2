import type { TokenResponse } from '../../../shared/api/endpoints';
import { signClientAssertion, type SigningKey } from './client-assertion';

/** What the backend client needs from the token cache. */
export interface AccessTokenSource {
  /** A bearer token valid for a while yet; waits for the one refresh in flight if there is one. */
  getToken(signal?: AbortSignal): Promise<string>;
  /**
   * Drops the cached token after the backend refused it (401). Pass the refused token: when many
   * requests fail together with the old token, only the first drop counts, not the fresh token.
   */
  invalidate(refused?: string): void;
}

/** Sends a signed assertion to the token endpoint and returns its validated answer. */
export type TokenExchange = (assertion: string) => Promise<TokenResponse>;

export interface AccessTokenProviderOptions {
  readonly clientId: string;
  /** `{baseUrl}/oauth2/token`: the assertion's audience. */
  readonly tokenUrl: string;
  /** Loads the workstation's signing key; called per refresh so a newly imported key takes effect. */
  readonly signingKey: () => Promise<SigningKey>;
  readonly exchange: TokenExchange;
  /** Milliseconds since the epoch. */
  readonly now?: () => number;
  /** Refresh this long before expiry so a request never leaves with a token about to lapse in flight. */
  readonly refreshEarlySeconds?: number;
}

interface CachedToken {
  readonly value: string;
  /** Milliseconds since the epoch after which the token is not handed out any more. */
  readonly useUntil: number;
}

/** Rejects when the caller gives up, without cancelling the shared refresh other callers wait on. */
const untilAborted = <T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> => {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
};

/**
 * The workstation's bearer token (OAuth 2.0 JWT-bearer grant, RFC 7523): fetched on first use,
 * cached, refreshed shortly before it expires. However many requests wait, only one refresh is in
 * flight, so a burst of calls at expiry costs one token request, not one each.
 */
export const createAccessTokenProvider = (options: AccessTokenProviderOptions): AccessTokenSource => {
  const now = options.now ?? Date.now;
  const refreshEarlyMs = (options.refreshEarlySeconds ?? 60) * 1000;
  let cached: CachedToken | null = null;
  let inFlight: Promise<CachedToken> | null = null;

  const refresh = async (): Promise<CachedToken> => {
    const assertion = await signClientAssertion({
      clientId: options.clientId,
      tokenUrl: options.tokenUrl,
      signingKey: await options.signingKey(),
      now,
    });
    const issuedAt = now();
    const answer = await options.exchange(assertion);
    const lifetimeMs = answer.expires_in * 1000;
    // For short-lived tokens, refreshing a fixed minute early would mean never using them: cap at half.
    const early = Math.min(refreshEarlyMs, lifetimeMs / 2);
    return { value: answer.access_token, useUntil: issuedAt + lifetimeMs - early };
  };

  return {
    getToken(signal) {
      if (cached && now() < cached.useUntil) return Promise.resolve(cached.value);
      if (!inFlight) {
        const started = refresh();
        inFlight = started;
        started.then(
          (token) => {
            if (inFlight === started) {
              cached = token;
              inFlight = null;
            }
          },
          () => {
            if (inFlight === started) inFlight = null;
          },
        );
      }
      return untilAborted(
        inFlight.then((token) => token.value),
        signal,
      );
    },
    invalidate(refused) {
      if (refused === undefined || cached?.value === refused) cached = null;
    },
  };
};
