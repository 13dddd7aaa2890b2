import { useTranslation } from 'react-i18next';
import type { Token } from '../../../shared/api/model';
import { tokenStateLabelKey } from '../../i18n/lookup-label-keys';
import { useLiveToken } from './use-live-token';

/**
 * Which token the dialog acts on, and its state as the table shows it now (after the action is
 * done, the new one); what is sent as expectedState stays the state the agent saw.
 */
export const TokenSubtitle = ({ token: seen }: { token: Token }) => {
  const { t } = useTranslation();
  const token = useLiveToken(seen) ?? seen;
  return (
    <>
      <span className="action-dialog-token">
        {t('actions.dialog.tokenLine', {
          wallet: token.tokenRequestor.name,
          lastFour: token.tokenLastFour,
          device: token.device.name ?? t('tokens.unnamedDevice'),
        })}
      </span>
      <span className="action-dialog-state" data-testid="action-dialog-state" data-state={token.state}>
        {t('actions.dialog.stateLine', { state: t(tokenStateLabelKey[token.state]) })}
      </span>
    </>
  );
};
