import { useTranslation } from 'react-i18next';
import type { Token } from '../../../shared/api/model';
import { tokenStateLabelKey } from '../../i18n/lookup-label-keys';

/** Which token the dialog acts on, and the state the agent saw (what is sent as expectedState). */
export const TokenSubtitle = ({ token }: { token: Token }) => {
  const { t } = useTranslation();
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
