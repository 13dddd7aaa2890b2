import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { decideTransition } from '../../../shared/domain/transitions';
import { formatList } from '../../format/date-time';
import { useLanguage } from '../../hooks/use-language';
import { sourceSubjectKey } from '../../i18n/lookup-label-keys';
import { actionsSelectors, sentActions } from '../../store/actions/selectors';
import type { TokenTarget } from '../../store/actions/initialState';
import { useDeskStore } from '../../store/store-context';
import { ActionProgress } from './ActionProgress';
import { ChangedMeanwhile } from './ChangedMeanwhile';
import { DialogSubmitError } from './DialogSubmitError';
import { DigitsConfirmField } from './DigitsConfirmField';
import { ModalDialog } from './ModalDialog';
import { NotificationPlan } from './NotificationPlan';
import { ReasonFields } from './ReasonFields';
import { SentSummary } from './SentSummary';
import { TokenSubtitle } from './TokenSubtitle';
import { submitLabelKey } from './action-label-keys';
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
  const { dialog, draft, byId, policy } = useDeskStore(
    useShallow((s) => ({ dialog: actionsSelectors.dialog(s), draft: actionsSelectors.draft(s), byId: actionsSelectors.byId(s), policy: actionsSelectors.policyData(s) })),
  );
  const close = useDeskStore((s) => s.closeActionDialog);
  const update = useDeskStore((s) => s.updateActionDraft);
  const submit = useDeskStore((s) => s.submitActionDialog);
  const live = useLiveToken(target.token);
  if (dialog === null) return null;

  const { operation, token } = target;
  // Resuming under the override lifts a suspension the wallet or the TSP set: the agent is told whose.
  const outcome = operation === 'resume' && policy ? decideTransition(token, 'resume', 'ISSUER', { issuerMayOverrideSuspension: policy.issuerMayOverrideSuspension }) : null;
  const overrides = outcome?.allowed ? outcome.overridesSuspensionBy : [];
  const latest = sentActions(dialog, byId).at(-1);
  const onItsWay = latest !== undefined && latest.status !== 'FAILED';
  const busy = dialog.submitting;

  return (
    <ModalDialog
      testId="action-dialog"
      title={t(TITLE[operation])}
      subtitle={<TokenSubtitle token={token} />}
      onClose={close}
      footer={
        <>
          <span className="hint action-dialog-keeps">{onItsWay ? '' : t('actions.dialog.keepsDraft')}</span>
          <button type="button" className="button-secondary" onClick={close}>
            {onItsWay ? t('actions.dialog.close') : t('actions.dialog.cancel')}
          </button>
          {onItsWay ? null : (
            <button
              type="submit"
              form={`${id}-form`}
              className={operation === 'delete' ? 'button-danger' : 'button-primary'}
              disabled={busy}
              aria-disabled={busy}
              data-testid="action-submit"
            >
              {busy ? t('actions.dialog.sending') : dialog.submitError !== null ? t('actions.dialog.retry') : t(submitLabelKey[operation])}
            </button>
          )}
        </>
      }
    >
      <p className={operation === 'delete' ? 'action-final' : 'action-intro'}>{t(HINT[operation])}</p>
      {latest !== undefined ? <ActionProgress action={latest} /> : null}
      {onItsWay && latest !== undefined ? (
        <SentSummary action={latest} />
      ) : (
        <form
          id={`${id}-form`}
          className="action-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <ChangedMeanwhile seen={token} live={live} />
          {overrides.length > 0 ? (
            <p className="notice notice-warning" data-testid="action-overrides">
              {t('actions.resume.overrides', { parties: formatList(overrides.map((party) => t(sourceSubjectKey[party])), language) })}
            </p>
          ) : null}
          <ReasonFields operation={operation} draft={draft} problems={dialog.fieldProblems} disabled={busy} onChange={update} />
          {operation === 'delete' ? (
            <div className="field action-last-four">
              <DigitsConfirmField
                id={`${id}-last-four`}
                label={t('actions.remove.confirmLabel')}
                maxLength={4}
                value={draft.confirmLastFour}
                disabled={busy}
                problem={dialog.fieldProblems.confirmLastFour}
                testId="action-confirm-last-four"
                onChange={(value) => update({ confirmLastFour: value })}
              />
            </div>
          ) : null}
          <NotificationPlan operation={operation} policy={policy} token={token} reasonCode={draft.reasonCode} />
          <DialogSubmitError error={dialog.submitError} />
        </form>
      )}
    </ModalDialog>
  );
};
