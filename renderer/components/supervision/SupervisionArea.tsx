import { lazy, Suspense, useEffect, type KeyboardEvent } from 'react';
import { useDeskStore } from '../../store/store-context';
import type { SupervisionTab } from '../../store/supervision/initialState';
import { pendingCount } from '../../store/approval-queue/queue-order';
import { AccountsScreen } from './AccountsScreen';
import { ApprovalsScreen } from './ApprovalsScreen';
import { AuditScreen } from './AuditScreen';
import { useSupervisionTranslation } from './supervision-messages';
import './supervision.css';

// The floor brings its chart library: loaded when the floor is first opened.
const FloorScreen = lazy(() => import('./FloorScreen'));

const TABS: readonly SupervisionTab[] = ['audit', 'floor', 'accounts', 'approvals'];

/**
 * The supervisors' and administrators' area, in place of the desk: loaded (with its messages and
 * styles) only when one of them opens it. Its screens are tabs (arrow keys move between them).
 */
export const SupervisionArea = () => {
  const { t } = useSupervisionTranslation();
  const tab = useDeskStore((s) => s.supervisionTab);
  const setTab = useDeskStore((s) => s.setSupervisionTab);
  // The approvals tab counts the pending requests whichever tab is open: the queue is read on entry, then followed live.
  const pending = useDeskStore((s) => pendingCount(s.approvalRequests));
  const loadApprovals = useDeskStore((s) => s.loadApprovalQueue);
  useEffect(() => {
    void loadApprovals();
  }, [loadApprovals]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next = TABS[(TABS.indexOf(tab) + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length] ?? 'audit';
    setTab(next);
    document.getElementById(`supervision-tab-${next}`)?.focus();
    event.preventDefault();
  };
  return (
    <section className="supervision-area" data-testid="supervision-area" aria-label={t('area.title')}>
      <div className="supervision-tabs" role="tablist" aria-label={t('area.tabsLabel')} onKeyDown={onKeyDown}>
        {TABS.map((each) => (
          <button
            key={each}
            type="button"
            role="tab"
            id={`supervision-tab-${each}`}
            aria-selected={each === tab}
            aria-controls={`supervision-panel-${each}`}
            tabIndex={each === tab ? 0 : -1}
            onClick={() => setTab(each)}
            data-testid={`supervision-tab-${each}`}
          >
            {each === 'approvals' && pending > 0 ? t('area.approvalsPending', { count: pending }) : t(`area.${each}`)}
          </button>
        ))}
      </div>
      <div className="supervision-panel" role="tabpanel" id={`supervision-panel-${tab}`} aria-labelledby={`supervision-tab-${tab}`}>
        {tab === 'audit' ? (
          <AuditScreen />
        ) : tab === 'accounts' ? (
          <AccountsScreen />
        ) : tab === 'approvals' ? (
          <ApprovalsScreen />
        ) : (
          <Suspense fallback={<p className="muted">{t('floor.loading')}</p>}>
            <FloorScreen />
          </Suspense>
        )}
      </div>
    </section>
  );
};
