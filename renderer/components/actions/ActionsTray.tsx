import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { ActionView, ApprovalView } from '../../../shared/contract';
import { formatDateTime } from '../../format/date-time';
import { useLanguage } from '../../hooks/use-language';
import { walletLabelKey } from '../../i18n/lookup-label-keys';
import { actionsSelectors } from '../../store/actions/selectors';
import { isUnderWay, newestFirst } from '../../store/actions/reducer';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { useDeskStore } from '../../store/store-context';
import { CallErrorNotice } from '../CallErrorNotice';
import { ActionProgress } from './ActionProgress';
import { ActionStatusChip } from './ActionStatusChip';
import { operationLabelKey } from './action-label-keys';
import { failureLines } from './describe-action';
import { ApprovalState, approvalStateOf } from './SupervisorApproval';
import './actions.css';

const TrayItem = ({ action }: { action: ActionView }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const openCardholder = useDeskStore((s) => s.openCardholder);
  const selectToken = useDeskStore((s) => s.selectToken);
  const openId = useDeskStore((s) => s.openCardholderId);
  const show = async (): Promise<void> => {
    if (openId !== action.cardholderId) await openCardholder(action.cardholderId);
    selectToken(action.virtualCardId);
  };
  return (
    <li className="tray-item" data-testid="tray-item" data-action-id={action.actionId} data-status={action.status} data-token-id={action.virtualCardId}>
      <div className="tray-item-head">
        <span className="tray-item-title">
          {t('actions.tray.item', { operation: t(operationLabelKey[action.operation]), wallet: t(walletLabelKey[action.walletProviderId]), lastFour: action.tokenLastFour })}
        </span>
        <time className="tray-item-time" dateTime={action.requestedAt}>
          {formatDateTime(action.requestedAt, language)}
        </time>
      </div>
      <div className="tray-item-state">
        <ActionStatusChip action={action} withOperation={false} />
        <button type="button" className="button-link" onClick={() => void show()}>
          {t('actions.tray.open')}
        </button>
      </div>
      {action.failure !== null ? <p className="tray-item-failure">{failureLines(action.failure, t, language).join(' ')}</p> : null}
      <details className="tray-item-details">
        <summary>{t('actions.dialog.progressLabel')}</summary>
        <ActionProgress action={action} testId="tray-progress" />
      </details>
    </li>
  );
};

/** One of the agent's approval requests: which action, its state live, and the supervisor's words once decided. */
const ApprovalItem = ({ view }: { view: ApprovalView }) => {
  const { t } = useTranslation();
  const token = useDeskStore((s) => Object.values(s.cardTokens).flatMap((entry) => entry.items ?? []).find((item) => item.virtualCardId === view.submission.virtualCardId));
  return (
    <li className="tray-item tray-approval" data-testid="tray-approval" data-entry-id={view.entryId} data-state={approvalStateOf(view)} data-token-id={view.submission.virtualCardId} data-operation={view.submission.operation}>
      <div className="tray-item-head">
        <span className="tray-item-title">
          {view.submission.bulk?.tokens !== undefined
            ? t('approvals.bulk.trayItem', { operation: t(operationLabelKey[view.submission.operation]), count: view.submission.bulk.tokens.length })
            : t('approvals.tray.item', {
                operation: t(operationLabelKey[view.submission.operation]),
                wallet: token ? t(walletLabelKey[token.tokenRequestor.walletProviderId]) : view.submission.virtualCardId,
                lastFour: view.request?.tokenLastFour ?? token?.tokenLastFour ?? '????',
              })}
        </span>
      </div>
      <div className="tray-item-state">
        <ApprovalState view={view} testId="tray-approval-state" />
      </div>
    </li>
  );
};

/**
 * The workstation's actions this session, newest first, live: what was sent, accepted, done or
 * failed, including those main resumed after a restart. A fixed height, so nothing beside it moves
 * when an action arrives; the agent may fold it to its heading line.
 */
export const ActionsTray = () => {
  const { t } = useTranslation();
  const { byId, list, historyOpen } = useDeskStore(
    useShallow((s) => ({ byId: actionsSelectors.byId(s), list: actionsSelectors.list(s), historyOpen: cardholderSelectors.selectedVirtualCardId(s) !== null })),
  );
  const reload = useDeskStore((s) => s.loadActions);
  const approvals = useDeskStore((s) => s.ownApprovals);
  const actions = useMemo(() => newestFirst(Object.values(byId)), [byId]);
  const pending = actions.filter(isUnderWay).length;
  // Folded to its heading line (how many, how many under way) until the agent unfolds it: each
  // token's row already shows its own action, and a long list would put many stops in the Tab order.
  const [expanded, setExpanded] = useState(false);
  // A token's history needs all the height there is; that token's own action shows in its row.
  if (historyOpen) return null;
  return (
    <section className="actions-tray" aria-labelledby="actions-tray-title" data-testid="actions-tray" data-expanded={expanded}>
      <h2 id="actions-tray-title" className="actions-tray-title">
        <button
          type="button"
          className="actions-tray-toggle"
          aria-expanded={expanded}
          aria-controls="actions-tray-body"
          title={expanded ? t('actions.tray.collapse') : t('actions.tray.expand')}
          onClick={() => setExpanded(!expanded)}
        >
          <span className="actions-tray-caret" aria-hidden="true" />
          {t('actions.tray.title')}
          <span className="actions-tray-summary">{t('actions.tray.summary', { count: actions.length, pending })}</span>
        </button>
      </h2>
      <div className="actions-tray-body" id="actions-tray-body" hidden={!expanded}>
        {list.status === 'failed' && list.error !== null ? (
          <CallErrorNotice
            error={list.error}
            title={t('actions.tray.failed')}
            onRetry={() => void reload()}
            retryLabel={t('actions.tray.retry')}
            testId="actions-tray-error"
          />
        ) : null}
        {actions.length === 0 && approvals.length === 0 && list.status !== 'failed' ? (
          <p className="hint">{list.status === 'loading' && list.data === null ? t('actions.tray.loading') : t('actions.tray.empty')}</p>
        ) : null}
        {approvals.length > 0 ? (
          <ul className="tray-list" aria-label={t('approvals.tray.title')} data-testid="tray-approvals">
            {approvals.map((view) => (
              <ApprovalItem key={view.entryId} view={view} />
            ))}
          </ul>
        ) : null}
        {actions.length > 0 ? (
          <ul className="tray-list">
            {actions.map((action) => (
              <TrayItem key={action.actionId} action={action} />
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
};
