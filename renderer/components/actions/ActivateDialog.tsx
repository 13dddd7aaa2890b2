import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { checkIdentity } from '../../../shared/domain/identity-verification';
import type { TokenTarget } from '../../store/actions/initialState';
import { matchedRiskRules } from '../../store/actions/validate';
import { useDeskStore } from '../../store/store-context';
import { CallErrorNotice } from '../CallErrorNotice';
import { ActionDialogFooter } from './ActionDialogFooter';
import { ActionForm } from './ActionForm';
import { ActionProgress } from './ActionProgress';
import { ChangedMeanwhile } from './ChangedMeanwhile';
import { DialogSubmitError } from './DialogSubmitError';
import { IdentityChecklist, IdentityProgress } from './IdentityChecklist';
import { ModalDialog } from './ModalDialog';
import { ReasonFields } from './ReasonFields';
import { ScamAwareness } from './ScamAwareness';
import { SentSummary } from './SentSummary';
import { TokenSubtitle } from './TokenSubtitle';
import { riskRuleText } from './describe-action';
import { NotificationPlan } from './NotificationPlan';
import { useActionDialog } from './use-action-dialog';
import { useLiveToken } from './use-live-token';

/**
 * Option D: the agent verifies the caller against the issuer's checklist, goes through the scam
 * signals and the two questions, and only then may activate. A case a risk rule flags needs a
 * supervisor, which does not exist yet: the button gives way to the refusal, naming the rules.
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
  const risky = policy !== null && signals !== null ? matchedRiskRules(policy, signals, draft) : [];
  const identityMet = policy !== null && checkIdentity(policy.identityVerification, draft.verifiers).met;
  const ready = policy !== null && signals !== null;
  const formId = `${id}-form`;

  const refused = risky.length > 0;
  const footer = (
    <ActionDialogFooter
      formId={formId}
      finished={onItsWay || refused}
      onClose={close}
      // Instead of "what you typed is kept": how far the identity checks are, or why it cannot go on.
      note={
        <span className="action-dialog-keeps">
          {refused ? (
            <span className="action-refusal-short" data-testid="action-risk-refusal-short">
              {t('actions.activate.refusedShort')}
            </span>
          ) : ready && !onItsWay ? (
            <IdentityProgress policy={policy.identityVerification} passed={draft.verifiers} live={false} />
          ) : null}
        </span>
      }
      submit={{ label: t('actions.dialog.submit.activate'), sending: busy, retry: dialog.submitError !== null, disabled: !ready || !identityMet }}
    />
  );

  return (
    <ModalDialog testId="action-dialog" title={t('actions.activate.title')} subtitle={<TokenSubtitle token={target.token} />} onClose={close} footer={footer} wide>
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
              {policy !== null ? (
                <IdentityChecklist policy={policy.identityVerification} passed={draft.verifiers} disabled={busy} onChange={(verifiers) => update({ verifiers })} />
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
