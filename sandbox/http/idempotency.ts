import { createHash, createHmac, randomBytes } from 'node:crypto';
import { looksLikeCardNumber } from '../../shared/domain/card-number-runs';
import type { SandboxStore } from '../store/store';
import { ApiFailure } from './errors';

/** A response as the route layer sends it, and as an idempotent retry gets it back. */
export interface Outcome {
  readonly status: number;
  readonly body: unknown;
  /** Sent with the first response only (e.g. `www-authenticate`); a replay carries status and body. */
  readonly headers?: Readonly<Record<string, string>>;
}

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * The `idempotency-key` header: missing where the call requires one is a 400 naming it (a retry of
 * a change without a key could do the change twice); where it is optional, absent means no replay
 * protection. Malformed is always refused, a header sent twice too.
 */
export const idempotencyKeyFrom = (header: string | string[] | undefined, required: boolean): string | undefined => {
  if (header === undefined) {
    if (required) throw new ApiFailure('MISSING_PARAMETER', 'idempotency-key: required on every call that changes something.', 'idempotency-key');
    return undefined;
  }
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
    throw new ApiFailure('BAD_FORMAT', 'idempotency-key: one key of 8–128 of A–Z a–z 0–9 _ . : -', 'idempotency-key');
  }
  // Kept for a day, in the data file too: a key that reads as a card number is refused.
  if (looksLikeCardNumber(header)) throw new ApiFailure('BAD_FORMAT', 'idempotency-key: must not hold a card number.', 'idempotency-key');
  return header;
};

/** JSON with object keys sorted, so the same body always hashes the same. */
export const canonicalJson = (value: unknown): string => canonical(value);

const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/** What a key is bound to: the same key for another method, path or body is not a retry. */
interface KeyedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/**
 * `Idempotency-Key` on every state-changing call, scoped to the caller (the agent at their
 * workstation, the workstation, or the platform): the same key with the same method, path and
 * body within 24 hours gets the first response again (status and body) without the work being
 * done twice; the same key with another method, path or body is a 422 IDEMPOTENCY_CONFLICT (as the
 * IETF Idempotency-Key draft has it), never a new operation and never the other request's answer.
 * Another caller's key of the same text is another key. A retry that arrives while the first is
 * still running waits for it.
 *
 * Bodies that carry a secret (a password, an assertion) are fingerprinted with an HMAC under a key
 * that lives only in this process, and those records are never written to the data file: a fast
 * hash of a password on disk would be a password hash nobody chose. After a restart such a retry
 * simply does the work again. Server errors (category S) are not kept, so a retry can succeed.
 */
export class Idempotency {
  private readonly hmacKey = randomBytes(32);
  private readonly inFlight = new Map<string, { fingerprint: string; outcome: Promise<Outcome> }>();

  constructor(
    private readonly store: SandboxStore,
    private readonly now: () => Date,
  ) {}

  private fingerprint({ method, path, body }: KeyedRequest, carriesSecret: boolean): string {
    const text = canonical({ method, path, body: body ?? null });
    return carriesSecret
      ? createHmac('sha256', this.hmacKey).update(text).digest('base64url')
      : createHash('sha256').update(text).digest('base64url');
  }

  async run(
    request: { scope: string; key: string; request: KeyedRequest; carriesSecret: boolean },
    work: () => Promise<Outcome>,
  ): Promise<Outcome & { replayed: boolean }> {
    const id = `${request.scope}\u0000${request.key}`;
    const fingerprint = this.fingerprint(request.request, request.carriesSecret);
    const now = this.now();
    const conflict = (): ApiFailure =>
      new ApiFailure('IDEMPOTENCY_CONFLICT', 'This idempotency-key was already used for another request (method, path or body); send a new key for a new request.', 'idempotency-key');

    const stored = this.store.idempotency.get(id);
    if (stored && stored.expiresAt > now.toISOString()) {
      if (stored.fingerprint !== fingerprint) throw conflict();
      return { status: stored.status, body: stored.body, replayed: true };
    }
    const running = this.inFlight.get(id);
    if (running) {
      if (running.fingerprint !== fingerprint) throw conflict();
      const { status, body } = await running.outcome;
      return { status, body, replayed: true };
    }

    const outcome = work();
    this.inFlight.set(id, { fingerprint, outcome });
    try {
      const result = await outcome;
      if (result.status < 500) {
        this.store.idempotency.set(id, {
          scope: request.scope,
          key: request.key,
          fingerprint,
          status: result.status,
          body: result.body,
          expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS).toISOString(),
          persist: !request.carriesSecret,
        });
        this.store.changed();
      }
      return { ...result, replayed: false };
    } finally {
      this.inFlight.delete(id);
    }
  }
}
