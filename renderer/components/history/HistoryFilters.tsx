import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { EventKind } from '../../../shared/api/model';
import type { HistorySource } from '../../store/history/initialState';
import { historySelectors } from '../../store/history/selectors';
import { useDeskStore } from '../../store/store-context';
import { historySourceLabelKey, kindLabelKey } from '../../i18n/lookup-label-keys';

const SOURCES: readonly HistorySource[] = ['WALLET', 'TSP', 'ISSUER', 'AGENT'];

const isKind = (value: string): value is EventKind => EventKind.safeParse(value).success;
const isSource = (value: string): value is HistorySource => (SOURCES as readonly string[]).includes(value);

/** Narrows the loaded events by kind and by who acted; one choice each keeps it to two plain selects. */
export const HistoryFilters = () => {
  const { t } = useTranslation();
  const filter = useDeskStore(historySelectors.filter);
  const filtered = useDeskStore(historySelectors.isFiltered);
  const setFilter = useDeskStore((s) => s.setHistoryFilter);
  const kindId = useId();
  const sourceId = useId();
  return (
    <div className="history-filters" role="group" aria-label={t('history.filter.label')}>
      <label htmlFor={kindId}>{t('history.filter.kind')}</label>
      <select id={kindId} data-testid="history-filter-kind" value={filter.kind ?? ''} onChange={(e) => setFilter({ kind: isKind(e.target.value) ? e.target.value : null })}>
        <option value="">{t('history.filter.allKinds')}</option>
        {EventKind.options.map((kind) => (
          <option key={kind} value={kind}>
            {t(kindLabelKey[kind])}
          </option>
        ))}
      </select>
      <label htmlFor={sourceId}>{t('history.filter.source')}</label>
      <select id={sourceId} data-testid="history-filter-source" value={filter.source ?? ''} onChange={(e) => setFilter({ source: isSource(e.target.value) ? e.target.value : null })}>
        <option value="">{t('history.filter.allSources')}</option>
        {SOURCES.map((source) => (
          <option key={source} value={source}>
            {t(historySourceLabelKey[source])}
          </option>
        ))}
      </select>
      {filtered ? (
        <button type="button" className="button-link" onClick={() => setFilter({ kind: null, source: null })}>
          {t('history.filter.clear')}
        </button>
      ) : null}
    </div>
  );
};
