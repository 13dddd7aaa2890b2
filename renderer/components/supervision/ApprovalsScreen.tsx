import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalRequest } from '../../../shared/api/approvals';
import { formatDateTime } from '../../format/date-time';
import type { ApprovalQueueFilter } from '../../store/approval-queue/initialState';
import { shownRequests } from '../../store/approval-queue/queue-order';
import { useDeskStore } from '../../store/store-context';
import { operationLabelKey } from '../actions/action-label-keys';
import { CallErrorNotice } from '../CallErrorNotice';
import { uiLanguage } from '../history/ui-language';
import { ApprovalsDetail } from './ApprovalsDetail';
import { useApprovalSpan } from './approval-queue-time';
import { useSupervisionTranslation } from './supervision-messages';
import './approval-queue.css';

const FILTERS: readonly ApprovalQueueFilter[] = ['pending', 'decided', 'all'];

const QueueRow = ({ request, selected, onSelect }: { readonly request: ApprovalRequest; readonly selected: boolean; readonly onSelect: () => void }) => {
  const { t } = useSupervisionTranslation();
  const { t: tMain, i18n } = useTranslation();
  const language = uiLanguage(i18n);
  const span = useApprovalSpan();
  const pending = request.state === 'PENDING';
  const stateLabel = t(`approvalQueue.state.${request.state}`);
  return (
    <li
      role="option"
      id={`approval-row-${request.requestId}`}
      className="approval-row"
      aria-selected={selected}
      aria-label={t('approvalQueue.rowLabel', { agent: request.requestedBy.name, operation: tMain(operationLabelKey[request.operation]), lastFour: request.tokenLastFour, state: stateLabel })}
      data-testid="approval-row"
      data-request-id={request.requestId}
      data-token-id={request.virtualCardId}
      data-state={request.state}
      onClick={onSelect}
    >
      <span className="approval-row-main">
        <span className="approval-chip" data-state={request.state}>
          {stateLabel}
        </span>
        <strong>{tMain(operationLabelKey[request.operation])}</strong> <span className="approval-last-four">••••{request.tokenLastFour}</span>
      </span>
      <span className="approval-row-who">{request.requestedBy.name}</span>
      <span className="approval-row-time muted">
        {pending ? (
          <>
            {t('approvalQueue.waited', { span: span(request.requestedAt, null) })}
            {' · '}
            {t('approvalQueue.expires', { time: formatDateTime(request.expiresAt, language), span: span(null, request.expiresAt) })}
          </>
        ) : request.decidedBy !== undefined ? (
          t('approvalQueue.rowDecided', { name: request.decidedBy.name, time: formatDateTime(request.decidedAt ?? request.requestedAt, language) })
        ) : (
          t('approvalQueue.expired', { time: formatDateTime(request.expiresAt, language) })
        )}
      </span>
    </li>
  );
};

/**
 * The supervisors' approvals queue: every request the backend lets them see, followed live by its
 * `approval.changed` events (read again only when the stream comes back). The pending ones come
 * first, the one waiting longest at the top. Arrow keys move through the list, the selected request's
 * full context is beside it, and Tab reaches its comment and the approve and reject buttons.
 */
export const ApprovalsScreen = () => {
  const { t } = useSupervisionTranslation();
  const requests = useDeskStore((s) => s.approvalRequests);
  const filter = useDeskStore((s) => s.approvalQueueFilter);
  const setFilter = useDeskStore((s) => s.setApprovalQueueFilter);
  const loaded = useDeskStore((s) => s.approvalQueueLoaded);
  const loading = useDeskStore((s) => s.approvalQueueLoading);
  const error = useDeskStore((s) => s.approvalQueueError);
  const load = useDeskStore((s) => s.loadApprovalQueue);
  const selectedId = useDeskStore((s) => s.selectedApprovalId);
  const select = useDeskStore((s) => s.selectApproval);
  const listRef = useRef<HTMLUListElement>(null);

  const shown = shownRequests(requests, filter, selectedId);
  const selected = shown.find((request) => request.requestId === selectedId) ?? shown[0] ?? null;

  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);

  const move = (index: number): void => {
    const next = shown[Math.max(0, Math.min(shown.length - 1, index))];
    if (next === undefined) return;
    select(next.requestId);
    document.getElementById(`approval-row-${next.requestId}`)?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    const at = selected === null ? -1 : shown.indexOf(selected);
    const target = event.key === 'ArrowDown' ? at + 1 : event.key === 'ArrowUp' ? at - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? shown.length - 1 : null;
    if (target === null) return;
    event.preventDefault();
    move(target);
  };

  return (
    <div className="approvals-screen" data-testid="approvals-screen">
      <div className="floor-heading approvals-heading">
        <h2 className="supervision-title">{t('approvalQueue.title')}</h2>
        <fieldset className="approvals-filter">
          <legend className="visually-hidden">{t('approvalQueue.filterLabel')}</legend>
          {FILTERS.map((each) => (
            <label key={each} className="approvals-filter-choice">
              <input type="radio" name="approval-filter" value={each} checked={filter === each} onChange={() => setFilter(each)} data-testid={`approval-filter-${each}`} />
              {t(`approvalQueue.filter.${each}`)}
            </label>
          ))}
        </fieldset>
        <button type="button" className="button-secondary" onClick={() => void load()} disabled={loading} data-testid="approvals-refresh">
          {t('approvalQueue.refresh')}
        </button>
        {loading && !loaded ? <span className="muted">{t('approvalQueue.loading')}</span> : null}
      </div>
      {error !== null ? <CallErrorNotice error={error} title={t('approvalQueue.loadFailed')} onRetry={() => void load()} /> : null}
      <div className="approvals-body">
        <div className="approvals-list-wrap">
          {loaded && shown.length === 0 ? (
            <p className="empty-note" data-testid="approvals-empty">
              {t(`approvalQueue.empty.${filter}`)}
            </p>
          ) : (
            <ul
              ref={listRef}
              className="approvals-list"
              role="listbox"
              aria-label={t('approvalQueue.listLabel')}
              aria-activedescendant={selected === null ? undefined : `approval-row-${selected.requestId}`}
              tabIndex={0}
              onKeyDown={onKeyDown}
              data-testid="approvals-list"
            >
              {shown.map((request) => (
                <QueueRow
                  key={request.requestId}
                  request={request}
                  selected={request === selected}
                  onSelect={() => {
                    select(request.requestId);
                    listRef.current?.focus();
                  }}
                />
              ))}
            </ul>
          )}
        </div>
        {selected === null ? null : <ApprovalsDetail key={selected.requestId} request={selected} />}
      </div>
    </div>
  );
};
