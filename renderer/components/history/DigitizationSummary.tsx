import { useTranslation } from 'react-i18next';
import type { Token } from '../../../shared/api/model';
import { idvLabelKey } from '../../i18n/lookup-label-keys';
import { actionsSelectors } from '../../store/actions/selectors';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { useDeskStore } from '../../store/store-context';
import { displayState, displayStateLabelKey } from '../../tokens/display-state';
import { uiLanguage } from './ui-language';

const DECISION_KEY = {
  GREEN: 'notifications.callbacks.trust.GREEN',
  YELLOW: 'notifications.callbacks.trust.YELLOW',
  RED: 'notifications.callbacks.trust.RED',
} as const;

/**
 * How the token came to be (docs/domain.md, "Digitization and level of trust"): the level of trust
 * decided at digitization, in words, with the step-up methods offered; the enrolment's correlation
 * id that links the request to every later callback; the earlier attempt this one retries, or the
 * re-enrolment that followed it ("Enrolment failures"); and whether the platform notifies the
 * cardholder at all.
 */
export const DigitizationSummary = ({ token }: { token: Token }) => {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n);
  const tokens = useDeskStore((s) => cardholderSelectors.cardTokens(token.issuerCardRefId)(s).items);
  const policy = useDeskStore(actionsSelectors.policyData);
  const selectToken = useDeskStore((s) => s.selectToken);
  const setShowDeleted = useDeskStore((s) => s.setShowDeletedTokens);
  const { levelOfTrust } = token;
  // Short labels, as on the trust badge: the panel is narrow, and the decision's reasons are in its history row.
  const methods = levelOfTrust.idvMethods.map((method) => t(idvLabelKey[method]));
  const earlier = token.previousAttemptVirtualCardId === undefined ? null : (tokens?.find((other) => other.virtualCardId === token.previousAttemptVirtualCardId) ?? null);
  const later = tokens?.find((other) => other.previousAttemptVirtualCardId === token.virtualCardId) ?? null;
  const open = (other: Token): void => {
    // An ended attempt is deleted, and deleted tokens are hidden by default: show them, or the link leads nowhere.
    if (other.state === 'DELETED') setShowDeleted(true);
    selectToken(other.virtualCardId);
  };
  const link = (other: Token, key: 'notifications.callbacks.summary.earlier' | 'notifications.callbacks.summary.later', testId: string) => (
    <p className="digitization-link" data-testid={testId}>
      {t(key, { lastFour: other.tokenLastFour, state: t(displayStateLabelKey[displayState(other)]) })}{' '}
      <button type="button" className="button-link" onClick={() => open(other)}>
        {t('notifications.callbacks.summary.show')}
      </button>
    </p>
  );

  return (
    <div className="digitization-summary" data-testid="digitization-summary" data-decision={levelOfTrust.decision}>
      <p className="digitization-line">
        <span className="digitization-trust" data-testid="digitization-trust">
          <span className="trust-dot" aria-hidden="true" />
          {[
            t('notifications.callbacks.summary.decision', { decision: t(DECISION_KEY[levelOfTrust.decision]) }),
            ...(levelOfTrust.decision === 'YELLOW' && methods.length > 0 ? [t('notifications.callbacks.summary.methods', { methods: methods.join(language === 'ja' ? '・' : ', ') })] : []),
          ].join(language === 'ja' ? '' : ' ')}
        </span>{' '}
        {/* Selectable in one click, like every id to quote; kept to one line so the timeline below keeps its room. */}
        <span className="digitization-enrolment">
          {t('notifications.callbacks.summary.enrolment')} <code className="selectable" data-testid="enrolment-correlation-id">{token.enrolmentCorrelationId}</code>
        </span>
      </p>
      {token.previousAttemptVirtualCardId !== undefined
        ? earlier
          ? link(earlier, 'notifications.callbacks.summary.earlier', 'digitization-earlier')
          : (
            <p className="digitization-link" data-testid="digitization-earlier">
              {t('notifications.callbacks.summary.earlierUnknown', { id: token.previousAttemptVirtualCardId })}
            </p>
          )
        : null}
      {later ? link(later, 'notifications.callbacks.summary.later', 'digitization-later') : null}
      {policy !== null && !policy.platformNotifications ? (
        <p className="digitization-notifications-off" data-testid="platform-notifications-off">
          {t('notifications.platformOff')}
        </p>
      ) : null}
    </div>
  );
};
