import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Token } from '../../../shared/api/model';
import type { TokenActionPolicy } from '../../../shared/contract';
import type { TokenOperation } from '../../../shared/domain/transitions';
import { cardholderReason } from '../../../shared/domain/cardholder-reason';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { useDeskStore } from '../../store/store-context';
import { channelLabelKey } from './action-label-keys';
import { plannedNotification } from './describe-action';
import { previewNotification } from './notification-preview';

/**
 * Which notification the cardholder will get, said before the agent confirms
 * (docs/domain.md, "Cardholder notifications"); for one token, also the text itself as the cardholder will receive it.
 */
export const NotificationPlan = ({
  operation,
  policy,
  token,
  reasonCode,
}: {
  operation: TokenOperation;
  policy: TokenActionPolicy | null;
  /** The one token the action is for; a bulk action names the template only. */
  token?: Token;
  reasonCode?: string;
}) => {
  const { t } = useTranslation();
  const { templates, loading, loadError, cardholder } = useDeskStore(
    useShallow((s) => ({
      templates: s.templateEditor.loaded,
      loading: s.templateEditor.loading,
      loadError: s.templateEditor.loadError,
      cardholder: cardholderSelectors.cardholder(s),
    })),
  );
  const loadTemplates = useDeskStore((s) => s.loadTemplates);
  const wantsPreview = token !== undefined && policy?.platformNotifications !== false;
  useEffect(() => {
    // One try: without templates the dialog names the notification only, with no error to read.
    if (wantsPreview && templates === null && !loading && loadError === null) void loadTemplates();
  }, [wantsPreview, templates, loading, loadError, loadTemplates]);

  const preview =
    token === undefined
      ? null
      : previewNotification({
          operation,
          policy,
          templates,
          cardholder,
          token,
          reasonIn: (language) => cardholderReason(reasonCode, language),
        });
  return (
    <>
      <p className="action-notification-plan" data-testid="action-notification-plan">
        <span className="action-notification-label">{t('actions.notification.label')}: </span>
        {plannedNotification(operation, policy, t)}
      </p>
      {preview && (
        <div className="action-notification-preview" data-testid="action-notification-preview" lang={preview.language}>
          <p className="action-notification-preview-head">
            {t('actions.notification.preview.channel', { channel: t(channelLabelKey[preview.channel]) })}
            {preview.subject !== null && <> · {t('actions.notification.preview.subject', { subject: preview.subject })}</>}
          </p>
          <p className="action-notification-preview-body">{preview.body}</p>
        </div>
      )}
    </>
  );
};
