import { createHash } from 'node:crypto';
import type { RequestCardDigitizationRequest, RequestCardDigitizationResponse } from '../../shared/api/callbacks';
import type { Token, TokenEvent, TokenRequestor } from '../../shared/api/model';
import type { TrainingClock } from '../clock/training-clock';
import { ApiFailure } from '../http/errors';
import { MERCHANTS, WALLETS } from '../seed/catalogue';
import { newEventId } from '../store/live-ids';
import type { SandboxStore } from '../store/store';
import { decideDigitization, type DigitizationFacts } from './digitization-rules';
import { masked, type CallbackIngest } from './ingest';

const DAY_MS = 86_400_000;

const requestorOf = (body: RequestCardDigitizationRequest): TokenRequestor => {
  const known = [...Object.values(WALLETS), ...MERCHANTS];
  const named = body.tokenRequestorId ? known.find((requestor) => requestor.tokenRequestorId === body.tokenRequestorId) : undefined;
  if (named && named.walletProviderId === body.walletProviderId) return named;
  switch (body.walletProviderId) {
    case 'APPLE_PAY':
      return WALLETS.applePay;
    case 'GOOGLE_PAY':
      return WALLETS.googlePay;
    case 'SAMSUNG_PAY':
      return WALLETS.samsungPay;
    case 'MERCHANT':
      return { tokenRequestorId: body.tokenRequestorId ?? '40000000000', name: 'Card-on-file merchant', walletProviderId: 'MERCHANT' };
  }
};

/** Last four of a token the TSP did not describe: stable for the id, never part of a longer number. */
const lastFourFor = (virtualCardId: string): string => {
  const hash = createHash('sha256').update(virtualCardId).digest();
  return String(hash.readUInt16BE(0) % 10_000).padStart(4, '0');
};

/**
 * `requestCardDigitization` (docs/domain.md, "Digitization and level of trust"): the issuer's
 * decision on tokenizing a card, from the sandbox's configurable rules over the request's device
 * and scoring signals and the cardholder's recent tokens. The decision is recorded
 * (DIGITIZATION_REQUESTED, DIGITIZATION_DECIDED with the rule and the correlation id that later
 * callbacks carry) and the token created: INACTIVE awaiting step-up for YELLOW, DEPLOYMENT_ONGOING
 * otherwise (GREEN until the TSP's ACTIVATE, RED until the platform's DIGITIZE FAILED). The same
 * card on the same device after an ended attempt is a re-enrolment
 * (docs/domain.md, "Enrolment failures"): a new token linked to the earlier one. Callbacks that
 * arrived for the token before it existed are applied now, in arrival order.
 */
export const requestDigitization = (
  store: SandboxStore,
  ingest: CallbackIngest,
  clock: TrainingClock,
  body: RequestCardDigitizationRequest,
  correlationId: string,
): RequestCardDigitizationResponse => {
  const card = store.cards.get(body.issuerCardRefId);
  if (!card) throw new ApiFailure('UNKNOWN_CARD', 'No card has this issuerCardRefId.', 'issuerCardRefId');
  const existing = store.tokens.get(body.virtualCardId);
  if (existing) {
    if (existing.enrolmentCorrelationId !== correlationId || existing.issuerCardRefId !== card.issuerCardRefId) {
      throw new ApiFailure('TOKEN_STATE_CONFLICT', 'virtualCardId: a token with this id exists already, from another enrolment.', 'virtualCardId');
    }
    // The platform asked again for the same enrolment: the decision already taken, unchanged.
    return responseOf(existing, decidedRule(store, existing));
  }

  const now = clock.now();
  const holder = store.cardholders.get(card.cardholderId);
  const holderTokens = store.cardsOf(card.cardholderId).flatMap((each) => store.tokensOfCard(each.issuerCardRefId));
  const at = now.getTime();
  const facts: DigitizationFacts = {
    deviceScore: body.scoring?.deviceScore ?? null,
    accountScore: body.scoring?.accountScore ?? null,
    deviceNewForCardholder: !holderTokens.some((token) => token.device.tokenStorageId === body.device.tokenStorageId && Date.parse(token.digitizedAt) <= at),
    tokensRequestedLast24h: holderTokens.filter((token) => Date.parse(token.digitizedAt) > at - DAY_MS && Date.parse(token.digitizedAt) <= at).length + 1,
    scoringReasons: body.scoring?.reasons ?? [],
    hasPhone: holder?.contacts.some((contact) => contact.channel === 'PHONE') ?? false,
    hasEmail: holder?.contacts.some((contact) => contact.channel === 'EMAIL') ?? false,
  };
  const decision = decideDigitization(store.digitizationRules, facts);
  const previous = store
    .tokensOfCard(card.issuerCardRefId)
    .find((token) => token.device.tokenStorageId === body.device.tokenStorageId && token.state === 'DELETED');
  const reasons = [...new Set([...decision.reasons, ...facts.scoringReasons])].slice(0, 10);
  const iso = now.toISOString();
  const requestor = requestorOf(body);

  const token: Token = {
    virtualCardId: body.virtualCardId,
    issuerCardRefId: card.issuerCardRefId,
    cardholderId: card.cardholderId,
    tokenRequestor: requestor,
    // The name comes from the wallet, maybe typed by the user: a card number in it is masked before it is kept.
    device: {
      name: body.device.name === undefined ? null : masked(body.device.name),
      type: body.device.type,
      tokenStorageId: body.device.tokenStorageId,
    },
    tokenLastFour: body.tokenInfo?.lastFour ?? lastFourFor(body.virtualCardId),
    fundingLastFour: card.lastFour,
    expiry: body.tokenInfo?.expiry ?? card.expiry,
    state: 'DEPLOYMENT_ONGOING',
    stateSince: iso,
    lastChangedBy: { source: 'WALLET' },
    suspendedBy: [],
    isPrimary: body.isPrimary,
    levelOfTrust: { decision: decision.decision, idvMethods: decision.idvMethods, reasons, decidedAt: iso },
    digitizedAt: iso,
    enrolmentCorrelationId: correlationId,
    ...(previous ? { previousAttemptVirtualCardId: previous.virtualCardId } : {}),
  };
  const requested: TokenEvent = {
    eventId: newEventId(),
    virtualCardId: token.virtualCardId,
    occurredAt: iso,
    kind: 'DIGITIZATION_REQUESTED',
    actor: { source: 'WALLET' },
    correlationId,
    detail: {
      walletProviderId: requestor.walletProviderId,
      tokenRequestorId: requestor.tokenRequestorId,
      deviceType: token.device.type,
      deviceName: token.device.name,
      tokenStorageId: token.device.tokenStorageId,
      isPrimary: token.isPrimary,
      deviceScore: facts.deviceScore,
      accountScore: facts.accountScore,
      deviceNewForCardholder: facts.deviceNewForCardholder,
      tokensRequestedLast24h: facts.tokensRequestedLast24h,
      previousAttemptVirtualCardId: previous?.virtualCardId ?? null,
    },
  };
  store.addToken(token, requested);
  // A yellow token is provisioned but unusable until the step-up is done.
  const decided: Token = decision.decision === 'YELLOW' ? { ...token, state: 'INACTIVE' } : token;
  store.recordTokenChange({
    token: decided,
    event: {
      eventId: newEventId(),
      virtualCardId: token.virtualCardId,
      occurredAt: iso,
      kind: 'DIGITIZATION_DECIDED',
      actor: { source: 'ISSUER' },
      correlationId,
      detail: { decision: decision.decision, idvMethods: decision.idvMethods, reasons, rule: decision.rule },
    },
  });
  ingest.applyParked(decided);
  return responseOf(decided, decision.rule);
};

const decidedRule = (store: SandboxStore, token: Token): string => {
  for (const event of store.storedEvents(token.virtualCardId)) {
    if (event.kind === 'DIGITIZATION_DECIDED') return event.detail.rule ?? 'NO_RULE_MATCHED';
  }
  return 'NO_RULE_MATCHED';
};

const responseOf = (token: Token, rule: string): RequestCardDigitizationResponse => ({
  virtualCardId: token.virtualCardId,
  levelOfTrust: token.levelOfTrust.decision,
  ...(token.levelOfTrust.decision === 'YELLOW' ? { idvMethodList: token.levelOfTrust.idvMethods } : {}),
  rule,
  reasons: token.levelOfTrust.reasons,
  previousAttemptVirtualCardId: token.previousAttemptVirtualCardId ?? null,
});
