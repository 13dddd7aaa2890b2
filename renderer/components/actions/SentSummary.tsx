import { useTranslation } from 'react-i18next';
import type { ActionView } from '../../../shared/contract';
import { keyFor } from '../../i18n/lookup-label-keys';
import { reasonLabelKey } from './action-label-keys';

/** What was sent, once it is on its way: the reason, what the token service got, the comment kept for the audit. */
export const SentSummary = ({ action }: { action: ActionView }) => {
  const { t } = useTranslation();
  const key = keyFor(reasonLabelKey, action.reasonCode);
  return (
    <dl className="action-sent-summary" data-testid="action-sent-summary">
      <dt>{t('actions.reason.label')}</dt>
      <dd>{key === undefined ? action.reasonCode : t(key)}</dd>
      <dt>{t('actions.reason.comment')}</dt>
      <dd className="action-sent-comment">{action.comment ?? '—'}</dd>
      <dd className="action-sent-wire">{t('actions.reason.sent', { reason: action.reasonSent })}</dd>
    </dl>
  );
};
