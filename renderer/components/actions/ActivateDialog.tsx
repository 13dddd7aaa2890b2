import { useId, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { approvalRuleFor } from '../../../shared/domain/approval-rules';
import { focusTokenList, focusTokenRow } from '../../keyboard/focus';
import { isTextEntry } from '../../keyboard/text-entry';
import type { TokenTarget } from '../../store/actions/initialState';
import { useDeskStore } from '../../store/store-context';
import { CallErrorNotice } from '../CallErrorNotice';
import { ActionDialogFooter } from './ActionDialogFooter';
import { ActionForm } from './ActionForm';
import { ActionProgress } from './ActionProgress';
import { ChangedMeanwhile } from './ChangedMeanwhile';
import { DialogSubmitError } from './DialogSubmitError';
import { IdentityChecklist } from './IdentityChecklist';
import { ModalDialog } from './ModalDialog';
import { ReasonFields } from './ReasonFields';
import { ScamAwareness } from './ScamAwareness';
import { SentSummary } from './SentSummary';
import { TokenSubtitle } from './TokenSubtitle';
import { riskRuleText } from './describe-action';
import { NotificationPlan } from './NotificationPlan';
import { checklistKeys, currentQuestion, optionDReadiness, toggleVerifiers } from './option-d-readiness';
import { SupervisorApproval } from './SupervisorApproval';
import { useActionDialog } from './use-action-dialog';
import { useLiveToken } from './use-live-token';

/**
 * Option D: the agent verifies the caller against the issuer's checklist, goes through the scam
 * signals and the two questions, and only then may activate: the footer says the check is met only
 * when both are done, and the button waits for it. A case a risk rule flags needs a supervisor:
 * the button gives way to the supervisor's place, and the refusal names the rules. Outside the text
 * fields the digits tick the checks and Y / N answer the question being asked.
 */
export const ActivateDialog = ({ target }: { target: TokenTarget }) => {
  const { t } = useTranslation();
  const id = useId();
  const { dialog, draft, policyLoad, policy, latest, onItsWay, close, update, submit } = useActionDialog();
  const loadPolicy = useDeskStore((s) => s.loadActionPolicy);
  const loadSignals = useDeskStore((s) => s.loadActionSignals);
  const live = useLiveToken(target.token);
  if (dialog === null) return null;

  const busy = dialog.submitting;
  const signals = dialog.signals.data;
  const readiness = optionDReadiness(policy, signals, draft);
  const risky = readiness.kind === 'supervisor' ? readiness.rules : [];
  const formId = `${id}-form`;
  const keys = policy === null ? [] : checklistKeys(policy.identityVerification);

  const refused = risky.length > 0;
  // Four-eyes: where the policy offers a supervisor's approval for a flagged case, the agent requests it.
  const approvable = refused && policy !== null && approvalRuleFor(policy, { operation: 'activate', overridesSuspensionBy: [], riskRules: risky }) !== null;
  let status: string | null = null;
  if (readiness.kind === 'loading') status = t('keyboard.optionD.loading');
  else if (readiness.kind === 'ready') status = t('keyboard.optionD.ready');
  else if (readiness.kind === 'incomplete') {
    status = [
      readiness.identityLeft > 0 ? t('keyboard.optionD.identityLeft', { count: readiness.identityLeft }) : null,
      readiness.questionsLeft > 0 ? t('keyboard.optionD.questionsLeft', { count: readiness.questionsLeft }) : null,
    ]
      .filter((part) => part !== null)
      .join(' · ');
  }
  const footer = (
    <ActionDialogFooter
      formId={formId}
      finished={onItsWay}
      onClose={close}
      // Instead of "what you typed is kept": what is still missing, that it is all there, or why it cannot go on.
      note={
        <span className="action-dialog-keeps">
          {onItsWay ? null : refused ? (
            <span className="action-refusal-short" data-testid="action-risk-refusal-short">
              {t('actions.activate.refusedShort')}
            </span>
          ) : (
            <span className="option-d-status" data-testid="option-d-status" data-ready={readiness.kind === 'ready' || undefined}>
              {status}
            </span>
          )}
        </span>
      }
      instead={
        refused ? (
          approvable ? (
            <SupervisorApproval rule="ACTIVATION_RISK_RULE" />
          ) : (
            <p className="supervisor-approval" data-testid="supervisor-approval">
              <strong>{t('keyboard.optionD.supervisor')}</strong>
            </p>
          )
        ) : undefined
      }
      submit={{ label: t('actions.dialog.submit.activate'), sending: busy, retry: dialog.submitError !== null, disabled: readiness.kind !== 'ready' }}
    />
  );

  // The checks' digits and the questions' Y / N, outside the comment and the reason (where they are typing).
  const onKey = (event: KeyboardEvent<HTMLDialogElement>): void => {
    if (busy || onItsWay || event.ctrlKey || event.metaKey || event.altKey || event.nativeEvent.isComposing || isTextEntry(event.target)) return;
    const check = keys.find((entry) => event.code === `Digit${entry.key}` || event.code === `Numpad${entry.key}` || event.key === entry.key);
    if (check !== undefined) {
      event.preventDefault();
      update({ verifiers: toggleVerifiers(draft.verifiers, check.verifiers) });
      return;
    }
    const question = currentQuestion(draft);
    const answer = event.code === 'KeyY' ? true : event.code === 'KeyN' ? false : null;
    if (question === null || answer === null || signals === null) return;
    event.preventDefault();
    update({ [question]: answer });
  };
  const backToRow = (): boolean => focusTokenRow(target.token.virtualCardId) || focusTokenList();

  return (
    <ModalDialog
      testId="action-dialog"
      title={t('actions.activate.title')}
      subtitle={<TokenSubtitle token={target.token} />}
      onClose={close}
      footer={footer}
      wide
      returnFocus={backToRow}
      onKey={onKey}
    >
      {latest !== undefined ? <ActionProgress action={latest} /> : null}
      {onItsWay && latest !== undefined ? <SentSummary action={latest} /> : null}
      {onItsWay ? null : (
        <ActionForm
          id={formId}
          className="action-form activate-form"
          onSubmit={() => {
            if (!refused) void submit();
          }}
        >
          {refused ? (
            <div className="notice notice-error action-refusal" role="alert" data-testid="action-risk-refusal">
              <p className="notice-message">{t('actions.activate.refused')}</p>
              <p>{t('keyboard.optionD.supervisorHelp')}</p>
              <p>{t('actions.activate.refusedRules')}</p>
              <ul>
                {risky.map((rule) => (
                  <li key={rule} data-rule={rule}>
                    {riskRuleText(rule, t)} <span className="rule-id">({rule})</span>
                  </li>
                ))}
              </ul>
              <p className="hint">{t('actions.activate.refusedAdvice')}</p>
            </div>
          ) : null}
          <ChangedMeanwhile seen={target.token} live={live} />
          {policyLoad.status === 'failed' && policyLoad.error !== null ? (
            <CallErrorNotice
              error={policyLoad.error}
              title={t('actions.policy.failed')}
              onRetry={() => void loadPolicy()}
              retryLabel={t('actions.policy.retry')}
              testId="action-policy-error"
            />
          ) : null}
          <div className="activate-columns">
            <div className="activate-column">
              <p className="action-intro">{t('actions.activate.intro')}</p>
              {keys.length > 0 ? <p className="hint option-d-keys">{t('keyboard.optionD.keysHint', { last: keys.length })}</p> : null}
              {policy !== null ? (
                <IdentityChecklist policy={policy.identityVerification} passed={draft.verifiers} disabled={busy} keys={keys} onChange={(verifiers) => update({ verifiers })} />
              ) : (
                <p className="loading-state" role="status">
                  {t('actions.policy.loading')}
                </p>
              )}
            </div>
            <div className="activate-column">
              {signals !== null ? (
                <ScamAwareness signals={signals} draft={draft} problem={dialog.fieldProblems.callAnswers} disabled={busy} onChange={update} />
              ) : dialog.signals.status === 'failed' && dialog.signals.error !== null ? (
                <CallErrorNotice
                  error={dialog.signals.error}
                  title={t('actions.activate.signalsFailed')}
                  onRetry={() => void loadSignals()}
                  retryLabel={t('actions.activate.signalsRetry')}
                  testId="action-signals-error"
                />
              ) : (
                <p className="loading-state" role="status">
                  {t('actions.activate.signalsLoading')}
                </p>
              )}
              <NotificationPlan operation="activate" policy={policy} token={target.token} />
            </div>
          </div>
          <ReasonFields operation="activate" draft={draft} problems={dialog.fieldProblems} disabled={busy} onChange={update} commentRows={2} />
          <DialogSubmitError error={dialog.submitError} />
        </ActionForm>
      )}
    </ModalDialog>
  );
};
