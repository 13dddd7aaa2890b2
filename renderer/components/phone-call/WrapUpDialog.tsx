import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { PHONE_CALL_NOTES_MAX, type OpenPhoneCall } from '../../../shared/contract';
import { useClock } from '../../hooks/use-clock';
import { useLanguage } from '../../hooks/use-language';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import type { WrapUp } from '../../store/phone-call/initialState';
import { phoneCallSelectors } from '../../store/phone-call/selectors';
import { useDeskStore } from '../../store/store-context';
import { ActionStatusChip } from '../actions/ActionStatusChip';
import { operationLabelKey } from '../actions/action-label-keys';
import { ModalDialog } from '../actions/ModalDialog';
import { CallErrorNotice } from '../CallErrorNotice';
import { formatDuration, formatTimeOfDay } from './phone-call-format';

const SAVE_LABEL = { none: 'phoneCalls.wrapUp.save', next: 'phoneCalls.wrapUp.saveNext', signOut: 'phoneCalls.wrapUp.saveSignOut' } as const;

/** The actions taken during the phone call, each as it stands now (the tray's view of it, when this console has it). */
const CallActions = ({ call }: { call: OpenPhoneCall }) => {
  const { t } = useTranslation();
  const byId = useDeskStore((s) => s.actionsById);
  if (call.actions.length === 0) return <p className="hint">{t('phoneCalls.wrapUp.noActions')}</p>;
  return (
    <ul className="wrap-up-actions" data-testid="wrap-up-actions">
      {call.actions.map((action) => {
        const view = byId[action.actionId];
        return (
          <li key={action.actionId} data-action-id={action.actionId}>
            {view !== undefined ? (
              <ActionStatusChip action={view} />
            ) : (
              <span className="action-chip">{t(operationLabelKey[action.operation])}</span>
            )}{' '}
            <span className="wrap-up-token">••••{action.tokenLastFour}</span> <code className="selectable wrap-up-token-id">{action.virtualCardId}</code>
          </li>
        );
      })}
    </ul>
  );
};

/** The issuer's outcome codes, one to choose, labelled in the agent's language. */
const OutcomeChoice = ({ wrapUp }: { wrapUp: WrapUp }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const { outcomes, status, error } = useDeskStore(
    useShallow((s) => ({ outcomes: phoneCallSelectors.outcomes(s), status: phoneCallSelectors.outcomesStatus(s), error: phoneCallSelectors.outcomesError(s) })),
  );
  const choose = useDeskStore((s) => s.setWrapUpOutcome);
  const reload = useDeskStore((s) => s.loadCallOutcomes);
  return (
    <fieldset className="wrap-up-outcomes" aria-invalid={wrapUp.outcomeMissing} aria-describedby="wrap-up-outcome-problem" data-testid="wrap-up-outcomes">
      <legend>{t('phoneCalls.wrapUp.outcome')}</legend>
      {status === 'loading' && outcomes.length === 0 ? <p className="hint">{t('phoneCalls.wrapUp.outcomesLoading')}</p> : null}
      {status === 'failed' && error !== null ? (
        <CallErrorNotice error={error} title={t('phoneCalls.wrapUp.outcomesFailed')} onRetry={() => void reload()} retryLabel={t('phoneCalls.wrapUp.retry')} />
      ) : null}
      <div className="wrap-up-outcome-list">
        {outcomes.map((outcome) => (
          <label key={outcome.code} className="wrap-up-outcome">
            <input
              type="radio"
              name="wrap-up-outcome"
              value={outcome.code}
              checked={wrapUp.outcomeCode === outcome.code}
              onChange={() => choose(outcome.code)}
            />
            <span>{outcome.label[language]}</span>
          </label>
        ))}
      </div>
      <p id="wrap-up-outcome-problem" className="field-problem" role="alert">
        {wrapUp.outcomeMissing ? t('phoneCalls.wrapUp.outcomeRequired') : ''}
      </p>
    </fieldset>
  );
};

/**
 * The end of a phone call: the outcome chosen from the issuer's list, the notes as they will be
 * kept (still editable), the token actions taken, then one save that sends the record. Cancel goes
 * back to the call with nothing lost.
 */
export const WrapUpDialog = ({ call, wrapUp }: { call: OpenPhoneCall; wrapUp: WrapUp }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const now = useClock(1000);
  const { notes, refusal } = useDeskStore(useShallow((s) => ({ notes: phoneCallSelectors.notes(s), refusal: phoneCallSelectors.notesRefusal(s) })));
  const cardholder = useDeskStore(cardholderSelectors.cardholder);
  const setNotes = useDeskStore((s) => s.setPhoneCallNotes);
  const save = useDeskStore((s) => s.saveWrapUp);
  const cancel = useDeskStore((s) => s.cancelWrapUp);
  const name = cardholder?.cardholderId === call.cardholderId && cardholder !== null ? (cardholder.name.kanji ?? cardholder.name.latin) : null;
  return (
    <ModalDialog
      title={t('phoneCalls.wrapUp.title')}
      subtitle={t('phoneCalls.wrapUp.summary', { start: formatTimeOfDay(call.startedAt, language), duration: formatDuration(now - Date.parse(call.startedAt)) })}
      onClose={cancel}
      testId="wrap-up-dialog"
      footer={
        <>
          <button type="button" className="button-secondary" onClick={cancel} disabled={wrapUp.saving}>
            {t('phoneCalls.wrapUp.cancel')}
          </button>
          <button type="button" className="button-primary" data-testid="action-submit" disabled={wrapUp.saving} aria-busy={wrapUp.saving} onClick={() => void save()}>
            {wrapUp.saving ? t('phoneCalls.wrapUp.saving') : t(SAVE_LABEL[wrapUp.then])}
          </button>
        </>
      }
    >
      <dl className="wrap-up-facts">
        <div>
          <dt>{t('phoneCalls.wrapUp.cardholder')}</dt>
          <dd data-testid="wrap-up-cardholder">
            {call.cardholderId === null ? t('phoneCalls.bar.notIdentified') : name !== null ? `${name} (${call.cardholderId})` : call.cardholderId}
          </dd>
        </div>
        {call.telephony !== null ? (
          <div>
            <dt>{t('phoneCalls.wrapUp.caller')}</dt>
            <dd>{call.telephony.callerNumber ?? t('phoneCalls.bar.callerUnknown')}</dd>
          </div>
        ) : null}
      </dl>
      <OutcomeChoice wrapUp={wrapUp} />
      <div className="field wrap-up-notes">
        <label htmlFor="wrap-up-notes">{t('phoneCalls.wrapUp.notes')}</label>
        <textarea
          id="wrap-up-notes"
          value={notes}
          rows={5}
          maxLength={PHONE_CALL_NOTES_MAX}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={refusal !== null}
          aria-describedby="wrap-up-notes-problem"
          onChange={(event) => setNotes(event.target.value)}
        />
        <p id="wrap-up-notes-problem" className="field-problem" role="alert">
          {refusal === null ? '' : t('freeText.cardNumber', { ...refusal })}
        </p>
      </div>
      <section className="wrap-up-section" aria-labelledby="wrap-up-actions-title">
        <h3 id="wrap-up-actions-title" className="wrap-up-heading">
          {t('phoneCalls.wrapUp.actions')}
        </h3>
        <CallActions call={call} />
      </section>
      {wrapUp.error !== null ? <CallErrorNotice error={wrapUp.error} testId="wrap-up-error" /> : null}
    </ModalDialog>
  );
};
