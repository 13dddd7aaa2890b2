import { useTranslation } from 'react-i18next';
import { MAX_CALL_NOTES } from '../store/workspace/commands';
import { workspaceSelectors } from '../store/workspace/selectors';
import { useDeskStore } from '../store/store-context';

/**
 * The agent's scratch pad for the call in progress. Held in renderer memory only: not saved, not
 * sent, kept through a screen lock and cleared on sign-out, as the hint beneath it says. A change
 * that would put a card number in it is refused, and the field says why and where.
 */
export const CallNotes = () => {
  const { t } = useTranslation();
  const notes = useDeskStore(workspaceSelectors.callNotes);
  const refusal = useDeskStore(workspaceSelectors.callNotesRefusal);
  const setCallNotes = useDeskStore((s) => s.setCallNotes);
  return (
    <section className="call-notes">
      <label id="call-notes-label" htmlFor="call-notes">
        {t('notes.label')}
      </label>
      <textarea
        id="call-notes"
        value={notes}
        rows={10}
        maxLength={MAX_CALL_NOTES}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={refusal !== null}
        aria-describedby="call-notes-hint call-notes-problem"
        onChange={(event) => setCallNotes(event.target.value)}
      />
      {/* Always in the DOM, so a refusal is announced when it appears and moves nothing below it. */}
      <p id="call-notes-problem" className="field-problem" role="alert" data-testid="call-notes-problem">
        {refusal === null ? '' : t('freeText.cardNumber', { ...refusal })}
      </p>
      <p id="call-notes-hint" className="hint">
        {t('notes.hint')}
      </p>
    </section>
  );
};
