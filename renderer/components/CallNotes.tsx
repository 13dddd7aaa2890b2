import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { PHONE_CALL_NOTES_MAX } from '../../shared/contract';
import { phoneCallSelectors } from '../store/phone-call/selectors';
import { useDeskStore } from '../store/store-context';

/**
 * The agent's notes for the phone call in progress. Main keeps them (in the profile) a moment after
 * each change, so a reload, a crash or an idle lock loses nothing; they go with the phone call's
 * record at the wrap-up. Writing here with no phone call open starts one. A change that would put a
 * card number in them is refused, and the field says why and where.
 */
export const CallNotes = () => {
  const { t } = useTranslation();
  const { notes, refusal, save, open } = useDeskStore(
    useShallow((s) => ({
      notes: phoneCallSelectors.notes(s),
      refusal: phoneCallSelectors.notesRefusal(s),
      save: phoneCallSelectors.notesSave(s),
      open: phoneCallSelectors.isOpen(s),
    })),
  );
  const setNotes = useDeskStore((s) => s.setPhoneCallNotes);
  const flush = useDeskStore((s) => s.flushPhoneCallNotes);
  return (
    <section className="call-notes" data-testid="call-notes">
      <div className="call-notes-head">
        <label id="call-notes-label" htmlFor="call-notes">
          {t('phoneCalls.notes.label')}
        </label>
        <span className="call-notes-save" role="status" data-save={save} data-testid="call-notes-save">
          {save === 'saving' ? t('phoneCalls.notes.saving') : null}
          {save === 'saved' ? t('phoneCalls.notes.saved') : null}
          {save === 'failed' ? t('phoneCalls.notes.failed') : null}
        </span>
      </div>
      <textarea
        id="call-notes"
        value={notes}
        rows={10}
        maxLength={PHONE_CALL_NOTES_MAX}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={refusal !== null}
        aria-describedby="call-notes-hint call-notes-problem"
        onChange={(event) => setNotes(event.target.value)}
        onBlur={() => void flush()}
      />
      {/* Always in the DOM, so a refusal is announced when it appears and moves nothing below it. */}
      <p id="call-notes-problem" className="field-problem" role="alert" data-testid="call-notes-problem">
        {refusal === null ? '' : t('freeText.cardNumber', { ...refusal })}
      </p>
      <p id="call-notes-hint" className="hint">
        {open ? t('phoneCalls.notes.hint') : t('phoneCalls.notes.noCall')}
      </p>
    </section>
  );
};
