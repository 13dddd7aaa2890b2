import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { BulkOperationName, type ActionView } from '../../../shared/contract';
import { formatDateTime } from '../../format/date-time';
import { useLanguage } from '../../hooks/use-language';
import { walletLabelKey } from '../../i18n/lookup-label-keys';
import type { BulkTarget } from '../../store/actions/initialState';
import { actionsSelectors, sentActions } from '../../store/actions/selectors';
import { changing } from '../../store/actions/validate';
import { useDeskStore } from '../../store/store-context';
import { CallErrorNotice } from '../CallErrorNotice';
import { ActionStatusChip } from './ActionStatusChip';
import { BulkPreviewList } from './BulkPreviewList';
import { CopyableId } from './CopyableId';
import { DialogSubmitError } from './DialogSubmitError';
import { DigitsConfirmField } from './DigitsConfirmField';
import { ModalDialog } from './ModalDialog';
import { ReasonFields } from './ReasonFields';
import { bulkSubmitLabelKey, operationLabelKey } from './action-label-keys';
import { failureLines } from './describe-action';
import { NotificationPlan } from './NotificationPlan';

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
  const { dialog, draft, byId, policy } = useDeskStore(
    useShallow((s) => ({ dialog: actionsSelectors.dialog(s), draft: actionsSelectors.draft(s), byId: actionsSelectors.byId(s), policy: actionsSelectors.policyData(s) })),
  );
  const close = useDeskStore((s) => s.closeActionDialog);
  const update = useDeskStore((s) => s.updateActionDraft);
  const submit = useDeskStore((s) => s.submitActionDialog);
  const setOperation = useDeskStore((s) => s.setBulkOperation);
  const reload = useDeskStore((s) => s.loadBulkPreview);
  if (dialog === null) return null;

  const sent = sentActions(dialog, byId);
  const done = dialog.sentActionIds.length > 0;
  const busy = dialog.submitting;
  const operation = draft.bulkOperation;
  const preview = dialog.preview.status === 'ready' ? dialog.preview.data : null;
  const count = preview === null ? 0 : changing(preview).length;
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
      footer={
        <>
          <span className="hint action-dialog-keeps">{done ? '' : t('actions.dialog.keepsDraft')}</span>
          <button type="button" className="button-secondary" onClick={close}>
            {done ? t('actions.dialog.close') : t('actions.dialog.cancel')}
          </button>
          {done ? null : (
            <button
              type="submit"
              form={formId}
              className={operation === 'delete' ? 'button-danger' : 'button-primary'}
              disabled={busy || count === 0}
              data-testid="action-submit"
            >
              {busy ? t('actions.dialog.sending') : t(bulkSubmitLabelKey[operation], { count })}
            </button>
          )}
        </>
      }
    >
      <form
        id={formId}
        className="action-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
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
              action={
                <button type="button" className="button-secondary" onClick={() => void reload()}>
                  {t('actions.bulk.retry')}
                </button>
              }
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
        {done ? (
          <BulkResults actions={sent} />
        ) : (
          <>
            <ReasonFields operation={operation} draft={draft} problems={dialog.fieldProblems} disabled={busy} onChange={update} />
            {operation === 'delete' ? (
              <div className="field action-last-four">
                <p className="action-final">{t('actions.bulk.deleteFinal', { count })}</p>
                <DigitsConfirmField
                  id={`${id}-count`}
                  label={t('actions.bulk.confirmCount')}
                  maxLength={3}
                  value={draft.confirmCount}
                  disabled={busy}
                  problem={dialog.fieldProblems.confirmCount}
                  testId="bulk-confirm-count"
                  onChange={(value) => update({ confirmCount: value })}
                />
              </div>
            ) : null}
            <NotificationPlan operation={operation} policy={policy} />
            <DialogSubmitError error={dialog.submitError} />
          </>
        )}
      </form>
    </ModalDialog>
  );
};
