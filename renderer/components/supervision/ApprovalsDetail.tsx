import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cardNumberPlace } from '../../../shared/api/free-text';
import type { ApprovalRequest } from '../../../shared/api/approvals';
import type { Verifier } from '../../../shared/api/policy';
import { formatDateTime, formatList } from '../../format/date-time';
import { deviceTypeLabelKey, tokenStateLabelKey, walletLabelKey } from '../../i18n/lookup-label-keys';
import { canDecide } from '../../store/approval-queue/queue-order';
import { sessionSelectors } from '../../store/session/selectors';
import { useDeskStore } from '../../store/store-context';
import { operationLabelKey, reasonLabelKey, riskRuleKey, verifierLabelKey } from '../actions/action-label-keys';
import { CallErrorNotice } from '../CallErrorNotice';
import { uiLanguage } from '../history/ui-language';
import { useSupervisionTranslation } from './supervision-messages';

/** The backend's refusals a supervisor can understand without support, each said in words. */
const REFUSALS = ['SELF_APPROVAL_FORBIDDEN', 'FORBIDDEN_ROLE', 'APPROVAL_NOT_PENDING'] as const;
type Refusal = (typeof REFUSALS)[number];
const refusalOf = (code: string | undefined): Refusal | null => REFUSALS.find((each) => each === code) ?? null;

/** The comment's limit, as the decision's schema takes it. */
const COMMENT_MAX = 500;

const Field = ({ label, children, testId }: { readonly label: string; readonly children: React.ReactNode; readonly testId?: string }) => (
  <>
    <dt>{label}</dt>
    <dd data-testid={testId}>{children}</dd>
  </>
);

/**
 * One request in full, beside the queue: who asked for what on which token and why, what the agent
 * checked on the call, and the rule that held it back; then the decision (comment, approve, reject)
 * while it waits and another supervisor may decide it, or how it was decided and how the run ended.
 */
export const ApprovalsDetail = ({ request }: { readonly request: ApprovalRequest }) => {
  const { t } = useSupervisionTranslation();
  const { t: tMain, i18n } = useTranslation();
  const language = uiLanguage(i18n);
  const viewer = useDeskStore(sessionSelectors.agent);
  const context = useDeskStore((s) => s.approvalContexts[request.virtualCardId]);
  const loadContext = useDeskStore((s) => s.loadApprovalContext);
  const openToken = useDeskStore((s) => s.openApprovalToken);
  const decide = useDeskStore((s) => s.decideApproval);
  const deciding = useDeskStore((s) => s.approvalDeciding);
  const outcome = useDeskStore((s) => (s.approvalDecisionOutcome?.requestId === request.requestId ? s.approvalDecisionOutcome : null));
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const commentId = useId();
  const problemId = useId();

  useEffect(() => {
    void loadContext(request.requestId);
  }, [loadContext, request.requestId]);

  const own = viewer !== null && request.requestedBy.agentId === viewer.agentId;
  const decidable = canDecide(request, viewer?.agentId ?? null);
  const operation = tMain(operationLabelKey[request.operation]);
  const { action } = request;

  const cardNumberProblem = (text: string): string | null => {
    const place = cardNumberPlace(text);
    return place === null ? null : tMain('freeText.cardNumber', { ...place });
  };
  const onComment = (text: string): void => {
    setComment(text);
    setProblem(cardNumberProblem(text));
  };
  const submit = (decision: 'approve' | 'reject'): void => {
    const refused = cardNumberProblem(comment) ?? (decision === 'reject' && comment.trim() === '' ? t('approvalQueue.commentRequired') : null);
    setProblem(refused);
    if (refused !== null) {
      document.getElementById(commentId)?.focus();
      return;
    }
    void decide(request.requestId, decision, comment);
  };

  const refusal = outcome?.error ? refusalOf(outcome.error.backend?.code ?? outcome.error.code) : null;

  return (
    <section className="approval-detail" aria-label={t('approvalQueue.detailLabel')} data-testid="approval-detail" data-request-id={request.requestId} data-state={request.state}>
      <h3 className="approval-detail-title">
        <span className="approval-chip" data-state={request.state} data-testid="approval-detail-state">
          {t(`approvalQueue.state.${request.state}`)}
        </span>{' '}
        {operation} ••••{request.tokenLastFour}
      </h3>
      <dl className="approval-facts">
        <Field label={t('approvalQueue.requester')} testId="approval-requester">
          {request.requestedBy.name} <span className="muted">({request.requestedBy.agentId})</span>
        </Field>
        <Field label={t('approvalQueue.requestedAt')}>{formatDateTime(request.requestedAt, language)}</Field>
        <Field label={t('approvalQueue.why')}>{t(`approvalQueue.rule.${request.rule}`)}</Field>
        <Field label={t('approvalQueue.cardholder')} testId="approval-cardholder">
          {context ? `${context.maskedName} ` : ''}
          <span className="muted">{request.cardholderId}</span>
          {context ? <> · {t('approvalQueue.cardLine', { product: context.productName ?? '', lastFour: context.cardLastFour })}</> : null}
        </Field>
        <Field label={t('approvalQueue.token')} testId="approval-token">
          {context
            ? t('approvalQueue.tokenLine', {
                lastFour: request.tokenLastFour,
                wallet: context.walletProviderId in walletLabelKey ? tMain(walletLabelKey[context.walletProviderId as keyof typeof walletLabelKey]) : context.walletName,
                device: [context.deviceName, context.deviceType in deviceTypeLabelKey ? tMain(deviceTypeLabelKey[context.deviceType as keyof typeof deviceTypeLabelKey]) : context.deviceType]
                  .filter((part) => part !== null)
                  .join(' '),
              })
            : `••••${request.tokenLastFour}`}
          {context === null ? <span className="muted"> {t('approvalQueue.contextLoading')}</span> : null}
        </Field>
        <Field label={t('approvalQueue.reason')} testId="approval-reason">
          {Object.hasOwn(reasonLabelKey, action.reasonCode) ? tMain(reasonLabelKey[action.reasonCode as keyof typeof reasonLabelKey]) : action.reasonCode}{' '}
          <span className="muted">({action.reasonCode})</span>
        </Field>
        <Field label={t('approvalQueue.agentComment')} testId="approval-agent-comment">
          {action.comment ?? <span className="muted">{t('approvalQueue.noComment')}</span>}
        </Field>
        {action.verifiers === undefined ? null : (
          <Field label={t('approvalQueue.verifiers')} testId="approval-verifiers">
            {formatList(
              action.verifiers.map((verifier) => tMain(verifierLabelKey[verifier as Verifier])),
              language,
            )}
          </Field>
        )}
        {action.callAnswers === undefined ? null : (
          <Field label={t('approvalQueue.callAnswers')} testId="approval-call-answers">
            {formatList(
              [
                t(action.callAnswers.inbound ? 'approvalQueue.inbound.yes' : 'approvalQueue.inbound.no'),
                t(action.callAnswers.askedToShareCode ? 'approvalQueue.askedToShare.yes' : 'approvalQueue.askedToShare.no'),
              ],
              language,
            )}
          </Field>
        )}
        {request.riskRules.length === 0 ? null : (
          <Field label={t('approvalQueue.riskRules')} testId="approval-risk-rules">
            <ul className="approval-risk-rules">
              {request.riskRules.map((rule) => (
                <li key={rule} data-rule={rule}>
                  {Object.hasOwn(riskRuleKey, rule) ? tMain(riskRuleKey[rule as keyof typeof riskRuleKey]) : rule}
                </li>
              ))}
            </ul>
            {request.signals === undefined ? null : (
              <span className="muted">
                {t('approvalQueue.signals', {
                  newDevice: t(request.signals.deviceNewForCardholder ? 'approvalQueue.yes' : 'approvalQueue.no'),
                  count: request.signals.tokensRequestedLast24h,
                })}
              </span>
            )}
          </Field>
        )}
        {request.bulk?.tokens === undefined ? null : (
          <Field label={t('approvalQueue.bulk', { count: request.bulk.tokens.length })} testId="approval-bulk-tokens">
            <ul className="approval-bulk-tokens">
              {request.bulk.tokens.map((token) => (
                <li key={token.virtualCardId} data-token-id={token.virtualCardId} data-outcome={token.outcome?.outcome ?? 'NONE'}>
                  {t('approvalQueue.bulkToken', { lastFour: token.tokenLastFour, state: tMain(tokenStateLabelKey[token.expectedState]) })}
                  {' — '}
                  {token.outcome === undefined
                    ? t('approvalQueue.bulkWaiting')
                    : token.outcome.outcome === 'ACCEPTED'
                      ? t('approvalQueue.bulkRan')
                      : t('approvalQueue.bulkFailed', { message: token.outcome.message })}
                </li>
              ))}
            </ul>
          </Field>
        )}
        {request.overridesSuspensionBy.length === 0 ? null : <Field label={t('approvalQueue.overrides')}>{request.overridesSuspensionBy.join('、')}</Field>}
      </dl>
      <button type="button" className="button-secondary" onClick={() => void openToken(request.requestId)} data-testid="approval-open-token">
        {t('approvalQueue.openToken')}
      </button>

      {request.decidedBy === undefined ? null : (
        <p className="approval-decided" data-testid="approval-decided">
          {t('approvalQueue.decided', { name: request.decidedBy.name, time: formatDateTime(request.decidedAt ?? request.requestedAt, language), comment: request.decisionComment ?? '' })}
        </p>
      )}
      {request.execution?.outcome === 'ACCEPTED' ? (
        <p className="approval-executed" data-testid="approval-execution">
          {t('approvalQueue.executed', { time: formatDateTime(request.execution.at, language) })}
        </p>
      ) : request.execution?.outcome === 'FAILED' ? (
        <p className="approval-execution-failed" role="alert" data-testid="approval-execution">
          {t('approvalQueue.executionFailed', { message: request.execution.message, code: request.execution.code })}
        </p>
      ) : null}

      {outcome?.error ? (
        <div className="approval-refused" role="alert" data-testid="approval-refused" data-code={outcome.error.backend?.code ?? outcome.error.code}>
          {refusal === null ? (
            <CallErrorNotice error={outcome.error} title={t('approvalQueue.refused.other')} />
          ) : (
            <p>{t(`approvalQueue.refused.${refusal}`)}</p>
          )}
          {refusal === 'APPROVAL_NOT_PENDING' && request.decidedBy !== undefined ? (
            <p data-testid="approval-decided-meanwhile">
              {t('approvalQueue.decidedMeanwhile', { name: request.decidedBy.name, state: t(`approvalQueue.state.${request.state}`), comment: request.decisionComment ?? '' })}
            </p>
          ) : null}
        </div>
      ) : outcome !== null ? (
        // The chip and the decision line say it on screen; this tells a screen reader the click went through.
        <p className="visually-hidden" role="status" data-testid="approval-done">
          {t(outcome.decision === 'approve' ? 'approvalQueue.approvedDone' : 'approvalQueue.rejectedDone')}
        </p>
      ) : null}

      {decidable ? (
        <form
          className="approval-decision"
          data-testid="approval-decision"
          onSubmit={(event) => {
            event.preventDefault();
            submit('approve');
          }}
        >
          <label htmlFor={commentId}>{t('approvalQueue.comment')}</label>
          <textarea
            id={commentId}
            value={comment}
            maxLength={COMMENT_MAX}
            rows={3}
            onChange={(event) => onComment(event.target.value)}
            aria-invalid={problem !== null || undefined}
            aria-describedby={problemId}
            data-testid="approval-comment"
          />
          <p id={problemId} className={problem === null ? 'muted approval-hint' : 'field-error'} data-testid={problem === null ? undefined : 'approval-comment-problem'}>
            {problem ?? t('approvalQueue.commentHint')}
          </p>
          <div className="approval-buttons">
            <button type="submit" className="button-primary" disabled={deciding !== null} aria-busy={deciding === request.requestId || undefined} data-testid="approval-approve">
              {deciding === request.requestId ? t('approvalQueue.deciding') : t('approvalQueue.approve')}
            </button>
            <button type="button" className="button-danger" disabled={deciding !== null} onClick={() => submit('reject')} data-testid="approval-reject">
              {t('approvalQueue.reject')}
            </button>
          </div>
        </form>
      ) : request.state === 'PENDING' && own ? (
        <p className="approval-own muted" data-testid="approval-own">
          {t('approvalQueue.ownRequest')}
        </p>
      ) : null}
    </section>
  );
};
