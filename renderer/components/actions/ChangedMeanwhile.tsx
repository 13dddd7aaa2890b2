import { useTranslation } from 'react-i18next';
import type { Token } from '../../../shared/api/model';
import { displayState, displayStateLabelKey } from '../../tokens/display-state';

/**
 * The token changed on screen while the dialog was open (the wallet acted meanwhile). The dialog
 * still sends the state the agent saw, so the backend answers with a conflict instead of acting on
 * a token the agent has not looked at; this line says so before they press the button.
 */
export const ChangedMeanwhile = ({ seen, live }: { seen: Token; live: Token | undefined }) => {
  const { t } = useTranslation();
  if (live === undefined || live.state === seen.state) return null;
  return (
    <p className="notice notice-warning action-changed" role="alert" data-testid="action-changed-meanwhile">
      {/* An enrolment that ended meanwhile (the cardholder removed the card during step-up) says why first: there is nothing left to act on. */}
      {live.digitizationOutcome === 'CANCELED' ? `${t('notifications.callbacks.canceledMeanwhile')} ` : ''}
      {t('actions.dialog.changedMeanwhile', { state: t(displayStateLabelKey[displayState(live)]) })}
    </p>
  );
};
