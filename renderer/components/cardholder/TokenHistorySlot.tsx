import { useMemo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../hooks/use-language';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { useDeskStore } from '../../store/store-context';
import { explainToken } from '../../tokens/explain';
import { explanationText } from '../../tokens/explanation-text';
import { TokenHistory } from '../history/TokenHistory';

/** Puts the keyboard back on the token's row when the panel closes, so the agent carries on from there. */
const focusRow = (virtualCardId: string): void => {
  document.querySelector<HTMLElement>(`[data-token-id="${CSS.escape(virtualCardId)}"]`)?.focus();
};

/**
 * The side panel of the selected token: which token, the sentence that explains its state, and its
 * history timeline below (the history component's, renderer/components/history).
 */
export const TokenHistorySlot = () => {
  const { t } = useTranslation();
  const language = useLanguage();
  const virtualCardId = useDeskStore(cardholderSelectors.selectedVirtualCardId);
  const token = useDeskStore(cardholderSelectors.selectedToken);
  const events = useDeskStore(cardholderSelectors.selectedTokenEvents);
  const closeTokenHistory = useDeskStore((s) => s.closeTokenHistory);
  const explanation = useMemo(() => (token === null ? '' : explanationText(explainToken(token, events), t, language)), [token, events, t, language]);

  if (virtualCardId === null) return null;
  const close = (): void => {
    closeTokenHistory();
    focusRow(virtualCardId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    close();
  };
  return (
    <section className="token-history-panel" aria-labelledby="token-history-title" data-testid="token-history-panel" onKeyDown={onKeyDown}>
      <header className="token-history-header">
        <h2 id="token-history-title">
          <span className="token-history-label">{t('tokens.history.panelLabel')}</span>
          {token !== null ? (
            <span className="token-history-token">{t('tokens.history.title', { wallet: token.tokenRequestor.name, lastFour: token.tokenLastFour })}</span>
          ) : null}
        </h2>
        <button type="button" className="button-icon" aria-label={t('tokens.history.close')} title={t('tokens.history.close')} onClick={close}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      {explanation !== '' ? (
        <p className="token-history-explanation" data-testid="token-history-explanation">
          {explanation}
        </p>
      ) : null}
      <div className="token-history-body">
        <TokenHistory virtualCardId={virtualCardId} />
      </div>
    </section>
  );
};
