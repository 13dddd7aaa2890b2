import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ApprovalRequest } from '../../../shared/api/approvals';
import type { ApprovalView } from '../../../shared/contract';
import { tokenStateLabelKey } from '../../i18n/lookup-label-keys';
import { ApprovalState } from './SupervisorApproval';

type Failed = Extract<NonNullable<ApprovalRequest['execution']>, { outcome: 'FAILED' }>;

/** Why a token was not run, in the console's words: the token changed meanwhile (and how it is now), or the backend's refusal code. */
const whyNotRun = (failure: Failed, t: TFunction): string =>
  [
    failure.code === 'TOKEN_STATE_CONFLICT' ? t('actions.failure.TOKEN_STATE_CONFLICT') : t('actions.failure.BACKEND_REFUSED'),
    failure.currentState === undefined ? t('actions.failure.backendCode', { code: failure.code }) : t('actions.failure.currentState', { state: t(tokenStateLabelKey[failure.currentState]) }),
  ].join(' ');

/**
 * A bulk action sent to a supervisor as one request: its state live, and once the backend ran it
 * each token's outcome (done, or not run and why: the token changed meanwhile, say), so the agent
 * tells the cardholder exactly which tokens were deleted.
 */
export const BulkApprovalResults = ({ view, lastFour }: { view: ApprovalView; /** The preview's last four digits by token, until the backend's request names them. */ lastFour: Readonly<Record<string, string>> }) => {
  const { t } = useTranslation();
  const asked = view.submission.bulk?.tokens ?? [];
  const ran = new Map((view.request?.bulk?.tokens ?? []).map((token) => [token.virtualCardId, token]));
  const done = [...ran.values()].filter((token) => token.outcome?.outcome === 'ACCEPTED').length;
  const failed = [...ran.values()].filter((token) => token.outcome?.outcome === 'FAILED').length;
  return (
    <section className="bulk-results" aria-labelledby="bulk-approval-heading" data-testid="bulk-approval">
      <h3 id="bulk-approval-heading">{t('approvals.bulk.heading')}</h3>
      <ApprovalState view={view} testId="bulk-approval-state" />
      <p role="status" data-testid="bulk-approval-summary">
        {t('approvals.bulk.summary', { done, failed, total: asked.length })}
      </p>
      <ul className="bulk-result-list">
        {asked.map((item) => {
          const token = ran.get(item.virtualCardId);
          const outcome = token?.outcome;
          return (
            <li key={item.virtualCardId} data-token-id={item.virtualCardId} data-outcome={outcome?.outcome ?? 'WAITING'} data-testid="bulk-approval-token">
              <span className="bulk-result-token">••••{token?.tokenLastFour ?? lastFour[item.virtualCardId] ?? '????'}</span>
              <span className="hint">
                {outcome === undefined
                  ? t('approvals.bulk.waiting')
                  : outcome.outcome === 'ACCEPTED'
                    ? t('approvals.bulk.done')
                    : t('approvals.bulk.notRun', { reason: whyNotRun(outcome, t) })}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
};
