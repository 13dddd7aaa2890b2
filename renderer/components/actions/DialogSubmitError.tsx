import { useTranslation } from 'react-i18next';
import type { TypedError } from '../../../shared/contract';
import { CallErrorNotice } from '../CallErrorNotice';

/** The call to main failed: said at the dialog, with what the agent typed left as it was. */
export const DialogSubmitError = ({ error }: { error: TypedError | null }) => {
  const { t } = useTranslation();
  if (error === null) return null;
  return <CallErrorNotice error={error} title={t('actions.dialog.submitFailed')} testId="action-submit-error" />;
};
