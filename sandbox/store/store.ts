import type { ApprovalRequest } from '../../shared/api/approvals';
import type { StoredFloorAlertSettings } from '../../shared/api/floor-alert-settings';
import { Token } from '../../shared/api/model';
import { RecordedTokenEvent, type TokenEvent } from '../../shared/api/token-event';
import type { DigitizationRule } from '../../shared/api/callbacks';
import type { NotificationSettings, NotificationTemplate } from '../../shared/api/notifications';
import type { TokenActionPolicy } from '../../shared/api/policy';
import type { CallOutcome, ServiceNote } from '../../shared/api/phone-calls';
import { templateKeyOf } from '../notifications/defaults';
import type { TokenChangedEvent } from '../../shared/api/stream-events';
import { normaliseName } from '../../shared/domain/search-query';
import { ChangeFeed } from '../events/change-feed';
import { syntheticEvent } from '../seed/long-history';
import {
  STATE_FORMAT,
  freshRuntimeState,
  type AccessTokenRecord,
  type AgentRecord,
  type CardRecord,
  type CardholderRecord,
  type IdempotencyRecord,
  type ParkedCallback,
  type PersistedState,
  type SentNotification,
  type SeenAssertion,
  type SessionRecord,
  type SignInAttempts,
  type StoredPhoneCallRecord,
  type SyntheticHistory,
} from './state';

/** An idempotency record with whether it may be written to disk (not when it holds a secret). */
export interface StoredIdempotency extends IdempotencyRecord {
  readonly persist: boolean;
}

/** A change to one token: the token as it is after it, and the event that records it. */
export interface TokenChange {
  readonly token: Token;
  readonly event: TokenEvent;
}

/**
 * The sandbox's in-memory state, with the lookups the routes need. The maps are public so the
 * auth modules can keep their records here and tests can inspect them; whoever changes a map
 * calls `changed()` so `--data` persistence writes the new state.
 *
 * Tokens and their histories are the exception: they are read-only from outside and change only
 * through `recordTokenChange`, which also streams the change, so no token can change unseen.
 */
export class SandboxStore {
  readonly cardholders = new Map<string, CardholderRecord>();
  readonly cards = new Map<string, CardRecord>();
  private readonly tokenMap = new Map<string, Token>();
  readonly tokens: ReadonlyMap<string, Token> = this.tokenMap;
  readonly agents = new Map<string, AgentRecord>();
  readonly signInAttempts = new Map<string, SignInAttempts>();
  /** By token hash. */
  readonly sessions = new Map<string, SessionRecord>();
  /** By token hash. */
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  /** By `clientId` + NUL + `jti`. */
  readonly seenAssertions = new Map<string, SeenAssertion>();
  /** By scope + NUL + key. */
  readonly idempotency = new Map<string, StoredIdempotency>();
  private policy: TokenActionPolicy;
  /** By `event/channel/language` (templateKeyOf). */
  readonly notificationTemplates = new Map<string, NotificationTemplate>();
  private notifications: NotificationSettings;
  /** Callbacks already processed, for idempotency: receipt key → the eventId that recorded it first. */
  readonly callbackReceipts = new Map<string, string>();
  /** Callbacks for tokens not known yet, oldest first. */
  readonly parkedCallbacks: ParkedCallback[] = [];
  /** Every notification sent, in full, by notificationId. */
  readonly sentNotifications = new Map<string, SentNotification>();
  private rules: DigitizationRule[] = [];
  private aheadMinutes = 0;
  /** Agents' phone-call records by phoneCallId, in the order they arrived. */
  readonly phoneCalls = new Map<string, StoredPhoneCallRecord>();
  /** The four-eyes requests by request id, in the order they were made; only the approval book changes them. */
  readonly approvalRequests = new Map<string, ApprovalRequest>();
  private outcomes: CallOutcome[] = [];
  private floorRules: StoredFloorAlertSettings | null = null;
  /** Writes the state to disk now (resolved once durable); set by the server when it has a data file. */
  private durable: () => Promise<void> = async () => undefined;
  /** Service notes by cardholderId, newest first. */
  private readonly notesByHolder = new Map<string, ServiceNote[]>();

  private readonly events = new Map<string, TokenEvent[]>();
  private readonly synthetic = new Map<string, SyntheticHistory>();
  private readonly cardsByHolder = new Map<string, string[]>();
  private readonly tokensByCard = new Map<string, string[]>();
  private readonly tokensByLastFour = new Map<string, string[]>();
  /** Upper-cased virtualCardId → stored id: agents type ids in either case. */
  private readonly tokenIdsFolded = new Map<string, string>();
  private readonly nameKeys = new Map<string, readonly string[]>();
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly issuerId: string,
    readonly seed: number,
    /** Every token change, numbered, for the event stream. */
    readonly changes: ChangeFeed,
    policy: TokenActionPolicy,
    notificationSettings: NotificationSettings,
  ) {
    this.policy = policy;
    this.notifications = notificationSettings;
  }

  get notificationSettings(): NotificationSettings {
    return this.notifications;
  }

  setNotificationSettings(settings: NotificationSettings): void {
    this.notifications = settings;
    this.changed();
  }

  /** The rules requestCardDigitization decides the level of trust by. */
  get digitizationRules(): readonly DigitizationRule[] {
    return this.rules;
  }

  setDigitizationRules(rules: readonly DigitizationRule[]): void {
    this.rules = [...rules];
    this.changed();
  }

  /** How far the training clock runs ahead of the real one. */
  get clockAheadMinutes(): number {
    return this.aheadMinutes;
  }

  setClockAheadMinutes(minutes: number): void {
    this.aheadMinutes = minutes;
    this.changed();
  }

  /** The issuer's outcome codes for a phone call's wrap-up. */
  get callOutcomes(): readonly CallOutcome[] {
    return this.outcomes;
  }

  setCallOutcomes(outcomes: readonly CallOutcome[]): void {
    this.outcomes = [...outcomes];
    this.changed();
  }

  /** The floor's alert rules and their version. */
  get floorAlertSettings(): StoredFloorAlertSettings {
    return this.floorRules ?? freshRuntimeState().floorAlertSettings;
  }

  setFloorAlertSettings(stored: StoredFloorAlertSettings): void {
    this.floorRules = stored;
    this.changed();
  }

  /** Where `persist` writes: the server's writer of the data file. */
  persistWith(write: () => Promise<void>): void {
    this.durable = write;
  }

  /** Resolves once the state as it is now is on disk (at once without a data file): a change answered after it survives a restart. */
  persist(): Promise<void> {
    return this.durable();
  }

  /** A cardholder's service notes, newest first. */
  serviceNotesOf(cardholderId: string): readonly ServiceNote[] {
    return this.notesByHolder.get(cardholderId) ?? [];
  }

  /** The issuer's token-action policy: served to consoles and enforced on operations. */
  get actionPolicy(): TokenActionPolicy {
    return this.policy;
  }

  setActionPolicy(policy: TokenActionPolicy): void {
    this.policy = policy;
    this.changed();
  }

  /** Loading a state is not a change: the stream starts empty, and clients that knew another state get a reset. */
  static fromState(state: PersistedState, changes: ChangeFeed = new ChangeFeed()): SandboxStore {
    const store = new SandboxStore(state.issuerId, state.seed, changes, state.actionPolicy, state.notificationSettings);
    for (const holder of state.cardholders) store.cardholders.set(holder.cardholderId, holder);
    for (const card of state.cards) store.cards.set(card.issuerCardRefId, card);
    for (const token of state.tokens) store.tokenMap.set(token.virtualCardId, token);
    for (const [id, events] of Object.entries(state.events)) store.events.set(id, [...events]);
    for (const [id, history] of Object.entries(state.syntheticHistories)) store.synthetic.set(id, history);
    for (const agent of state.agents) store.agents.set(agent.agentId, agent);
    for (const attempts of state.signInAttempts) store.signInAttempts.set(attempts.agentId, attempts);
    for (const session of state.sessions) store.sessions.set(session.tokenHash, session);
    for (const token of state.accessTokens) store.accessTokens.set(token.tokenHash, token);
    for (const seen of state.seenAssertions) store.seenAssertions.set(`${seen.clientId}\u0000${seen.jti}`, seen);
    for (const record of state.idempotency) store.idempotency.set(`${record.scope}\u0000${record.key}`, { ...record, persist: true });
    for (const template of state.notificationTemplates) store.notificationTemplates.set(templateKeyOf(template), template);
    for (const [key, eventId] of Object.entries(state.callbackReceipts)) store.callbackReceipts.set(key, eventId);
    store.parkedCallbacks.push(...state.parkedCallbacks);
    for (const sent of state.sentNotifications) store.sentNotifications.set(sent.notificationId, sent);
    store.rules = [...state.digitizationRules];
    store.aheadMinutes = state.clockAheadMinutes;
    for (const stored of state.phoneCalls) store.phoneCalls.set(stored.record.phoneCallId, stored);
    store.outcomes = [...state.callOutcomes];
    store.floorRules = state.floorAlertSettings;
    for (const request of state.approvalRequests) store.approvalRequests.set(request.requestId, request);
    for (const note of [...state.serviceNotes].sort((a, b) => b.writtenAt.localeCompare(a.writtenAt))) {
      store.notesByHolder.set(note.cardholderId, [...store.serviceNotesOf(note.cardholderId), note]);
    }
    store.reindex();
    return store;
  }

  toState(now: Date): PersistedState {
    return {
      format: STATE_FORMAT,
      issuerId: this.issuerId,
      seed: this.seed,
      savedAt: now.toISOString(),
      cardholders: [...this.cardholders.values()],
      cards: [...this.cards.values()],
      tokens: [...this.tokens.values()],
      events: Object.fromEntries(this.events),
      syntheticHistories: Object.fromEntries(this.synthetic),
      serviceNotes: [...this.notesByHolder.values()].flat(),
      agents: [...this.agents.values()],
      signInAttempts: [...this.signInAttempts.values()],
      sessions: [...this.sessions.values()],
      accessTokens: [...this.accessTokens.values()],
      seenAssertions: [...this.seenAssertions.values()],
      idempotency: [...this.idempotency.values()].filter((record) => record.persist).map(({ persist: _persist, ...record }) => record),
      actionPolicy: this.policy,
      notificationTemplates: [...this.notificationTemplates.values()],
      notificationSettings: this.notifications,
      callbackReceipts: Object.fromEntries(this.callbackReceipts),
      parkedCallbacks: [...this.parkedCallbacks],
      digitizationRules: [...this.rules],
      sentNotifications: [...this.sentNotifications.values()],
      clockAheadMinutes: this.aheadMinutes,
      phoneCalls: [...this.phoneCalls.values()],
      callOutcomes: [...this.outcomes],
      approvalRequests: [...this.approvalRequests.values()],
      floorAlertSettings: this.floorAlertSettings,
    };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells persistence that the state changed. */
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Drops expired sessions, access tokens, remembered `jti`s and idempotency keys. */
  sweep(now: Date): void {
    const nowIso = now.toISOString();
    const prune = <T extends { expiresAt: string }>(map: Map<string, T>): void => {
      for (const [key, record] of map) if (record.expiresAt <= nowIso) map.delete(key);
    };
    prune(this.sessions);
    prune(this.accessTokens);
    prune(this.seenAssertions);
    prune(this.idempotency);
  }

  private reindex(): void {
    const push = (map: Map<string, string[]>, key: string, value: string): void => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    this.cardsByHolder.clear();
    this.tokensByCard.clear();
    this.tokensByLastFour.clear();
    this.tokenIdsFolded.clear();
    this.nameKeys.clear();
    for (const card of [...this.cards.values()].sort((a, b) => a.issuerCardRefId.localeCompare(b.issuerCardRefId))) {
      push(this.cardsByHolder, card.cardholderId, card.issuerCardRefId);
    }
    const byNewest = [...this.tokens.values()].sort((a, b) => b.digitizedAt.localeCompare(a.digitizedAt) || a.virtualCardId.localeCompare(b.virtualCardId));
    for (const token of byNewest) {
      push(this.tokensByCard, token.issuerCardRefId, token.virtualCardId);
      push(this.tokensByLastFour, token.tokenLastFour, token.virtualCardId);
      this.tokenIdsFolded.set(token.virtualCardId.toUpperCase(), token.virtualCardId);
    }
  }

  // ---- reads -------------------------------------------------------------------------------

  cardsOf(cardholderId: string): CardRecord[] {
    return (this.cardsByHolder.get(cardholderId) ?? []).flatMap((ref) => this.cards.get(ref) ?? []);
  }

  /** A card's tokens, newest digitization first, deleted ones included. */
  tokensOfCard(issuerCardRefId: string): Token[] {
    return (this.tokensByCard.get(issuerCardRefId) ?? []).flatMap((id) => this.tokens.get(id) ?? []);
  }

  tokenCountOfCard(issuerCardRefId: string): number {
    return this.tokensByCard.get(issuerCardRefId)?.length ?? 0;
  }

  tokenCountOfHolder(cardholderId: string): number {
    return this.cardsOf(cardholderId).reduce((sum, card) => sum + this.tokenCountOfCard(card.issuerCardRefId), 0);
  }

  cardholdersWithTokenLastFour(lastFour: string): Set<string> {
    return new Set((this.tokensByLastFour.get(lastFour) ?? []).flatMap((id) => this.tokens.get(id)?.cardholderId ?? []));
  }

  findToken(virtualCardId: string): Token | undefined {
    const id = this.tokenIdsFolded.get(virtualCardId.toUpperCase());
    return id === undefined ? undefined : this.tokens.get(id);
  }

  /**
   * The forms a cardholder's name can be found by: kanji, kana and the Latin name in both orders
   * ("Hanako Sato" and "Sato Hanako"), each folded by `normaliseName`.
   */
  nameKeysOf(holder: CardholderRecord): readonly string[] {
    const cached = this.nameKeys.get(holder.cardholderId);
    if (cached) return cached;
    const { kanji, kana, latin } = holder.name;
    const reversed = latin.split(/\s+/).reverse().join(' ');
    const keys = [kanji, kana, latin, reversed].flatMap((text) => (text ? [normaliseName(text)] : []));
    this.nameKeys.set(holder.cardholderId, keys);
    return keys;
  }

  // ---- history -----------------------------------------------------------------------------

  eventCount(virtualCardId: string): number {
    return (this.synthetic.get(virtualCardId)?.count ?? 0) + (this.events.get(virtualCardId)?.length ?? 0);
  }

  /** The event at a position in the token's history, oldest first (0 = digitization requested). */
  eventAt(virtualCardId: string, seq: number): TokenEvent | undefined {
    const token = this.tokens.get(virtualCardId);
    if (!token || seq < 0) return undefined;
    const history = this.synthetic.get(virtualCardId);
    const syntheticCount = history?.count ?? 0;
    if (history && seq < syntheticCount) return syntheticEvent(token, history, seq);
    return this.events.get(virtualCardId)?.[seq - syntheticCount];
  }

  /** The events stored for a token, oldest first (a computed history has none). */
  storedEvents(virtualCardId: string): readonly TokenEvent[] {
    return this.events.get(virtualCardId) ?? [];
  }

  /**
   * A token that did not exist before (a digitization request), with the event that records its
   * request: added to the indexes and streamed like any change. Later events go through
   * `recordTokenChange`.
   */
  addToken(token: Token, first: TokenEvent): TokenChangedEvent {
    const checked = Token.parse(token);
    const event = RecordedTokenEvent.parse(first);
    if (this.tokenMap.has(checked.virtualCardId)) throw new Error(`Token ${checked.virtualCardId} exists already.`);
    if (event.virtualCardId !== checked.virtualCardId) throw new Error('The event belongs to another token.');
    const card = this.cards.get(checked.issuerCardRefId);
    if (!card || card.cardholderId !== checked.cardholderId) throw new Error('A new token must belong to a known card of its cardholder.');
    this.tokenMap.set(checked.virtualCardId, checked);
    this.events.set(checked.virtualCardId, [event]);
    this.reindex();
    return this.publishChange(checked, checked.state, event);
  }

  /**
   * The one way a token changes (a wallet or TSP callback, an agent's action, a notification
   * recorded): the new token replaces the old, the event goes after the token's last one, and the
   * change is published to the event stream, all in one synchronous step so no reader and no
   * stream sees one without the other. Token and event are checked against their schemas
   * before anything moves (the event strictly: a field its kind does not declare is refused, so
   * nothing is recorded that a client would drop); the stream event is made from the checked values.
   */
  recordTokenChange(change: TokenChange): TokenChangedEvent {
    const before = this.tokenMap.get(change.token.virtualCardId);
    if (!before) throw new Error(`No token ${change.token.virtualCardId} to change.`);
    const token = Token.parse(change.token);
    const event = RecordedTokenEvent.parse(change.event);
    if (event.virtualCardId !== token.virtualCardId) throw new Error('The event belongs to another token than the change.');
    if (token.issuerCardRefId !== before.issuerCardRefId || token.cardholderId !== before.cardholderId) {
      // The indexes by card and cardholder are built once; a token never moves between cards.
      throw new Error('A token change cannot move the token to another card or cardholder.');
    }
    this.tokenMap.set(token.virtualCardId, token);
    const list = this.events.get(token.virtualCardId);
    if (list) list.push(event);
    else this.events.set(token.virtualCardId, [event]);
    return this.publishChange(token, before.state, event);
  }

  /** Streams a change made from the checked token and event, then lets persistence know. */
  private publishChange(token: Token, previousState: Token['state'], event: TokenEvent): TokenChangedEvent {
    const published = this.changes.publish({
      type: 'token.changed',
      virtualCardId: token.virtualCardId,
      issuerCardRefId: token.issuerCardRefId,
      cardholderId: token.cardholderId,
      state: token.state,
      previousState,
      suspendedBy: token.suspendedBy,
      event,
    });
    this.changed();
    return published;
  }
}
