import { useState } from 'react';
import { useDeskStore } from '../../store/store-context';
import type { ExportFormat } from '../../store/supervision/initialState';
import { CallErrorNotice } from '../CallErrorNotice';
import { useSupervisionTranslation } from './supervision-messages';

const FORMATS: readonly ExportFormat[] = ['csv', 'jsonl'];

/**
 * Exports what the filter selects: main asks where to save and writes the file; this shows its
 * progress as main reports it, with a cancel that leaves no file behind.
 */
export const AuditExportBar = () => {
  const { t, i18n } = useSupervisionTranslation();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const state = useDeskStore((s) => s.auditExport);
  const start = useDeskStore((s) => s.startAuditExport);
  const cancel = useDeskStore((s) => s.cancelAuditExport);
  const { current } = state;
  const running = current?.state === 'running';
  const records = current === null ? '' : current.records.toLocaleString(i18n.language);
  return (
    <div className="audit-export" role="group" aria-label={t('audit.export.groupLabel')} data-testid="audit-export">
      <label className="audit-filter-field">
        <span>{t('audit.export.format')}</span>
        <select name="exportFormat" value={format} onChange={(event) => setFormat(event.target.value === 'jsonl' ? 'jsonl' : 'csv')} disabled={running || state.starting}>
          {FORMATS.map((option) => (
            <option key={option} value={option}>
              {t(`audit.export.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void start(format)} disabled={running || state.starting} data-testid="audit-export-start">
        {t('audit.export.start')}
      </button>
      <span className="audit-export-status" role="status" data-testid="audit-export-status" data-state={state.starting ? 'starting' : (current?.state ?? 'idle')}>
        {state.starting
          ? t('audit.export.starting')
          : current === null
            ? ''
            : t(`audit.export.${current.state === 'running' ? 'running' : current.state}`, { fileName: current.fileName, records })}
      </span>
      {running ? (
        <button type="button" className="button-secondary" onClick={() => void cancel()} data-testid="audit-export-cancel">
          {t('audit.export.cancel')}
        </button>
      ) : null}
      {current?.state === 'failed' && current.error !== null ? <CallErrorNotice error={current.error} /> : null}
      {state.startError !== null ? <CallErrorNotice error={state.startError} title={t('audit.export.startFailed')} /> : null}
    </div>
  );
};
