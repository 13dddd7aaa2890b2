import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Verifier } from '../../../shared/api/policy';
import { formatDateTime } from '../../format/date-time';
import { useRovingVirtualList } from '../../hooks/use-roving-virtual-list';
import { roleLabelKey } from '../../i18n/label-keys';
import { useDeskStore } from '../../store/store-context';
import type { AuditRecordView } from '../../store/supervision/initialState';
import { reasonLabelKey, verifierLabelKey } from '../actions/action-label-keys';
import { CallErrorNotice } from '../CallErrorNotice';
import { uiLanguage } from '../history/ui-language';
import { approverOf, detailOf, opensToken } from './audit-cells';
import { useSupervisionTranslation } from './supervision-messages';

/** Rows are one or two lines; the virtualizer measures each rendered row anyway. */
const ROW_ESTIMATE = 44;
const OVERSCAN = 8;
/** Ask for the next page this many rows before the end, so it is usually in before the reader gets there. */
const PREFETCH_ROWS = 80;

const keyOf = (record: AuditRecordView): string => record.recordId;

const Row = ({ record }: { readonly record: AuditRecordView }) => {
  const { t } = useSupervisionTranslation();
  const { t: tMain, i18n } = useTranslation();
  const language = uiLanguage(i18n);
  const detail = detailOf(record);
  const { actor } = record;
  const approver = approverOf(record);
  return (
    <>
      <span role="cell" className="audit-at">
        {formatDateTime(record.at, language)}
      </span>
      <span role="cell">
        {actor.type === 'AGENT' ? (
          <>
            {actor.name} <span className="muted">({actor.agentId}, {tMain(roleLabelKey[actor.role])})</span>
          </>
        ) : actor.type === 'WORKSTATION' ? (
          t('audit.workstationOnly')
        ) : actor.type === 'PLATFORM' ? (
          t('audit.platform')
        ) : (
          t('audit.system')
        )}
      </span>
      <span role="cell">{record.workstationId ?? ''}</span>
      <span role="cell">
        {record.cardholder === null ? (
          ''
        ) : (
          <>
            {record.cardholder.maskedName} <span className="muted">{record.cardholder.cardholderId}</span>
          </>
        )}
      </span>
      <span role="cell" className="audit-last-four">
        {record.token === null ? '' : `•${record.token.cardLastFour} / •${record.token.tokenLastFour}`}
      </span>
      <span role="cell">
        {t(`audit.kind.${record.kind}`)}
        {detail.operation !== undefined && detail.operation in OPERATIONS ? `: ${t(`audit.operation.${detail.operation as Operation}`)}` : ''}
      </span>
      <span role="cell" className="audit-reason">
        {detail.reasonCode === undefined ? '' : Object.hasOwn(reasonLabelKey, detail.reasonCode) ? tMain(reasonLabelKey[detail.reasonCode as keyof typeof reasonLabelKey]) : detail.reasonCode}
        {detail.comment ? <span className="audit-comment">{detail.comment}</span> : null}
      </span>
      <span role="cell">{(detail.verifiers ?? []).map((verifier) => tMain(verifierLabelKey[verifier as Verifier])).join('、')}</span>
      <span role="cell" className="audit-correlation">
        {record.correlationId ?? ''}
      </span>
      <span role="cell" data-outcome={record.outcome}>
        {t(`audit.outcome.${record.outcome}`)}
      </span>
      <span role="cell">{approver ?? ''}</span>
    </>
  );
};

type Operation = 'activate' | 'suspend' | 'resume' | 'delete';
const OPERATIONS: Readonly<Record<Operation, true>> = { activate: true, suspend: true, resume: true, delete: true };

const COLUMNS = ['at', 'agent', 'workstation', 'cardholder', 'cardToken', 'action', 'reason', 'verifiers', 'correlationId', 'outcome', 'approver'] as const;

/**
 * The records, virtualized: only the rows in view (and a few around them) are in the DOM, so a
 * hundred thousand records scroll like a page; older pages are asked for by cursor as the reader
 * nears the end. Enter on a row (or a click) opens its token's history on the desk.
 */
export const AuditTable = () => {
  const { t } = useSupervisionTranslation();
  const list = useDeskStore((s) => s.auditList);
  const loadMore = useDeskStore((s) => s.loadMoreAudit);
  const openToken = useDeskStore((s) => s.openAuditRecordToken);
  const { items } = list;

  const { scrollRef, virtualizer, activeIndex, onKeyDown, onFocus } = useRovingVirtualList({
    items,
    keyOf,
    estimateSize: ROW_ESTIMATE,
    overscan: OVERSCAN,
    onActivate: (record) => {
      if (opensToken(record)) void openToken(record.recordId);
    },
  });
  const rows = virtualizer.getVirtualItems();
  const lastRendered = rows.at(-1)?.index ?? -1;
  const canLoadMore = list.nextCursor !== null && list.loading === null && list.error === null;

  useEffect(() => {
    if (canLoadMore && lastRendered >= items.length - PREFETCH_ROWS) void loadMore();
  }, [canLoadMore, lastRendered, items.length, loadMore]);

  return (
    <div className="audit-table-wrap">
      <p className="audit-count" role="status" data-testid="audit-count">
        {list.loading === 'first'
          ? t('audit.loading')
          : list.loaded
            ? t(list.nextCursor === null ? 'audit.shown' : 'audit.shownMore', { count: items.length })
            : ''}
      </p>
      <div className="audit-table" role="table" aria-label={t('audit.listLabel')} aria-rowcount={list.nextCursor === null ? items.length + 1 : -1}>
        <div className="audit-row audit-head" role="row" aria-rowindex={1}>
          {COLUMNS.map((column) => (
            <span key={column} role="columnheader">
              {t(`audit.columns.${column}`)}
            </span>
          ))}
        </div>
        <div className="audit-scroll" ref={scrollRef} onKeyDown={onKeyDown} onFocus={onFocus} data-testid="audit-scroll">
          <div className="audit-body" style={{ height: virtualizer.getTotalSize() }}>
            {rows.map((row) => {
              const record = items[row.index];
              if (record === undefined) return null;
              const opens = opensToken(record);
              return (
                <div
                  key={row.key}
                  role="row"
                  className="audit-row"
                  data-index={row.index}
                  data-testid="audit-row"
                  data-kind={record.kind}
                  aria-rowindex={row.index + 2}
                  ref={virtualizer.measureElement}
                  tabIndex={row.index === activeIndex ? 0 : -1}
                  style={{ transform: `translateY(${String(row.start)}px)` }}
                  title={opens && record.token !== null ? t('audit.openToken', { lastFour: record.token.tokenLastFour }) : undefined}
                  data-opens={opens || undefined}
                  onClick={opens ? () => void openToken(record.recordId) : undefined}
                >
                  <Row record={record} />
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {list.loading === 'more' ? <p className="muted">{t('audit.loadingMore')}</p> : null}
      {list.error?.load === 'more' ? <CallErrorNotice error={list.error.error} title={t('audit.moreFailed')} onRetry={() => void loadMore()} /> : null}
      {list.loaded && items.length === 0 ? <p className="empty-note">{t('audit.empty')}</p> : null}
    </div>
  );
};
