import { useTranslation } from 'react-i18next';
import type { Token } from '../../../shared/api/model';
import { deviceTypeLabelKey, walletLabelKey } from '../../i18n/lookup-label-keys';
import { displayState } from '../../tokens/display-state';
import { actorRef } from '../../tokens/explain';
import { changedByText } from '../../tokens/explanation-text';
import { TimeStamp } from '../common/TimeStamp';
import { DeviceIcon } from './DeviceIcon';
import { StateChip } from './StateChip';
import { TrustBadge } from './TrustBadge';
import { WalletIcon } from './WalletIcon';
import type { TokenColumnId } from './columns';

/** What one column shows for one token. */
export const TokenCell = ({ column, token }: { column: TokenColumnId; token: Token }) => {
  const { t } = useTranslation();
  switch (column) {
    case 'wallet': {
      const wallet = token.tokenRequestor.walletProviderId;
      return (
        <span className="cell-wallet">
          <WalletIcon wallet={wallet} />
          <span className="cell-stack">
            <span>{token.tokenRequestor.name}</span>
            {wallet === 'MERCHANT' ? <span className="cell-sub">{t(walletLabelKey.MERCHANT)}</span> : null}
          </span>
        </span>
      );
    }
    case 'device':
      return (
        <span className="cell-device">
          <DeviceIcon type={token.device.type} />
          <span className="cell-stack">
            <span className={token.device.name === null ? 'cell-muted' : undefined}>{token.device.name ?? t('tokens.unnamedDevice')}</span>
            <span className="cell-sub">{t(deviceTypeLabelKey[token.device.type])}</span>
          </span>
        </span>
      );
    case 'token':
      return <span className="cell-mono">••••{token.tokenLastFour}</span>;
    case 'state':
      return <StateChip state={displayState(token)} />;
    case 'since':
      return <TimeStamp iso={token.stateSince} relative />;
    case 'changedBy':
      return <span>{changedByText(actorRef(token.lastChangedBy), t)}</span>;
    case 'trust':
      return <TrustBadge trust={token.levelOfTrust} />;
    case 'primary':
      return token.isPrimary ? (
        <span className="primary-flag">{t('tokens.primaryYes')}</span>
      ) : (
        <span className="cell-muted">
          <span aria-hidden="true">—</span>
          <span className="visually-hidden">{t('tokens.primaryNo')}</span>
        </span>
      );
  }
};
