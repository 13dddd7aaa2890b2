import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { TokenState, WalletProviderId } from '../../../shared/api/model';
import { tokenStateLabelKey, walletLabelKey } from '../../i18n/lookup-label-keys';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { useDeskStore } from '../../store/store-context';
import { walletsPresent } from '../../tokens/token-view';
import { useRovingToolbar } from '../../keyboard/use-roving-toolbar';

const ALL = '';

/**
 * Filters for every card's tokens at once: state, wallet, and whether deleted tokens show (with how
 * many are hidden). A toolbar, one Tab stop: the arrows move between the filters.
 */
export const TokenFilters = () => {
  const { t } = useTranslation();
  const view = useDeskStore(cardholderSelectors.tokenView);
  const tokens = useDeskStore((s) => s.cardTokens);
  // Numbers, compared one by one: a fresh object per call would re-render forever.
  const counts = useDeskStore(useShallow(cardholderSelectors.tokenCounts));
  const setState = useDeskStore((s) => s.setTokenStateFilter);
  const setWallet = useDeskStore((s) => s.setTokenWalletFilter);
  const setShowDeleted = useDeskStore((s) => s.setShowDeletedTokens);
  const clear = useDeskStore((s) => s.clearTokenFilters);
  const wallets = useMemo(() => walletsPresent(cardholderSelectors.allTokens({ cardTokens: tokens })), [tokens]);
  const filtered = view.state !== null || view.wallet !== null || view.showDeleted;
  const toolbar = useRef<HTMLDivElement>(null);
  const { onKeyDownCapture, onFocus } = useRovingToolbar(toolbar);

  return (
    <div
      className="token-filters"
      role="toolbar"
      aria-label={t('tokens.filters.label')}
      ref={toolbar}
      onKeyDownCapture={onKeyDownCapture}
      onFocus={onFocus}
    >
      <label className="filter">
        <span>{t('tokens.filters.state')}</span>
        <select
          value={view.state ?? ALL}
          onChange={(event) => {
            const parsed = TokenState.safeParse(event.target.value);
            setState(parsed.success ? parsed.data : null);
          }}
        >
          <option value={ALL}>{t('tokens.filters.all')}</option>
          {TokenState.options.map((state) => (
            <option key={state} value={state}>
              {t(tokenStateLabelKey[state])}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>{t('tokens.filters.wallet')}</span>
        <select
          value={view.wallet ?? ALL}
          onChange={(event) => {
            const parsed = WalletProviderId.safeParse(event.target.value);
            setWallet(parsed.success ? parsed.data : null);
          }}
        >
          <option value={ALL}>{t('tokens.filters.all')}</option>
          {wallets.map((wallet) => (
            <option key={wallet} value={wallet}>
              {t(walletLabelKey[wallet])}
            </option>
          ))}
        </select>
      </label>
      <label className="filter filter-check">
        <input type="checkbox" checked={view.showDeleted || view.state === 'DELETED'} disabled={view.state === 'DELETED'} onChange={(event) => setShowDeleted(event.target.checked)} />
        <span>{t('tokens.filters.showDeleted')}</span>
      </label>
      <span className="filter-summary" role="status" data-testid="token-filter-summary">
        <span>{t('tokens.shown', { shown: counts.shown, total: counts.total })}</span>
        {counts.hiddenDeleted > 0 ? (
          <span className="hidden-deleted" data-testid="hidden-deleted">
            {t('tokens.filters.hiddenDeleted', { count: counts.hiddenDeleted })}
          </span>
        ) : null}
      </span>
      {filtered ? (
        <button type="button" className="button-link" onClick={clear}>
          {t('tokens.filters.clear')}
        </button>
      ) : null}
    </div>
  );
};
