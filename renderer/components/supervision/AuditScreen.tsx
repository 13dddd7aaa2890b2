import { useEffect } from 'react';
import { useDeskStore } from '../../store/store-context';
import { CallErrorNotice } from '../CallErrorNotice';
import { AuditExportBar } from './AuditExportBar';
import { AuditFilterForm } from './AuditFilterForm';
import { AuditTable } from './AuditTable';
import { useSupervisionTranslation } from './supervision-messages';

/** The chain's state as the backend found it: intact, or where it breaks. */
const VerificationBar = () => {
  const { t } = useSupervisionTranslation();
  const verification = useDeskStore((s) => s.auditVerification);
  const verify = useDeskStore((s) => s.verifyAuditTrail);
  const { result } = verification;
  return (
    <div
      className="audit-verification"
      role="status"
      data-testid="audit-verification"
      data-state={verification.checking ? 'checking' : result === null ? 'unknown' : result.intact ? 'intact' : 'broken'}
    >
      {verification.checking ? (
        <span>{t('audit.verify.checking')}</span>
      ) : verification.error !== null ? (
        <CallErrorNotice error={verification.error} title={t('audit.verify.failed')} />
      ) : result === null ? null : result.intact ? (
        <span>{t('audit.verify.intact', { count: result.count })}</span>
      ) : (
        <strong>{t('audit.verify.broken', { sequence: result.brokenAt.sequence, reason: result.brokenAt.reason })}</strong>
      )}
      <button type="button" className="button-secondary" onClick={() => void verify()} disabled={verification.checking}>
        {t('audit.verify.recheck')}
      </button>
    </div>
  );
};

/** The audit trail: the chain's state, the filter, the export of what it selects, and the records. */
export const AuditScreen = () => {
  const { t } = useSupervisionTranslation();
  const list = useDeskStore((s) => s.auditList);
  const checked = useDeskStore((s) => s.auditVerification.result !== null || s.auditVerification.checking);
  const loadAudit = useDeskStore((s) => s.loadAudit);
  const verify = useDeskStore((s) => s.verifyAuditTrail);
  const firstOpen = !list.loaded && list.loading === null && list.error === null;

  useEffect(() => {
    if (firstOpen) void loadAudit();
  }, [firstOpen, loadAudit]);
  useEffect(() => {
    if (!checked) void verify();
  }, [checked, verify]);

  return (
    <div className="audit-screen" data-testid="audit-screen">
      <h2 className="supervision-title">{t('audit.title')}</h2>
      <VerificationBar />
      <AuditFilterForm key={JSON.stringify(list.filter)} filter={list.filter} onApply={(filter) => void loadAudit(filter)} />
      <AuditExportBar />
      {list.error?.load === 'first' ? (
        <CallErrorNotice error={list.error.error} title={t('audit.loadFailed')} onRetry={() => void loadAudit()} testId="audit-load-error" />
      ) : (
        <AuditTable />
      )}
    </div>
  );
};
