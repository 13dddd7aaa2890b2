import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { approvalRuleFor } from '../../../shared/domain/approval-rules';
import { decideTransition } from '../../../shared/domain/transitions';
import { formatList } from '../../format/date-time';
import { focusTokenList, focusTokenRow } from '../../keyboard/focus';
import { useLanguage } from '../../hooks/use-language';
import { sourceSubjectKey } from '../../i18n/lookup-label-keys';
import type { TokenTarget } from '../../store/actions/initialState';
import { useDeskStore } from '../../store/store-context';
import { ActionDialogFooter } from './ActionDialogFooter';
import { ActionForm } from './ActionForm';
import { ActionProgress } from './ActionProgress';
import { ChangedMeanwhile } from './ChangedMeanwhile';
import { DialogSubmitError } from './DialogSubmitError';
import { DigitsConfirmField } from './DigitsConfirmField';
import { ModalDialog } from './ModalDialog';
import { NotificationPlan } from './NotificationPlan';
import { ReasonFields } from './ReasonFields';
import { SentSummary } from './SentSummary';
import { SupervisorApproval } from './SupervisorApproval';
import { TokenSubtitle } from './TokenSubtitle';
import { submitLabelKey } from './action-label-keys';
import { useActionDialog } from './use-action-dialog';
import { useLiveToken } from './use-live-token';

const TITLE = {
  suspend: 'actions.suspend.title',
  resume: 'actions.resume.title',
  delete: 'actions.remove.title',
} as const;

const HINT = {
  suspend: 'actions.suspend.hint',
  resume: 'actions.resume.hint',
  delete: 'actions.remove.final',
} as const;

/** Suspend, resume or delete one token: a reason, a comment, for delete the last four typed, then its progress. */
export const TokenActionDialog = ({ target }: { target: TokenTarget & { operation: 'suspend' | 'resume' | 'delete' } }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const { dialog, draft, policy, latest, onItsWay, close, update, submit } = useActionDialog();
  const live = useLiveToken(target.token);
  const requestApproval = useDeskStore((s) => s.requestApprovalFromDialog);
  if (dialog === null) return null;

  const { operation, token } = target;
  // Resuming under the override lifts a suspension the wallet or the TSP set: the agent is told whose.
  const outcome = operation === 'resume' && policy ? decideTransition(token, 'resume', 'ISSUER', { issuerMayOverrideSuspension: policy.issuerMayOverrideSuspension }) : null;
  const overrides = outcome?.allowed ? outcome.overridesSuspensionBy : [];
  // Four-eyes: the policy holds this action back (known before sending), or the backend said so (403 APPROVAL_REQUIRED).
  const held = policy ? approvalRuleFor(policy, { operation, overridesSuspensionBy: overrides, riskRules: [] }) : null;
  const approval = held ?? (latest?.failure?.backendCode === 'APPROVAL_REQUIRED' ? 'REFUSED' : null);
  const busy = dialog.submitting;
  const formId = `${id}-form`;

  return (
    <ModalDialog
      testId="action-dialog"
      title={t(TITLE[operation])}
      subtitle={<TokenSubtitle token={token} />}
      onClose={close}
      returnFocus={() => focusTokenRow(token.virtualCardId) || focusTokenList()}
      footer={
        <ActionDialogFooter
          formId={formId}
          finished={onItsWay}
          onClose={close}
          submit={{ label: t(submitLabelKey[operation]), sending: busy, retry: dialog.submitError !== null, danger: operation === 'delete' }}
          instead={approval !== null ? <SupervisorApproval rule={approval} /> : undefined}
        />
      }
    >
      <p className={operation === 'delete' ? 'action-final' : 'action-intro'}>{t(HINT[operation])}</p>
      {latest !== undefined ? <ActionProgress action={latest} /> : null}
      {onItsWay && latest !== undefined ? (
        <SentSummary action={latest} />
      ) : (
        <ActionForm id={formId} onSubmit={() => void (approval !== null ? requestApproval() : submit())}>
          <ChangedMeanwhile seen={token} live={live} />
          {overrides.length > 0 ? (
            <p className="notice notice-warning" data-testid="action-overrides">
              {t('actions.resume.overrides', { parties: formatList(overrides.map((party) => t(sourceSubjectKey[party])), language) })}
            </p>
          ) : null}
          <ReasonFields operation={operation} draft={draft} problems={dialog.fieldProblems} disabled={busy} onChange={update} />
          {operation === 'delete' ? (
            <DigitsConfirmField
              id={`${id}-last-four`}
              field="confirmLastFour"
              label={t('actions.remove.confirmLabel')}
              maxLength={4}
              draft={draft}
              problems={dialog.fieldProblems}
              disabled={busy}
              testId="action-confirm-last-four"
              onChange={update}
            />
          ) : null}
          <NotificationPlan operation={operation} policy={policy} token={token} reasonCode={draft.reasonCode} />
          <DialogSubmitError error={dialog.submitError} />
        </ActionForm>
      )}
    </ModalDialog>
  );
};
