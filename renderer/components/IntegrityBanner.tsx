import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { DamagedAction } from '../../shared/api/integrity';
import type { IntegrityNotice } from '../../shared/contract';
import { useDeskStore } from '../store/store-context';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Each ending's sentence, named in full so the catalogue check sees every key used. */
const RECONCILED = {
  CONFIRMED: 'integrity.reconciled.CONFIRMED',
  FAILED: 'integrity.reconciled.FAILED',
  NOT_SENT: 'integrity.reconciled.NOT_SENT',
  UNKNOWN: 'integrity.reconciled.UNKNOWN',
} as const;

/** The sentence for how the action ended; an action with nothing left to identify it says that it stays unknown. */
const endingKey = (action: DamagedAction): string => (action.reconciled === 'UNKNOWN' && action.unidentified === true ? 'integrity.reconciled.UNIDENTIFIED' : RECONCILED[action.reconciled]);

const Sentences = ({ notice, t }: { notice: IntegrityNotice; t: Translate }) => {
  const { action } = notice;
  const unknown = t('integrity.unknownPart');
  return (
    <>
      <p>
        {notice.subject === 'AUDIT_JOURNAL'
          ? t('integrity.journal', { count: notice.findingCount })
          : t('integrity.outbox', { file: action?.file ?? notice.keptAs ?? unknown })}
      </p>
      {action !== null ? (
        <>
          <p>
            {t('integrity.action', {
              operation: action.operation ?? unknown,
              lastFour: action.tokenLastFour ?? unknown,
              time: action.requestedAt ?? unknown,
            })}
          </p>
          <p data-testid="integrity-reconciled" data-reconciled={action.reconciled}>
            {t(endingKey(action))}
            {action.failure !== undefined ? ` (${action.failure.code}${action.failure.tspErrorCode !== undefined ? ` ${action.failure.tspErrorCode}` : ''})` : ''}
          </p>
        </>
      ) : null}
      <p>{notice.reported ? t('integrity.reported') : t('integrity.reporting')}</p>
    </>
  );
};

/**
 * What main found wrong in its own files on start (the audit journal, an outbox entry), on every
 * screen, the sign-in screen too: Japanese first, English beside it, whatever language the console
 * shows, as whoever reads it first may be a supervisor called over. It stays for the rest of the
 * run: nothing here is the agent's to dismiss.
 */
export const IntegrityBanner = () => {
  const { i18n } = useTranslation();
  const notices = useDeskStore((s) => s.integrityNotices);
  const loadIntegrityNotices = useDeskStore((s) => s.loadIntegrityNotices);
  useEffect(() => {
    void loadIntegrityNotices();
  }, [loadIntegrityNotices]);
  if (notices.length === 0) return null;
  const ja = i18n.getFixedT('ja') as Translate;
  const en = i18n.getFixedT('en') as Translate;
  return (
    <section className="integrity-banner" role="alert" aria-labelledby="integrity-banner-title" data-testid="integrity-banner">
      <h2 id="integrity-banner-title">
        <span lang="ja">{ja('integrity.title')}</span> <span lang="en">{en('integrity.title')}</span>
      </h2>
      <ul className="integrity-notices">
        {notices.map((notice) => (
          <li key={notice.reportId} data-testid="integrity-notice" data-subject={notice.subject} data-reported={notice.reported}>
            <div className="integrity-notice-languages">
              <div lang="ja">
                <Sentences notice={notice} t={ja} />
              </div>
              <div lang="en">
                <Sentences notice={notice} t={en} />
              </div>
            </div>
            <details>
              <summary>
                {ja('integrity.details')} / {en('integrity.details')}
              </summary>
              <ul lang="en">
                {notice.findings.map((finding, index) => (
                  // Fixed for the notice's life; the index is stable.
                  <li key={index}>
                    {finding.line > 0 ? `line ${finding.line}: ` : ''}
                    {finding.problem}
                  </li>
                ))}
              </ul>
              {notice.keptAs !== null ? <p className="selectable">{en('integrity.keptAs', { file: notice.keptAs })}</p> : null}
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
};
