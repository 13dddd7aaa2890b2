import type { Token } from '../../shared/api/model';
import type { DigitizationSignals } from '../../shared/api/policy';
import type { RiskFacts } from '../../shared/domain/risk-rules';
import type { SandboxStore } from './store';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every token of the token's cardholder, across all their cards, deleted ones included. */
const holderTokens = (store: SandboxStore, cardholderId: string): Token[] =>
  store.cardsOf(cardholderId).flatMap((card) => store.tokensOfCard(card.issuerCardRefId));

/**
 * What the backend knows about a token's digitization, computed from the store as it is: the
 * device is new when no earlier token of the same cardholder lives on the same token storage (SE
 * or HCE instance); the velocity counts the cardholder's tokens digitized in the 24 hours up to
 * this one's digitization, this one included. Later tokens never count: the signals describe the
 * moment of the request, so they read the same whenever the agent looks.
 */
export const digitizationSignalsOf = (store: SandboxStore, token: Token): DigitizationSignals => {
  const at = Date.parse(token.digitizedAt);
  const others = holderTokens(store, token.cardholderId).filter((other) => other.virtualCardId !== token.virtualCardId);
  const earlier = (other: Token): boolean => Date.parse(other.digitizedAt) < at;
  const deviceNewForCardholder = !others.some((other) => earlier(other) && other.device.tokenStorageId === token.device.tokenStorageId);
  const inWindow = others.filter((other) => {
    const when = Date.parse(other.digitizedAt);
    return when > at - DAY_MS && when <= at;
  });
  return {
    virtualCardId: token.virtualCardId,
    deviceNewForCardholder,
    tokensRequestedLast24h: inWindow.length + 1,
    levelOfTrust: token.levelOfTrust,
    requestedAt: token.digitizedAt,
  };
};

/** The risk rules' facts: the backend's signals and what the agent learned on the call. */
export const riskFactsOf = (signals: DigitizationSignals, call: { readonly inbound: boolean; readonly askedToShareCode: boolean }): RiskFacts => ({
  deviceNewForCardholder: signals.deviceNewForCardholder,
  tokensRequestedLast24h: signals.tokensRequestedLast24h,
  levelOfTrustReasons: signals.levelOfTrust.reasons,
  callInbound: call.inbound,
  askedToShareCode: call.askedToShareCode,
});
