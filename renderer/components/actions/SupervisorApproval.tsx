import { useTranslation } from 'react-i18next';
import type { ApprovalRule } from '../../../shared/domain/approval-rules';
import type { ApprovalView } from '../../../shared/contract';
import { formatDateTime } from '../../format/date-time';
import { useLanguage } from '../../hooks/use-language';
import { useDeskStore } from '../../store/store-context';
import { CallErrorNotice } from '../CallErrorNotice';

/** A request's state in words: main's phase until the backend stored it, then the backend's state. */
export const approvalStateOf = (view: ApprovalView): keyof typeof STATE_KEY => (view.phase === 'STORED' && view.request !== null ? view.request.state : view.phase === 'FAILED' ? 'FAILED' : 'SENDING');

const STATE_KEY = {
  SENDING: 'approvals.state.SENDING',
  FAILED: 'approvals.state.FAILED',
  PENDING: 'approvals.state.PENDING',
  APPROVED: 'approvals.state.APPROVED',
  EXECUTED: 'approvals.state.EXECUTED',
  EXECUTION_FAILED: 'approvals.state.EXECUTION_FAILED',
  PARTLY_EXECUTED: 'approvals.state.PARTLY_EXECUTED',
  REJECTED: 'approvals.state.REJECTED',
  EXPIRED: 'approvals.state.EXPIRED',
} as const;

const NEEDED_KEY = {
  DELETE: 'approvals.needed.DELETE',
  RESUME_OVERRIDING_SUSPENSION: 'approvals.needed.RESUME_OVERRIDING_SUSPENSION',
  ACTIVATION_RISK_RULE: 'approvals.needed.ACTIVATION_RISK_RULE',
} as const;

/** One request's state, the supervisor's words once decided, and until when it waits. */
export const ApprovalState = ({ view, testId }: { view: ApprovalView; testId: string }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const state = approvalStateOf(view);
  const request = view.request;
  return (
    <span className="approval-state" data-testid={testId} data-state={state}>
      <span className={`approval-chip approval-chip-${state.toLowerCase()}`}>{t(STATE_KEY[state])}</span>
      {request?.decidedBy !== undefined && request.decisionComment !== undefined ? (
        <span className="approval-decision" data-testid={`${testId}-decision`}>
          {t('approvals.decidedBy', { name: request.decidedBy.name, comment: request.decisionComment })}
        </span>
      ) : null}
      {request !== null && request.state === 'PENDING' ? <span className="hint">{t('approvals.expiresAt', { time: formatDateTime(request.expiresAt, language) })}</span> : null}
    </span>
  );
};

/**
 * In place of the action's own button when the issuer's policy holds the action back for a
 * supervisor (a delete, lifting another party's suspension, an Option D case a risk rule flagged):
 * "Request approval" sends what the agent filled in to a supervisor through main's outbox, and from
 * then on the dialog shows that request's state live, as the tray does.
 */
export const SupervisorApproval = ({ rule, bulkCount }: { rule: ApprovalRule | 'REFUSED'; /** A bulk action: one request for this many tokens. */ bulkCount?: number }) => {
  const { t } = useTranslation();
  const draftKey = useDeskStore((s) => s.actionDialog?.draftKey ?? null);
  const entryId = useDeskStore((s) => (draftKey === null ? undefined : s.approvalByDraft[draftKey]));
  const view = useDeskStore((s) => s.ownApprovals.find((item) => item.entryId === entryId));
  const sending = useDeskStore((s) => s.approvalSending);
  const error = useDeskStore((s) => s.approvalError);
  const request = useDeskStore((s) => s.requestApprovalFromDialog);
  if (view !== undefined) {
    return (
      <span className="supervisor-approval" data-testid="supervisor-approval">
        <ApprovalState view={view} testId="approval-dialog-state" />
      </span>
    );
  }
  return (
    <span className="supervisor-approval" data-testid="supervisor-approval" data-rule={rule}>
      <span className="hint">{rule === 'REFUSED' ? t('approvals.neededAfterRefusal') : bulkCount !== undefined ? t('approvals.bulk.needed', { count: bulkCount }) : t(NEEDED_KEY[rule])}</span>
      {error !== null ? <CallErrorNotice error={error} title={t('approvals.state.FAILED')} testId="approval-error" /> : null}
      <button type="button" className="button-primary" disabled={sending} onClick={() => void request()} data-testid="approval-request">
        {sending ? t('approvals.requesting') : t('approvals.request')}
      </button>
    </span>
  );
};
