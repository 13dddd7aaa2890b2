import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { approvalRuleFor } from '../../../shared/domain/approval-rules';
import { BulkOperationName, type ActionView } from '../../../shared/contract';
import { formatDateTime } from '../../format/date-time';
import { useLanguage } from '../../hooks/use-language';
import { focusTokenList } from '../../keyboard/focus';
import { walletLabelKey } from '../../i18n/lookup-label-keys';
import type { BulkTarget } from '../../store/actions/initialState';
import { changing } from '../../store/actions/validate';
import { useDeskStore } from '../../store/store-context';
import { CallErrorNotice } from '../CallErrorNotice';
import { ActionDialogFooter } from './ActionDialogFooter';
import { ActionForm } from './ActionForm';
import { ActionStatusChip } from './ActionStatusChip';
import { BulkApprovalResults } from './BulkApprovalResults';
import { BulkPreviewList } from './BulkPreviewList';
import { CopyableId } from './CopyableId';
import { DialogSubmitError } from './DialogSubmitError';
import { DigitsConfirmField } from './DigitsConfirmField';
import { ModalDialog } from './ModalDialog';
import { ReasonFields } from './ReasonFields';
import { bulkSubmitLabelKey, operationLabelKey } from './action-label-keys';
import { failureLines } from './describe-action';
import { NotificationPlan } from './NotificationPlan';
import { SupervisorApproval } from './SupervisorApproval';
import { useActionDialog } from './use-action-dialog';

/** Per token, live: each action of the bulk with its state and, when it failed, why. */
const BulkResults = ({ actions }: { actions: readonly ActionView[] }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const count = (status: ActionView['status']) => actions.filter((action) => action.status === status).length;
  const failed = count('FAILED');
  const confirmed = count('CONFIRMED');
  return (
    <section className="bulk-results" aria-labelledby="bulk-results-heading" data-testid="bulk-results">
      <h3 id="bulk-results-heading">{t('actions.bulk.results')}</h3>
      <p role="status" data-testid="bulk-summary">
        {t('actions.bulk.summary', { confirmed, failed, pending: actions.length - failed - confirmed, total: actions.length })}
      </p>
      <ul className="bulk-result-list">
        {actions.map((action) => (
          <li key={action.actionId} data-token-id={action.virtualCardId} data-status={action.status} data-testid="bulk-result">
            <span className="bulk-result-token">
              {t('actions.tray.item', { operation: t(operationLabelKey[action.operation]), wallet: t(walletLabelKey[action.walletProviderId]), lastFour: action.tokenLastFour })}
            </span>
            <ActionStatusChip action={action} withOperation={false} />
            {action.failure !== null ? <span className="bulk-result-failure">{failureLines(action.failure, t, language).join(' ')}</span> : null}
            <CopyableId id={action.correlationId} />
          </li>
        ))}
      </ul>
    </section>
  );
};

/**
 * One action for all tokens of a card, or all tokens on a device across the cardholder's cards
 * (a lost phone): pick the action, read the preview, give one reason, confirm once (typing the
 * count to delete), then follow each token's result.
 */
export const BulkActionDialog = ({ target }: { target: BulkTarget }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const { dialog, draft, policy, sent, close, update, submit } = useActionDialog();
  const setOperation = useDeskStore((s) => s.setBulkOperation);
  const reload = useDeskStore((s) => s.loadBulkPreview);
  const selected = useDeskStore((s) => s.selectedVirtualCardId);
  const requestApproval = useDeskStore((s) => s.requestApprovalFromDialog);
  const approval = useDeskStore((s) => {
    const entryId = s.actionDialog === null ? undefined : s.approvalByDraft[s.actionDialog.draftKey];
    return entryId === undefined ? undefined : s.ownApprovals.find((item) => item.entryId === entryId);
  });
  const submitButton = useRef<HTMLButtonElement>(null);
  const previewReady = dialog?.preview.status === 'ready';
  const count = dialog?.preview.status === 'ready' && dialog.preview.data !== null ? changing(dialog.preview.data).length : 0;
  // Everything is chosen already (a lost phone: suspend, "device lost") and the preview is in: the
  // keyboard waits on the button, so Enter confirms exactly what the agent is reading. Deleting
  // still asks for the count to be typed first.
  const presetReady = previewReady && count > 0 && draft.reasonCode !== '' && draft.bulkOperation !== 'delete';
  useEffect(() => {
    if (presetReady) submitButton.current?.focus();
  }, [presetReady]);
  if (dialog === null) return null;

  const operation = draft.bulkOperation;
  // Four-eyes, known from the policy before sending (a bulk delete): one request for the whole
  // selection, so the supervisor decides once and the backend runs each token once, instead of
  // each token being refused 403 APPROVAL_REQUIRED.
  const held = policy ? approvalRuleFor(policy, { operation, overridesSuspensionBy: [], riskRules: [] }) : null;
  const done = dialog.sentActionIds.length > 0 || approval !== undefined;
  const busy = dialog.submitting;
  const preview = dialog.preview.status === 'ready' ? dialog.preview.data : null;
  const lastFour = Object.fromEntries((preview?.items ?? []).map((item) => [item.virtualCardId, item.tokenLastFour]));
  const title =
    target.scope.kind === 'CARD'
      ? t('actions.bulk.titleCard', { card: target.cardLabel ?? '' })
      : t('actions.bulk.titleDevice', { device: target.deviceName ?? t('tokens.unnamedDevice') });
  const formId = `${id}-form`;

  return (
    <ModalDialog
      testId="bulk-dialog"
      title={title}
      onClose={close}
      wide
      // Done or not, back to the token list: the rows show what changed.
      returnFocus={() => focusTokenList(selected)}
      footer={
        <ActionDialogFooter
          formId={formId}
          finished={done}
          onClose={close}
          submit={{ label: t(bulkSubmitLabelKey[operation], { count }), sending: busy, danger: operation === 'delete', disabled: count === 0 }}
          submitRef={submitButton}
          instead={held !== null && count > 0 ? <SupervisorApproval rule={held} bulkCount={count} /> : undefined}
        />
      }
    >
      <ActionForm id={formId} onSubmit={() => void (held !== null ? requestApproval() : submit())}>
        <fieldset className="bulk-operation" disabled={done || busy}>
          <legend>{t('actions.bulk.operation')}</legend>
          {BulkOperationName.options.map((candidate) => (
            <label key={candidate}>
              <input type="radio" name={`${id}-operation`} value={candidate} checked={operation === candidate} onChange={() => setOperation(candidate)} />
              {t(operationLabelKey[candidate])}
            </label>
          ))}
        </fieldset>
        <div className="bulk-preview-area" hidden={done} aria-busy={dialog.preview.status === 'loading'}>
          {dialog.preview.status === 'loading' ? (
            <p className="loading-state" role="status">
              {t('actions.bulk.loading')}
            </p>
          ) : null}
          {dialog.preview.status === 'failed' && dialog.preview.error !== null ? (
            <CallErrorNotice
              error={dialog.preview.error}
              title={t('actions.bulk.failed')}
              onRetry={() => void reload()}
              retryLabel={t('actions.bulk.retry')}
              testId="bulk-preview-error"
            />
          ) : null}
          {preview !== null && !done ? (
            <>
              <p className="hint">{t('actions.bulk.previewAt', { time: formatDateTime(preview.generatedAt, language) })}</p>
              <BulkPreviewList preview={preview} />
            </>
          ) : null}
        </div>
        {approval !== undefined ? <BulkApprovalResults view={approval} lastFour={lastFour} /> : null}
        {done ? (
          approval === undefined ? <BulkResults actions={sent} /> : null
        ) : (
          <>
            <ReasonFields operation={operation} draft={draft} problems={dialog.fieldProblems} disabled={busy} onChange={update} />
            {operation === 'delete' ? (
              <DigitsConfirmField
                id={`${id}-count`}
                field="confirmCount"
                label={t('actions.bulk.confirmCount')}
                maxLength={3}
                draft={draft}
                problems={dialog.fieldProblems}
                disabled={busy}
                testId="bulk-confirm-count"
                onChange={update}
              >
                <p className="action-final">{t('actions.bulk.deleteFinal', { count })}</p>
              </DigitsConfirmField>
            ) : null}
            <NotificationPlan operation={operation} policy={policy} />
            <DialogSubmitError error={dialog.submitError} />
          </>
        )}
      </ActionForm>
    </ModalDialog>
  );
};
