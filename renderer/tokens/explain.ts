import type { Actor, ChangeSource, Token, TokenEvent } from '../../shared/api/model';
import { whoMayResume } from '../../shared/domain/transitions';

/**
 * The one-sentence account of a token's state, worked out from the state, since when, who changed
 * it last and, when they are loaded, its newest events. Kept as data (keys and values) so the same
 * facts read correctly in either language; `TokenExplanation` turns it into text.
 */
export type ActorRef = { readonly kind: 'source'; readonly source: ChangeSource } | { readonly kind: 'agent'; readonly name: string };

export type SentenceKey =
  | 'tokens.explain.deploying'
  | 'tokens.explain.inactive'
  | 'tokens.explain.optionD'
  | 'tokens.explain.active'
  | 'tokens.explain.suspended'
  | 'tokens.explain.resumeOnlyIssuer'
  | 'tokens.explain.resumeOnlyWallet'
  | 'tokens.explain.resumeOnlyTsp'
  | 'tokens.explain.resumeEach'
  | 'tokens.explain.deleted'
  | 'tokens.explain.deletedFromApp'
  | 'tokens.explain.deletedFromAppPending'
  | 'tokens.explain.canceled'
  | 'notifications.callbacks.explain.canceled'
  | 'notifications.callbacks.explain.declined'
  | 'notifications.callbacks.explain.reenrolment'
  | 'notifications.callbacks.explain.failed'
  | 'notifications.callbacks.explain.failedCode';

export interface Sentence {
  readonly key: SentenceKey;
  /** ISO time the sentence is about. */
  readonly at?: string;
  readonly actor?: ActorRef;
  /** For resumeEach: the parties that each hold a suspension. */
  readonly parties?: readonly ChangeSource[];
  /** For a failed operation: the callback's action (ACTIVATE, SUSPEND…) and the platform's error code. */
  readonly operation?: string;
  readonly errorCode?: string;
}

/** An issuer change made by a named agent is that agent's; otherwise the party that made it. */
export const actorRef = (actor: Actor): ActorRef =>
  actor.source === 'ISSUER' && actor.agentName !== undefined ? { kind: 'agent', name: actor.agentName } : { kind: 'source', source: actor.source };

const RESUME_ONLY: Readonly<Record<ChangeSource, SentenceKey>> = {
  ISSUER: 'tokens.explain.resumeOnlyIssuer',
  WALLET: 'tokens.explain.resumeOnlyWallet',
  TSP: 'tokens.explain.resumeOnlyTsp',
};

/** Who may lift the suspension: an issuer suspension only the issuer, the wallet's only the cardholder in the wallet (transitions.ts). */
const resumeSentence = (token: Token): Sentence | null => {
  const parties = whoMayResume(token);
  const [only] = parties;
  if (only === undefined) return null;
  if (parties.length === 1) return { key: RESUME_ONLY[only] };
  return { key: 'tokens.explain.resumeEach', parties };
};

const STATE_EVENTS: ReadonlySet<TokenEvent['kind']> = new Set(['ACTIVATED', 'SUSPENDED', 'RESUMED', 'DELETED', 'DIGITIZATION_CANCELED']);

/**
 * What the newest events add to the state: a deletion the wallet user started in the wallet app
 * (DELETE_FROM_APP, then the TSP's DELETE), and a cancelled digitization
 * (docs/domain.md, "Enrolment failures" and "Canceled and declined enrolments").
 */
const fromEvents = (token: Token, newestFirst: readonly TokenEvent[]): Sentence | null => {
  const [newest] = newestFirst;
  if (newest === undefined) return null;
  if (token.state !== 'DELETED') {
    return newest.kind === 'DELETED_FROM_APP' ? { key: 'tokens.explain.deletedFromAppPending', at: newest.occurredAt } : null;
  }
  const lastChange = newestFirst.find((event) => STATE_EVENTS.has(event.kind));
  if (lastChange?.kind === 'DIGITIZATION_CANCELED') return { key: 'tokens.explain.canceled', at: lastChange.occurredAt };
  if (lastChange?.kind === 'DELETED') {
    const fromApp = newestFirst.find((event) => event.kind === 'DELETED_FROM_APP' && event.correlationId === lastChange.correlationId);
    if (fromApp) return { key: 'tokens.explain.deletedFromApp', at: fromApp.occurredAt };
  }
  return null;
};

/**
 * A callback with an error code is the newest thing that happened: the operation did not
 * reach the device and the token kept its state, which is what the caller will be puzzled by.
 */
const failedSentence = (newestFirst: readonly TokenEvent[]): Sentence | null => {
  const [newest] = newestFirst;
  // A failure with a rule and no code was refused by the state rules (the token changed meanwhile): the state sentence says the rest.
  if (newest?.kind !== 'OPERATION_FAILED' || (newest.detail.rule !== undefined && newest.detail.errorCode === undefined)) return null;
  const operation = newest.detail.action;
  const code = newest.detail.errorCode;
  const errorCode = code === undefined ? undefined : String(code);
  return {
    key: errorCode === undefined ? 'notifications.callbacks.explain.failed' : 'notifications.callbacks.explain.failedCode',
    at: newest.occurredAt,
    operation,
    ...(errorCode !== undefined ? { errorCode } : {}),
  };
};

/**
 * An enrolment that ended before the token was usable, and a re-enrolment of the same card on the
 * same device (docs/domain.md, "Canceled and declined enrolments", "Enrolment failures"), said
 * before or after the lifecycle sentences.
 */
export const explainToken = (token: Token, newestEvents: readonly TokenEvent[] = []): Sentence[] => {
  const retry: Sentence[] = token.previousAttemptVirtualCardId !== undefined ? [{ key: 'notifications.callbacks.explain.reenrolment' }] : [];
  if (token.digitizationOutcome === 'CANCELED') return [{ key: 'notifications.callbacks.explain.canceled', at: token.stateSince }, ...retry];
  if (token.digitizationOutcome === 'DECLINED') return [{ key: 'notifications.callbacks.explain.declined', at: token.levelOfTrust.decidedAt }, ...retry];
  const failed = failedSentence(newestEvents);
  return [...(failed ? [failed] : []), ...lifecycleSentences(token, newestEvents), ...retry];
};

const lifecycleSentences = (token: Token, newestEvents: readonly TokenEvent[]): Sentence[] => {
  const at = token.stateSince;
  const actor = actorRef(token.lastChangedBy);
  const fromHistory = fromEvents(token, newestEvents);
  switch (token.state) {
    case 'DEPLOYMENT_ONGOING':
      return [{ key: 'tokens.explain.deploying', at }];
    case 'INACTIVE': {
      const { decision, idvMethods } = token.levelOfTrust;
      const optionD = decision === 'YELLOW' && idvMethods.includes('CUSTOMER_SERVICE');
      return [{ key: 'tokens.explain.inactive', at }, ...(optionD ? [{ key: 'tokens.explain.optionD' } as const] : [])];
    }
    case 'ACTIVE':
      // A deletion started in the wallet app comes first: it is what the caller is phoning about.
      return [...(fromHistory ? [fromHistory] : []), { key: 'tokens.explain.active', at, actor }];
    case 'SUSPENDED': {
      const resume = resumeSentence(token);
      return [...(fromHistory ? [fromHistory] : []), { key: 'tokens.explain.suspended', at, actor }, ...(resume ? [resume] : [])];
    }
    case 'DELETED':
      return [fromHistory ?? { key: 'tokens.explain.deleted', at, actor }];
  }
};
