import { useTranslation } from 'react-i18next';
import type { BulkPreview } from '../../../shared/contract';
import { tokenStateLabelKey } from '../../i18n/lookup-label-keys';
import { useLanguage } from '../../hooks/use-language';
import { refusalText } from './describe-action';

/**
 * Exactly what the bulk action will change (state → state after) and what it leaves alone and
 * why, token by token, as the backend's fresh data says: the agent confirms this list, nothing else.
 */
export const BulkPreviewList = ({ preview }: { preview: BulkPreview }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const change = preview.items.filter((item) => item.decision === 'CHANGE');
  const skip = preview.items.filter((item) => item.decision === 'SKIP');
  const tokenCell = (item: BulkPreview['items'][number]) => (
    <>
      <td>
        {item.tokenRequestorName} <span className="cell-mono">••••{item.tokenLastFour}</span>
      </td>
      <td className="cell-mono">••••{item.cardLastFour}</td>
      <td>{item.deviceName ?? t('tokens.unnamedDevice')}</td>
    </>
  );
  return (
    <div className="bulk-preview" data-testid="bulk-preview">
      <h3 id="bulk-change-heading">{t('actions.bulk.changeHeading', { count: change.length })}</h3>
      {change.length === 0 ? (
        <p className="hint" data-testid="bulk-none">
          {t('actions.bulk.none')}
        </p>
      ) : (
        <div className="bulk-table-scroll">
          <table className="bulk-table" aria-labelledby="bulk-change-heading" data-testid="bulk-change">
            <thead>
              <tr>
                <th scope="col">{t('actions.bulk.token')}</th>
                <th scope="col">{t('actions.bulk.card')}</th>
                <th scope="col">{t('actions.bulk.device')}</th>
                <th scope="col">{t('actions.bulk.changeColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {change.map((item) => (
                <tr key={item.virtualCardId} data-token-id={item.virtualCardId}>
                  {tokenCell(item)}
                  <td>
                    {t('actions.bulk.change', {
                      from: t(tokenStateLabelKey[item.state]),
                      to: item.stateAfter === null ? '—' : t(tokenStateLabelKey[item.stateAfter]),
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {skip.length > 0 ? (
        <>
          <h3 id="bulk-skip-heading">{t('actions.bulk.skipHeading', { count: skip.length })}</h3>
          <div className="bulk-table-scroll">
            <table className="bulk-table bulk-table-skip" aria-labelledby="bulk-skip-heading" data-testid="bulk-skip">
              <thead>
                <tr>
                  <th scope="col">{t('actions.bulk.token')}</th>
                  <th scope="col">{t('actions.bulk.card')}</th>
                  <th scope="col">{t('actions.bulk.device')}</th>
                  <th scope="col">{t('actions.bulk.skipReason')}</th>
                </tr>
              </thead>
              <tbody>
                {skip.map((item) => (
                  <tr key={item.virtualCardId} data-token-id={item.virtualCardId}>
                    {tokenCell(item)}
                    <td>
                      <span className="skip-state">{t(tokenStateLabelKey[item.state])}</span>
                      {item.skipReason !== null ? ` · ${refusalText(item.skipReason, item.suspendedBy, t, language)}` : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
};
